package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.ServerText;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import io.jenkins.plugins.coraocr.client.wait.Durations;
import io.jenkins.plugins.coraocr.client.wait.WaitListener;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every line a gate prints, the same in a build log and on a terminal: a line when the wait starts (or
 * resumes), one per status change (not per unchanged poll), one per retry, and the outcome. With
 * {@code quiet}, only the outcome. Each line is one physical line: whatever server text it carries has its
 * control characters escaped.
 */
public final class GateConsole {
    private final Consumer<String> info;
    private final Consumer<String> problems;
    private final boolean quiet;

    /**
     * @param info where progress and passing outcomes go (a terminal's stdout, a build log)
     * @param problems where retries, warnings and failures go (a terminal's stderr, the same build log)
     */
    public GateConsole(Consumer<String> info, Consumer<String> problems, boolean quiet) {
        this.info = Objects.requireNonNull(info, "info");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.quiet = quiet;
    }

    void started(GateTarget target, WaitState state, WaitOptions options) {
        if (quiet) {
            return;
        }
        print(
                info,
                "Waiting for OCR workflow " + state.workflowId() + " on " + where(target) + ": "
                        + connection(target.waiter().client()) + ", polling every "
                        + Durations.format(options.pollInterval())
                        + ", " + deadline(state, options));
        if (target.credentialsOverPlainHttp()) {
            print(
                    problems,
                    "WARNING: the password for " + where(target)
                            + " travels unencrypted over plain http; use https if the server offers it.");
        }
    }

    void resumed(GateTarget target, WaitState state, WaitOptions options) {
        if (quiet) {
            return;
        }
        print(
                info,
                "Resuming the wait for OCR workflow " + state.workflowId() + " on " + where(target) + ": "
                        + connection(target.waiter().client()) + ", polling every "
                        + Durations.format(options.pollInterval())
                        + ", " + deadline(state, options)
                        + state.lastStatus()
                                .map(status -> ", last status " + status.describe())
                                .orElse(""));
    }

    /** The final line of an outcome the caller does not fail on. */
    void outcome(String line, boolean problem) {
        print(problem ? problems : info, line);
    }

    void warning(String line) {
        print(problems, "WARNING: " + line);
    }

    /** Status changes and retries, for the wait engine. */
    WaitListener progress() {
        return new WaitListener() {
            @Override
            public void onStatusChange(WorkflowStatus previous, WorkflowStatus current, Duration elapsed) {
                if (!quiet) {
                    print(info, "[+" + Durations.format(elapsed) + "] status " + current.describe());
                }
            }

            @Override
            public void onRetryableError(CoraOcrException error, int attempt, Duration retryIn) {
                if (!quiet) {
                    print(
                            problems,
                            "poll failed (" + attempt + " in a row), retrying in " + Durations.format(retryIn) + ": "
                                    + error.detail());
                }
            }
        };
    }

    private static String where(GateTarget target) {
        String endpoint = target.waiter().client().endpoint().toString();
        return target.serverName() == null ? endpoint : "Cora server '" + target.serverName() + "' (" + endpoint + ")";
    }

    private static String connection(CoraOcrClient client) {
        return client.soapVersion() + ", "
                + (client.sendsCredentials() ? client.authentication().label() + " authentication" : "no credentials")
                + client.proxy()
                        .map(proxy -> ", through the proxy " + proxy.address())
                        .orElse("");
    }

    private static String deadline(WaitState state, WaitOptions options) {
        return state.hasDeadline()
                ? "deadline " + Instant.ofEpochMilli(state.deadlineEpochMillis()) + " ("
                        + Durations.format(options.timeout()) + ")"
                : "no deadline";
    }

    private static void print(Consumer<String> channel, String line) {
        channel.accept(ServerText.escape(line));
    }
}
