package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** How to wait: poll interval, overall timeout, error tolerance and which error codes pass. */
public final class WaitOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);
    public static final int DEFAULT_MAX_CONSECUTIVE_ERRORS = 10;

    private final Duration pollInterval;
    private final Duration timeout;
    private final int maxConsecutiveErrors;
    // EnumSet is Serializable and small; kept as the concrete type so the saved form stays stable.
    private final EnumSet<OcrErrorCode> acceptErrorCodes;
    private final EnumSet<OcrErrorCode> unstableErrorCodes;

    private WaitOptions(Builder builder) {
        this.pollInterval = builder.pollInterval;
        this.timeout = builder.timeout;
        this.maxConsecutiveErrors = builder.maxConsecutiveErrors;
        this.acceptErrorCodes = builder.acceptErrorCodes.clone();
        this.unstableErrorCodes = builder.unstableErrorCodes.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static WaitOptions defaults() {
        return builder().build();
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** The overall timeout; {@link Duration#ZERO} means none. */
    public Duration timeout() {
        return timeout;
    }

    public int maxConsecutiveErrors() {
        return maxConsecutiveErrors;
    }

    public Set<OcrErrorCode> acceptErrorCodes() {
        return Collections.unmodifiableSet(acceptErrorCodes);
    }

    public Set<OcrErrorCode> unstableErrorCodes() {
        return Collections.unmodifiableSet(unstableErrorCodes);
    }

    @Override
    public String toString() {
        return "poll every " + Durations.format(pollInterval)
                + ", timeout " + (timeout.isZero() ? "none" : Durations.format(timeout))
                + ", max " + maxConsecutiveErrors + " consecutive errors"
                + (acceptErrorCodes.isEmpty() ? "" : ", accept " + acceptErrorCodes)
                + (unstableErrorCodes.isEmpty() ? "" : ", unstable " + unstableErrorCodes);
    }

    /** Checks each value as it is set, so the message names the field the caller got wrong. */
    public static final class Builder {
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxConsecutiveErrors = DEFAULT_MAX_CONSECUTIVE_ERRORS;
        private EnumSet<OcrErrorCode> acceptErrorCodes = EnumSet.noneOf(OcrErrorCode.class);
        private EnumSet<OcrErrorCode> unstableErrorCodes = EnumSet.noneOf(OcrErrorCode.class);

        private Builder() {}

        public Builder pollInterval(Duration value) {
            Objects.requireNonNull(value, "pollInterval");
            if (value.compareTo(MIN_POLL_INTERVAL) < 0) {
                throw new IllegalArgumentException("poll interval must be at least "
                        + Durations.format(MIN_POLL_INTERVAL) + ", got " + Durations.format(value));
            }
            this.pollInterval = value;
            return this;
        }

        /** {@link Duration#ZERO} waits without a deadline. */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative()) {
                throw new IllegalArgumentException("timeout must not be negative, got " + value);
            }
            this.timeout = value;
            return this;
        }

        public Builder maxConsecutiveErrors(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max consecutive errors must be at least 1, got " + value);
            }
            this.maxConsecutiveErrors = value;
            return this;
        }

        public Builder acceptErrorCodes(Set<OcrErrorCode> codes) {
            this.acceptErrorCodes = copyOf("accept error codes", codes);
            return this;
        }

        public Builder unstableErrorCodes(Set<OcrErrorCode> codes) {
            this.unstableErrorCodes = copyOf("unstable error codes", codes);
            return this;
        }

        public WaitOptions build() {
            EnumSet<OcrErrorCode> both = acceptErrorCodes.clone();
            both.retainAll(unstableErrorCodes);
            if (!both.isEmpty()) {
                throw new IllegalArgumentException("an error code cannot be both accepted and unstable: " + both);
            }
            return new WaitOptions(this);
        }

        private static EnumSet<OcrErrorCode> copyOf(String field, Set<OcrErrorCode> codes) {
            Objects.requireNonNull(codes, field);
            if (codes.contains(OcrErrorCode.UNKNOWN)) {
                throw new IllegalArgumentException(
                        field + ": UNKNOWN is not an error code; valid codes are " + OcrErrorCode.validNames());
            }
            return codes.isEmpty() ? EnumSet.noneOf(OcrErrorCode.class) : EnumSet.copyOf(codes);
        }
    }
}
