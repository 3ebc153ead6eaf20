package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a wait needs to continue after its process restarted: the deadline is absolute
 * (epoch millis), so a resumed wait keeps the deadline it started with. Small and immutable,
 * because a Jenkins step saves it with the pipeline's program state.
 */
public final class WaitState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long workflowId;
    private final long startedAtEpochMillis;
    private final long deadlineEpochMillis;
    private final WorkflowStatus lastStatus;
    private final int polls;
    private final int consecutiveErrors;

    private WaitState(
            long workflowId,
            long startedAtEpochMillis,
            long deadlineEpochMillis,
            WorkflowStatus lastStatus,
            int polls,
            int consecutiveErrors) {
        this.workflowId = workflowId;
        this.startedAtEpochMillis = startedAtEpochMillis;
        this.deadlineEpochMillis = deadlineEpochMillis;
        this.lastStatus = lastStatus;
        this.polls = polls;
        this.consecutiveErrors = consecutiveErrors;
    }

    /**
     * The state of a wait that starts now.
     *
     * @throws IllegalArgumentException when the workflow id is not positive
     */
    public static WaitState begin(long workflowId, WaitOptions options, Instant now) {
        if (workflowId <= 0) {
            throw new IllegalArgumentException("workflow id must be a positive number, got " + workflowId);
        }
        long start = now.toEpochMilli();
        long deadline =
                options.timeout().isZero() ? 0 : start + options.timeout().toMillis();
        return new WaitState(workflowId, start, deadline, null, 0, 0);
    }

    public long workflowId() {
        return workflowId;
    }

    public long startedAtEpochMillis() {
        return startedAtEpochMillis;
    }

    /** The absolute deadline in epoch millis, or 0 when the wait has none. */
    public long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    public boolean hasDeadline() {
        return deadlineEpochMillis != 0;
    }

    public Optional<WorkflowStatus> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /** How many polls were answered with a status. */
    public int polls() {
        return polls;
    }

    public int consecutiveErrors() {
        return consecutiveErrors;
    }

    WaitState answered(WorkflowStatus status) {
        return new WaitState(workflowId, startedAtEpochMillis, deadlineEpochMillis, status, polls + 1, 0);
    }

    /** A status outside the documented list: seen and reported, but it counts as a failed poll. */
    WaitState answeredUnrecognised(WorkflowStatus status) {
        return new WaitState(
                workflowId, startedAtEpochMillis, deadlineEpochMillis, status, polls + 1, consecutiveErrors + 1);
    }

    WaitState failed() {
        return new WaitState(
                workflowId, startedAtEpochMillis, deadlineEpochMillis, lastStatus, polls, consecutiveErrors + 1);
    }

    @Override
    public String toString() {
        return "WaitState{workflow " + workflowId + ", started " + Instant.ofEpochMilli(startedAtEpochMillis)
                + ", deadline " + (hasDeadline() ? Instant.ofEpochMilli(deadlineEpochMillis) : "none")
                + ", last " + (lastStatus == null ? "none" : lastStatus)
                + ", polls " + polls + ", consecutive errors " + consecutiveErrors + "}";
    }
}
