package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.RecordedRequest;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against the simulator, which was written from the protocol and not from the client. */
class SimulatorRoundTripTest {
    private CoraOcrSimulator simulator;

    @BeforeEach
    void start() {
        simulator = CoraOcrSimulator.builder().basicAuth("ocr-bot", "s3cret").start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private CoraOcrClient client(SoapVersion version) {
        return CoraOcrClient.builder(simulator.endpointUrl().toString())
                .soapVersion(version)
                .credentials("ocr-bot", "s3cret")
                .build();
    }

    @ParameterizedTest
    @EnumSource(SoapVersion.class)
    void readsScriptedStatusesInBothSoapVersions(SoapVersion version) throws Exception {
        simulator.script(
                8,
                WorkflowScript.builder()
                        .status("ProcessingInput", "NoError", "first")
                        .status("Completed", "NoError", "done")
                        .build());
        try (CoraOcrClient client = client(version)) {
            assertThat(client.getStatus(8)).hasToString("ProcessingInput (NoError), ExternalContext \"first\"");
            assertThat(client.getStatus(8)).hasToString("Completed (NoError), ExternalContext \"done\"");
            assertThat(client.getStatus(999).status()).isEqualTo(OcrStatus.NOT_FOUND);
        }
        RecordedRequest request = simulator.requests().get(0);
        assertThat(request.path()).isEqualTo("/SequenceServices/coraOcrIntegration_v1.0.0.asmx");
        assertThat(request.bodyText()).contains("<MasterWorkflowInstanceId>8</MasterWorkflowInstanceId>");
        if (version == SoapVersion.SOAP_11) {
            assertThat(request.header("SOAPAction"))
                    .isEqualTo("\"http://genpact.com/cora/orchestration/ocr/1.0.0/api/GetStatus\"");
        } else {
            assertThat(request.header("SOAPAction")).isNull();
            assertThat(request.header("Content-Type")).startsWith("application/soap+xml");
        }
    }

    @ParameterizedTest
    @EnumSource(SoapVersion.class)
    void classifiesEveryScriptedFault(SoapVersion version) {
        simulator.script(
                9,
                WorkflowScript.builder()
                        .httpError(503)
                        .soapFault("Server was unable to process request. ---> disk full")
                        .malformedBody()
                        .dropConnection()
                        .status("Queued")
                        .delayedBy(Duration.ofSeconds(3))
                        .build());
        try (CoraOcrClient client = client(version)) {
            CoraOcrException unavailable = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(9));
            assertThat(unavailable)
                    .isInstanceOf(TransientServiceException.class)
                    .hasMessageContaining("HTTP 503");
            CoraOcrException fault = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(9));
            assertThat(fault).isInstanceOf(ServiceFaultException.class).hasMessageContaining("disk full");
            CoraOcrException malformed = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(9));
            assertThat(malformed).isInstanceOf(ProtocolViolationException.class);
            CoraOcrException dropped = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(9));
            assertThat(dropped).isInstanceOf(TransientServiceException.class);
        }
        // Only this call has a short timeout, and the server waits three times as long: a loaded machine can
        // only make the client later, never the server earlier.
        try (CoraOcrClient impatient = CoraOcrClient.builder(
                        simulator.endpointUrl().toString())
                .soapVersion(version)
                .credentials("ocr-bot", "s3cret")
                .readTimeout(Duration.ofSeconds(1))
                .build()) {
            CoraOcrException slow = catchThrowableOfType(CoraOcrException.class, () -> impatient.getStatus(9));
            assertThat(slow)
                    .isInstanceOf(TransientServiceException.class)
                    .hasMessageContaining("no complete answer within the read timeout of 1000 ms");
        }
    }

    @ParameterizedTest
    @EnumSource(SoapVersion.class)
    void wrongCredentialsAreRejected(SoapVersion version) {
        try (CoraOcrClient client = CoraOcrClient.builder(
                        simulator.endpointUrl().toString())
                .soapVersion(version)
                .credentials("ocr-bot", "guess")
                .build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(8));
            assertThat(failure)
                    .isInstanceOf(AuthenticationRejectedException.class)
                    .hasMessageContaining("Basic realm=");
        }
    }
}
