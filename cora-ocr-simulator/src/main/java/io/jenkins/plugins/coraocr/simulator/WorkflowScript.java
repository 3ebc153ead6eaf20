package io.jenkins.plugins.coraocr.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordered answers the simulator gives to GetStatus polls for one workflow. Each step lasts one poll
 * unless it says otherwise; the last step repeats forever.
 */
public final class WorkflowScript {

    private final List<Step> steps;

    private WorkflowScript(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a workflow script needs at least one step");
        }
        this.steps = List.copyOf(steps);
    }

    public static WorkflowScript of(List<Step> steps) {
        return new WorkflowScript(steps);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Step> steps() {
        return steps;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkflowScript script && steps.equals(script.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return "WorkflowScript" + steps;
    }

    /**
     * Adds steps in order. {@link #times}, {@link #forDuration} and {@link #delayedBy} change the step added
     * last.
     */
    public static final class Builder {

        private final List<Step> steps = new ArrayList<>();
        private boolean lengthSetOnLast;

        private Builder() {}

        /** Status with error code NoError and no ExternalContext. */
        public Builder status(String status) {
            return status(status, "NoError", null);
        }

        public Builder status(String status, String errorCode) {
            return status(status, errorCode, null);
        }

        public Builder status(String status, String errorCode, String externalContext) {
            return add(new Outcome.StatusReply(status, errorCode, externalContext));
        }

        public Builder httpError(int httpStatus) {
            return add(new Outcome.HttpError(httpStatus));
        }

        /** A {@code soap:Server} (1.2: {@code soap:Receiver}) fault with this faultstring. */
        public Builder soapFault(String faultString) {
            return soapFault(FaultCode.SERVER, faultString);
        }

        public Builder soapFault(FaultCode faultCode, String faultString) {
            return add(new Outcome.SoapFault(faultCode, faultString));
        }

        public Builder malformedBody() {
            return add(new Outcome.MalformedBody());
        }

        public Builder dropConnection() {
            return add(new Outcome.DroppedConnection());
        }

        /** Adds a complete step; it brings its own length, so {@link #times} and {@link #forDuration} cannot follow. */
        public Builder step(Step step) {
            steps.add(Objects.requireNonNull(step, "step"));
            lengthSetOnLast = true;
            return this;
        }

        /** The last step answers this many polls. */
        public Builder times(int polls) {
            return length(StepLength.polls(polls));
        }

        /** The last step answers every poll until this much time has passed since the first poll that reached it. */
        public Builder forDuration(Duration duration) {
            return length(StepLength.lasting(duration));
        }

        /** The last step waits this long before answering (for a dropped connection: before closing it). */
        public Builder delayedBy(Duration delay) {
            Step last = last("delayedBy");
            steps.set(steps.size() - 1, new Step(last.outcome(), last.length(), delay));
            return this;
        }

        public WorkflowScript build() {
            return new WorkflowScript(steps);
        }

        private Builder add(Outcome outcome) {
            steps.add(Step.once(outcome));
            lengthSetOnLast = false;
            return this;
        }

        private Builder length(StepLength length) {
            Step last = last("times/forDuration");
            if (lengthSetOnLast) {
                throw new IllegalStateException("the last step already has a length: " + last.length());
            }
            steps.set(steps.size() - 1, new Step(last.outcome(), length, last.delay()));
            lengthSetOnLast = true;
            return this;
        }

        private Step last(String method) {
            if (steps.isEmpty()) {
                throw new IllegalStateException(method + " needs a step to apply to");
            }
            return steps.get(steps.size() - 1);
        }
    }
}
