package io.jenkins.plugins.coraocr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkflowScriptTest {

    @Test
    void modifiersChangeTheStepAddedLast() {
        WorkflowScript script = WorkflowScript.builder()
                .status("Queued")
                .times(3)
                .delayedBy(Duration.ofMillis(10))
                .dropConnection()
                .forDuration(Duration.ofSeconds(1))
                .build();

        assertThat(script.steps())
                .containsExactly(
                        new Step(
                                new Outcome.StatusReply("Queued", "NoError", null),
                                StepLength.polls(3),
                                Duration.ofMillis(10)),
                        new Step(
                                new Outcome.DroppedConnection(),
                                StepLength.lasting(Duration.ofSeconds(1)),
                                Duration.ZERO));
    }

    @Test
    void misuseIsReportedAtOnce() {
        assertThatThrownBy(() -> WorkflowScript.builder().times(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WorkflowScript.builder().status("Queued").times(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> WorkflowScript.builder().status("Queued").times(2).forDuration(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WorkflowScript.builder().status("Queued").delayedBy(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkflowScript.builder().httpError(302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkflowScript.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scenario.builder()
                        .workflow(0, WorkflowScript.builder().status("Queued").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
