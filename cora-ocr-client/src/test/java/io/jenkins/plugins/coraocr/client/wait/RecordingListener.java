package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every event of one wait, and the threads they came on. */
final class RecordingListener implements WaitListener {
    final List<WorkflowStatus> polls = new CopyOnWriteArrayList<>();
    final List<String> changes = new CopyOnWriteArrayList<>();
    final List<Integer> attempts = new CopyOnWriteArrayList<>();
    final List<Duration> retryDelays = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<WaitState> states = new CopyOnWriteArrayList<>();
    final List<String> pollThreads = new CopyOnWriteArrayList<>();
    final List<WaitOutcome> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void onPoll(WorkflowStatus status, int count) {
        polls.add(status);
        pollThreads.add(Thread.currentThread().getName());
    }

    @Override
    public void onStatusChange(WorkflowStatus previous, WorkflowStatus current, Duration elapsed) {
        changes.add(current.rawStatus());
    }

    @Override
    public void onRetryableError(CoraOcrException error, int attempt, Duration retryIn) {
        attempts.add(attempt);
        retryDelays.add(retryIn);
        errors.add(error.detail());
    }

    @Override
    public void onState(WaitState state) {
        states.add(state);
    }

    @Override
    public void onOutcome(WaitOutcome outcome) {
        outcomes.add(outcome);
    }
}
