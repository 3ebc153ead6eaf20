package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of the {@code waitForOcrWorkflow} Pipeline step, as Pipeline passes them, checked into a
 * {@link GateRequest}. The step and its form validation both use this, so a value the form accepts is a
 * value the step accepts.
 */
public final class PipelineArguments {
    public static final String WORKFLOW_ID = "workflowId";
    public static final String SERVER = "server";
    public static final String POLL_INTERVAL_SECONDS = "pollIntervalSeconds";
    public static final String TIMEOUT_MINUTES = "timeoutMinutes";
    public static final String MAX_ERRORS = "maxErrors";
    public static final String ACCEPT_ERROR_CODES = "acceptErrorCodes";
    public static final String UNSTABLE_ERROR_CODES = "unstableErrorCodes";
    public static final String PROPAGATE = "propagate";
    public static final String QUIET = "quiet";

    /** The values the step uses when an argument is left out, as a Pipeline writes them. */
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = (int) WaitOptions.DEFAULT_POLL_INTERVAL.toSeconds();

    public static final int DEFAULT_TIMEOUT_MINUTES = (int) WaitOptions.DEFAULT_TIMEOUT.toMinutes();
    public static final int DEFAULT_MAX_ERRORS = WaitOptions.DEFAULT_MAX_CONSECUTIVE_ERRORS;

    /** A year: long enough for any OCR job, short enough that no deadline arithmetic overflows. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(366);

    static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);
    static final int MAX_MAX_ERRORS = 1_000_000;

    private static final Set<String> NAMES = Set.of(
            WORKFLOW_ID,
            SERVER,
            POLL_INTERVAL_SECONDS,
            TIMEOUT_MINUTES,
            MAX_ERRORS,
            ACCEPT_ERROR_CODES,
            UNSTABLE_ERROR_CODES,
            PROPAGATE,
            QUIET);

    private PipelineArguments() {}

    /**
     * @param raw the step's arguments by name; a missing or null entry takes its default
     * @throws ArgumentException for the first argument that is wrong
     */
    public static GateRequest parse(Map<String, ?> raw) {
        for (String name : raw.keySet()) {
            if (!NAMES.contains(name)) {
                throw new ArgumentException(name, "waitForOcrWorkflow has no such parameter");
            }
        }
        long workflowId = Arguments.workflowId(WORKFLOW_ID, raw.get(WORKFLOW_ID));
        WaitOptions.Builder options = WaitOptions.builder()
                .pollInterval(Arguments.amount(
                        POLL_INTERVAL_SECONDS,
                        raw.get(POLL_INTERVAL_SECONDS),
                        Duration.ofSeconds(1),
                        "seconds",
                        WaitOptions.DEFAULT_POLL_INTERVAL,
                        WaitOptions.MIN_POLL_INTERVAL,
                        MAX_POLL_INTERVAL))
                .timeout(Arguments.amount(
                        TIMEOUT_MINUTES,
                        raw.get(TIMEOUT_MINUTES),
                        Duration.ofMinutes(1),
                        "minutes",
                        WaitOptions.DEFAULT_TIMEOUT,
                        Duration.ZERO,
                        MAX_TIMEOUT))
                .maxConsecutiveErrors(
                        Arguments.wholeNumber(MAX_ERRORS, raw.get(MAX_ERRORS), DEFAULT_MAX_ERRORS, 1, MAX_MAX_ERRORS))
                .acceptErrorCodes(Arguments.errorCodes(ACCEPT_ERROR_CODES, raw.get(ACCEPT_ERROR_CODES)))
                .unstableErrorCodes(Arguments.errorCodes(UNSTABLE_ERROR_CODES, raw.get(UNSTABLE_ERROR_CODES)));
        WaitOptions checked;
        try {
            checked = options.build();
        } catch (IllegalArgumentException e) {
            throw new ArgumentException(ACCEPT_ERROR_CODES + ", " + UNSTABLE_ERROR_CODES, e.getMessage());
        }
        Object server = raw.get(SERVER);
        return new GateRequest(
                workflowId,
                checked,
                server == null || server.toString().isBlank()
                        ? null
                        : server.toString().trim(),
                Arguments.flag(PROPAGATE, raw.get(PROPAGATE), true),
                Arguments.flag(QUIET, raw.get(QUIET), false));
    }

    /**
     * Checks one argument alone, as a form field does; the others take their defaults.
     *
     * @throws ArgumentException when the value would fail the step
     */
    public static void check(String name, Object value) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put(WORKFLOW_ID, 1L);
        raw.put(name, value);
        parse(raw);
    }
}
