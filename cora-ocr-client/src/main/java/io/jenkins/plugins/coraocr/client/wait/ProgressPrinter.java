package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The progress a person watches: a line when the wait starts, one per status change (not per
 * unchanged poll), one per retry, and the outcome. Shared by the command line and the Jenkins
 * step so both read the same.
 */
public final class ProgressPrinter implements WaitListener {
    private final Consumer<String> lines;
    private final boolean quiet;

    /** @param quiet keep only the final outcome line */
    public ProgressPrinter(Consumer<String> lines, boolean quiet) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.quiet = quiet;
    }

    /** @param serverLabel the server's configured name, or null where it has none */
    public void printStart(String serverLabel, URI endpoint, WaitState state, WaitOptions options) {
        if (quiet) {
            return;
        }
        String server = serverLabel == null ? endpoint.toString() : serverLabel + " (" + endpoint + ")";
        String deadline = state.hasDeadline()
                ? "deadline " + Instant.ofEpochMilli(state.deadlineEpochMillis()) + " ("
                        + Durations.format(options.timeout()) + ")"
                : "no deadline";
        String verb = state.polls() > 0 || state.consecutiveErrors() > 0 ? "Resuming the wait for" : "Waiting for";
        lines.accept(verb + " OCR workflow " + state.workflowId() + " on " + server + ": polling every "
                + Durations.format(options.pollInterval()) + ", " + deadline
                + state.lastStatus().map(status -> ", last status " + status).orElse(""));
    }

    @Override
    public void onStatusChange(WorkflowStatus previous, WorkflowStatus current, Duration elapsed) {
        if (!quiet) {
            lines.accept("[+" + Durations.format(elapsed) + "] status " + current);
        }
    }

    @Override
    public void onRetryableError(CoraOcrException error, int attempt, Duration retryIn) {
        if (!quiet) {
            lines.accept("poll failed (attempt " + attempt + "), retrying in " + Durations.format(retryIn) + ": "
                    + error.detail());
        }
    }

    @Override
    public void onOutcome(WaitOutcome outcome) {
        lines.accept(outcome.message());
    }
}
