package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The end of a wait: the verdict, what was last seen, and one line saying why. */
public final class WaitOutcome {
    private final long workflowId;
    private final WaitResult result;
    private final WorkflowStatus lastStatus;
    private final int polls;
    private final Duration elapsed;
    private final String message;
    private final CoraOcrException lastError;

    WaitOutcome(
            long workflowId,
            WaitResult result,
            WorkflowStatus lastStatus,
            int polls,
            Duration elapsed,
            String message,
            CoraOcrException lastError) {
        this.workflowId = workflowId;
        this.result = result;
        this.lastStatus = lastStatus;
        this.polls = polls;
        this.elapsed = elapsed;
        this.message = message;
        this.lastError = lastError;
    }

    public long workflowId() {
        return workflowId;
    }

    public WaitResult result() {
        return result;
    }

    public Optional<WorkflowStatus> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /** How many polls were answered with a status. */
    public int polls() {
        return polls;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** One line a person can act on, e.g. "OCR workflow 7 ended Failed with error code InputFileNotFound". */
    public String message() {
        return message;
    }

    /** The failure that ended an ERROR wait, or the last one before a timeout. */
    public Optional<CoraOcrException> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * The outcome as plain values (Long, Integer, String, or null for what was never seen), in a
     * stable order: workflowId, status, errorCode, externalContext, result, polls, elapsedMillis,
     * message. The command line prints it as JSON; the Jenkins step returns it to the pipeline.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("workflowId", workflowId);
        map.put("status", lastStatus == null ? null : lastStatus.rawStatus());
        map.put("errorCode", lastStatus == null ? null : lastStatus.rawErrorCode());
        map.put(
                "externalContext",
                lastStatus == null ? null : lastStatus.externalContext().orElse(null));
        map.put("result", result.name());
        map.put("polls", polls);
        map.put("elapsedMillis", elapsed.toMillis());
        map.put("message", message);
        return map;
    }

    @Override
    public String toString() {
        return result + ": " + message;
    }
}
