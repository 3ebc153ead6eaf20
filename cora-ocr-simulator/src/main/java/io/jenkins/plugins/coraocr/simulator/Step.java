package io.jenkins.plugins.coraocr.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of a {@link WorkflowScript}: what to answer, for how long, and how long to wait before
 * answering.
 */
public record Step(Outcome outcome, StepLength length, Duration delay) {

    public Step {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
    }

    /** A step that answers one poll at once. */
    public static Step once(Outcome outcome) {
        return new Step(outcome, StepLength.polls(1), Duration.ZERO);
    }
}
