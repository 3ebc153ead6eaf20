package io.jenkins.plugins.coraocr.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each stage of a FileBatch-started workflow lasts (Queued, ProcessingInput, WaitingForOutput;
 * Completed/NoError then repeats). A timed first stage counts from the FileBatch call, later ones from the
 * first poll that reaches them.
 */
public record FileBatchProgression(StepLength stageLength) {

    /** One poll per stage. */
    public static final FileBatchProgression DEFAULT = polls(1);

    public FileBatchProgression {
        Objects.requireNonNull(stageLength, "stageLength");
    }

    public static FileBatchProgression polls(int pollsPerStage) {
        return new FileBatchProgression(StepLength.polls(pollsPerStage));
    }

    public static FileBatchProgression lasting(Duration stageDuration) {
        return new FileBatchProgression(StepLength.lasting(stageDuration));
    }
}
