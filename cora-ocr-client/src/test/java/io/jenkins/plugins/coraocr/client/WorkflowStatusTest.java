package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowStatusTest {
    @ParameterizedTest
    @CsvSource({
        "Queued, QUEUED, false",
        "ProcessingInput, PROCESSING_INPUT, false",
        "WaitingForOutput, WAITING_FOR_OUTPUT, false",
        "Completed, COMPLETED, true",
        "Aborted, ABORTED, true",
        "Failed, FAILED, true",
        "NotFound, NOT_FOUND, true",
        "Paused, UNKNOWN, false",
        "completed, UNKNOWN, false",
    })
    void mapsTheDocumentedStatusesAndKeepsOthersRaw(String raw, OcrStatus expected, boolean isFinal) {
        WorkflowStatus status = WorkflowStatus.of(raw, "NoError", null);
        assertThat(status.status()).isEqualTo(expected);
        assertThat(status.rawStatus()).isEqualTo(raw);
        assertThat(status.isFinal()).isEqualTo(isFinal);
    }

    @Test
    void mapsEveryDocumentedErrorCode() {
        String[] documented = {
            "NoError",
            "TimedOut",
            "InputFileNotFound",
            "InputFileExists",
            "FailedToPutInputFile",
            "OutputFileExists",
            "FailedToPutOutputFile",
            "RobotProfileNotFound",
            "InternalError"
        };
        for (String code : documented) {
            assertThat(WorkflowStatus.of("Failed", code, null).errorCode().wireName())
                    .isEqualTo(code);
        }
        WorkflowStatus odd = WorkflowStatus.of("Failed", "DiskFull", null);
        assertThat(odd.errorCode()).isEqualTo(OcrErrorCode.UNKNOWN);
        assertThat(odd.rawErrorCode()).isEqualTo("DiskFull");
        assertThat(WorkflowStatus.of("Failed", null, null).errorCode()).isEqualTo(OcrErrorCode.UNKNOWN);
    }

    @Test
    void readsLikeASentence() {
        assertThat(WorkflowStatus.of("Completed", "NoError", "invoice-42"))
                .hasToString("Completed (NoError), ExternalContext \"invoice-42\"");
        assertThat(WorkflowStatus.of("Queued", null, null)).hasToString("Queued (no error code)");
        assertThat(WorkflowStatus.of("Queued", "NoError", null).externalContext())
                .isEmpty();
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        WorkflowStatus original = WorkflowStatus.of("Paused", "DiskFull", "ctx");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(original);
        }
    }

    @Test
    void parsesErrorCodeListsIgnoringCaseAndBlanks() {
        assertThat(OcrErrorCode.parseList("acceptErrorCodes", " outputfileexists, TimedOut ,,"))
                .containsExactlyInAnyOrder(OcrErrorCode.OUTPUT_FILE_EXISTS, OcrErrorCode.TIMED_OUT);
        assertThat(OcrErrorCode.parseList("acceptErrorCodes", "")).isEmpty();
        assertThat(OcrErrorCode.parseList("acceptErrorCodes", null)).isEmpty();
    }

    @Test
    void rejectsUnknownErrorCodeNamesListingTheValidOnes() {
        assertThatThrownBy(() -> OcrErrorCode.parseList("unstableErrorCodes", "TimedOut,DiskFull"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unstableErrorCodes")
                .hasMessageContaining("'DiskFull'")
                .hasMessageContaining("NoError, TimedOut, InputFileNotFound");
    }

    @Test
    void soapVersionsAcceptTheUsualSpellings() {
        assertThat(SoapVersion.fromLabel("1.1")).isEqualTo(SoapVersion.SOAP_11);
        assertThat(SoapVersion.fromLabel("SOAP_12")).isEqualTo(SoapVersion.SOAP_12);
        assertThat(SoapVersion.fromLabel("soap12")).isEqualTo(SoapVersion.SOAP_12);
        assertThatThrownBy(() -> SoapVersion.fromLabel("2.0")).hasMessageContaining("'2.0'");
    }
}
