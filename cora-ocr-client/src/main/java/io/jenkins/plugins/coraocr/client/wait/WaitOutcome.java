package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The end of a wait: the verdict, what was last seen, and why. */
public final class WaitOutcome {
    private final long workflowId;
    private final WaitResult result;
    private final WorkflowStatus lastStatus;
    private final int polls;
    private final Duration elapsed;
    private final String reason;
    private final CoraOcrException lastError;

    WaitOutcome(
            long workflowId,
            WaitResult result,
            WorkflowStatus lastStatus,
            int polls,
            Duration elapsed,
            String reason,
            CoraOcrException lastError) {
        this.workflowId = workflowId;
        this.result = result;
        this.lastStatus = lastStatus;
        this.polls = polls;
        this.elapsed = elapsed;
        this.reason = reason;
        this.lastError = lastError;
    }

    /**
     * The ERROR of a wait that could not poll at all (its credentials are missing, its server is no longer
     * configured): what it had seen before stays, as {@code state} has it.
     */
    public static WaitOutcome notPolled(WaitState state, String reason, Instant now) {
        return new WaitOutcome(
                state.workflowId(),
                WaitResult.ERROR,
                state.lastStatus().orElse(null),
                state.polls(),
                Duration.ofMillis(Math.max(0, now.toEpochMilli() - state.startedAtEpochMillis())),
                reason,
                null);
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

    /** How many polls were answered with a status (failed polls do not count). */
    public int polls() {
        return polls;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** Why it ended, e.g. "it ended Failed with error code InputFileNotFound". */
    public String reason() {
        return reason;
    }

    /**
     * One line a person can act on: {@code OCR workflow 7 FAILED: <reason>. Last status: <status>. 2 polls in
     * 1.2s.} Server text in it is escaped and cut.
     */
    public String message() {
        return "OCR workflow " + workflowId + " " + result + ": " + details();
    }

    /** {@link #message()} without its subject: {@code <reason>. Last status: <status>. 2 polls in 1.2s.} */
    public String details() {
        return reason + ". Last status: " + (lastStatus == null ? "none" : lastStatus.describe()) + ". " + polls
                + (polls == 1 ? " poll" : " polls") + " in " + Durations.format(elapsed) + ".";
    }

    /** The failure that ended an ERROR wait, or the last one before a timeout. */
    public Optional<CoraOcrException> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * The outcome as plain values (Long, Integer, String, or null for what was never seen), in a stable
     * order: workflowId, status, errorCode, externalContext, result, polls, elapsedMillis, message. Server
     * text is exact here (secrets masked), for programs to read.
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
        map.put("message", message());
        return map;
    }

    @Override
    public String toString() {
        return message();
    }
}
