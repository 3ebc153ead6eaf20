package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every final status and error code, through a real wait against the simulator. */
class VerdictTest extends EngineFixture {
    @ParameterizedTest(name = "{0}/{1} accept={2} unstable={3} -> {4}")
    @CsvSource({
        "Completed, NoError, '', '', PASSED",
        "Completed, OutputFileExists, '', '', FAILED",
        "Completed, OutputFileExists, OutputFileExists, '', PASSED",
        "Failed, InputFileNotFound, '', '', FAILED",
        "Failed, TimedOut, '', TimedOut, UNSTABLE",
        "Failed, TimedOut, TimedOut, '', PASSED",
        "Aborted, NoError, '', '', FAILED",
        "Aborted, InternalError, '', 'InternalError,TimedOut', UNSTABLE",
        "NotFound, NoError, '', '', FAILED",
        "Failed, DiskFull, '', TimedOut, FAILED",
    })
    void decidesFromTheFinalStatusAndTheErrorCode(
            String status, String errorCode, String accept, String unstable, WaitResult expected) throws Exception {
        script(21, steps().status("Queued").status(status, errorCode, "ctx-21").build());
        WaitOptions options = fast().acceptErrorCodes(OcrErrorCode.parseList("accept", accept))
                .unstableErrorCodes(OcrErrorCode.parseList("unstable", unstable))
                .build();
        WaitOutcome outcome = waiter.start(21, options, new RecordingListener()).get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(expected);
        assertThat(outcome.lastStatus()).hasValueSatisfying(last -> {
            assertThat(last.rawStatus()).isEqualTo(status);
            assertThat(last.rawErrorCode()).isEqualTo(errorCode);
        });
        assertThat(outcome.polls()).isEqualTo(2);
        assertThat(outcome.message())
                .startsWith("OCR workflow 21 " + expected + ": ")
                .contains(status)
                .contains(errorCode)
                .contains("ExternalContext \"ctx-21\"")
                .contains("2 polls");
        assertThat(outcome.toMap())
                .containsEntry("result", expected.name())
                .containsEntry("status", status)
                .containsEntry("errorCode", errorCode)
                .containsEntry("externalContext", "ctx-21")
                .containsEntry("workflowId", 21L)
                .containsEntry("polls", 2)
                .containsKeys("elapsedMillis", "message");
    }

    @ParameterizedTest
    @CsvSource({"'OutputFileExists', 'OutputFileExists'", "'TimedOut', 'TimedOut'"})
    void refusesACodeThatIsBothAcceptedAndUnstable(String accept, String unstable) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WaitOptions.builder()
                        .acceptErrorCodes(OcrErrorCode.parseList("accept", accept))
                        .unstableErrorCodes(OcrErrorCode.parseList("unstable", unstable))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both accepted and unstable");
    }
}
