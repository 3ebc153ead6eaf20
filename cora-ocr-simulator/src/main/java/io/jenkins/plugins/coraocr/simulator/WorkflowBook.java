package io.jenkins.plugins.coraocr.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every workflow the simulator knows, scripted or started by FileBatch, and how far each has got. */
final class WorkflowBook {

    static final Step NOT_FOUND = Step.once(new Outcome.StatusReply("NotFound", "NoError", null));

    private final FileBatchProgression progression;
    private final Map<Long, Run> runs = new HashMap<>();
    private long nextId;

    WorkflowBook(Map<Long, WorkflowScript> scripts, FileBatchProgression progression, long firstWorkflowId) {
        this.progression = progression;
        this.nextId = firstWorkflowId;
        scripts.forEach((id, script) -> runs.put(id, new Run(script.steps(), null)));
    }

    synchronized void script(long workflowId, WorkflowScript script) {
        runs.put(workflowId, new Run(script.steps(), null));
    }

    /** Starts the default progression and returns its new id; ids already scripted are skipped. */
    synchronized long startFileBatch(String externalContext, Instant now) {
        while (runs.containsKey(nextId)) {
            nextId++;
        }
        long id = nextId++;
        StepLength stage = progression.stageLength();
        List<Step> steps = List.of(
                stage("Queued", externalContext, stage),
                stage("ProcessingInput", externalContext, stage),
                stage("WaitingForOutput", externalContext, stage),
                stage("Completed", externalContext, StepLength.polls(1)));
        // The job runs from the moment it is submitted, so a timed first stage counts from now, not from the first
        // poll.
        runs.put(id, new Run(steps, stage instanceof StepLength.Timed ? now : null));
        return id;
    }

    /** The step that answers this poll; unknown ids answer NotFound like the real service. */
    synchronized Step poll(long workflowId, Instant now) {
        Run run = runs.get(workflowId);
        return run == null ? NOT_FOUND : run.poll(now);
    }

    private static Step stage(String status, String externalContext, StepLength length) {
        return new Step(new Outcome.StatusReply(status, "NoError", externalContext), length, Duration.ZERO);
    }

    /** Progress through one script; guarded by the book's lock. */
    private static final class Run {

        private final List<Step> steps;
        private int index;
        private int pollsAnswered;
        private Instant stepStartedAt;

        Run(List<Step> steps, Instant firstStepStartedAt) {
            this.steps = steps;
            this.stepStartedAt = firstStepStartedAt;
        }

        Step poll(Instant now) {
            while (index < steps.size() - 1 && isUsedUp(steps.get(index), now)) {
                index++;
                pollsAnswered = 0;
                stepStartedAt = null;
            }
            Step step = steps.get(index);
            pollsAnswered++;
            if (stepStartedAt == null) {
                stepStartedAt = now;
            }
            return step;
        }

        private boolean isUsedUp(Step step, Instant now) {
            if (step.length() instanceof StepLength.Polls polls) {
                return pollsAnswered >= polls.count();
            }
            StepLength.Timed timed = (StepLength.Timed) step.length();
            return stepStartedAt != null && !now.isBefore(stepStartedAt.plus(timed.duration()));
        }
    }
}
