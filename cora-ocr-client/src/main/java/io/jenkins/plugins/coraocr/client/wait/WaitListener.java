package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.time.Duration;

/**
 * Progress of one wait. Called on the engine's worker threads, one call at a time per wait, so
 * implementations must not block.
 */
public interface WaitListener {
    /** Every poll answered with a status, changed or not. */
    default void onPoll(WorkflowStatus status, int polls) {}

    /** The first status, and every later one that differs from the one before. */
    default void onStatusChange(WorkflowStatus previous, WorkflowStatus current, Duration elapsed) {}

    /** A retryable failure; the next attempt follows after {@code retryIn}. */
    default void onRetryableError(CoraOcrException error, int attempt, Duration retryIn) {}

    /** The state after every attempt, answered or failed: what a restartable caller saves. */
    default void onState(WaitState state) {}

    /** The end of the wait, just before the future completes. */
    default void onOutcome(WaitOutcome outcome) {}
}
