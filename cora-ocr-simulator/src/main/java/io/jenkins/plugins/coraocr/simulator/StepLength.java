package io.jenkins.plugins.coraocr.simulator;

import java.time.Duration;
import java.util.Objects;

/** How long a scripted step keeps answering before the next step takes over. */
public sealed interface StepLength {

    /** The step answers this many polls. */
    static StepLength polls(int polls) {
        return new Polls(polls);
    }

    /** The step answers every poll until this much time has passed since the first poll that reached it. */
    static StepLength lasting(Duration duration) {
        return new Timed(duration);
    }

    record Polls(int count) implements StepLength {
        public Polls {
            if (count < 1) {
                throw new IllegalArgumentException("a step lasts at least 1 poll, not " + count);
            }
        }
    }

    record Timed(Duration duration) implements StepLength {
        public Timed {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a step duration must be positive, not " + duration);
            }
        }
    }
}
