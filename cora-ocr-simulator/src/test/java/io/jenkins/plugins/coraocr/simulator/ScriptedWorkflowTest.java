package io.jenkins.plugins.coraocr.simulator;

import static io.jenkins.plugins.coraocr.simulator.Wire.SOAP11;
import static io.jenkins.plugins.coraocr.simulator.Wire.SOAP12;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ScriptedWorkflowTest {

    @Test
    void stepsAnswerInOrderForTheirPollsAndTheLastRepeats() throws Exception {
        Scenario scenario = Scenario.builder()
                .workflow(
                        42,
                        WorkflowScript.builder()
                                .status("Queued")
                                .times(2)
                                .status("ProcessingInput", "NoError", "ctx")
                                .status("Paused", "SomethingNew", "odd")
                                .status("Completed", "NoError", "done")
                                .build())
                .build();
        try (CoraOcrSimulator simulator =
                CoraOcrSimulator.builder().scenario(scenario).start()) {
            assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("Queued", "NoError", null));
            assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("Queued", "NoError", null));
            assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("ProcessingInput", "NoError", "ctx"));
            assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("Paused", "SomethingNew", "odd"));
            for (int i = 0; i < 3; i++) {
                assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("Completed", "NoError", "done"));
            }
        }
    }

    @Test
    void durationStepsCountFromTheFirstPollThatReachesThem() throws Exception {
        MovableClock clock = new MovableClock();
        Scenario scenario = Scenario.builder()
                .workflow(
                        7,
                        WorkflowScript.builder()
                                .status("Queued")
                                .status("ProcessingInput")
                                .forDuration(Duration.ofSeconds(10))
                                .status("Completed")
                                .build())
                .build();
        try (CoraOcrSimulator simulator =
                CoraOcrSimulator.builder().scenario(scenario).clock(clock).start()) {
            assertThat(status(simulator, 7).status()).isEqualTo("Queued");
            clock.advance(Duration.ofMinutes(5));
            assertThat(status(simulator, 7).status()).isEqualTo("ProcessingInput");
            clock.advance(Duration.ofSeconds(9));
            assertThat(status(simulator, 7).status()).isEqualTo("ProcessingInput");
            clock.advance(Duration.ofSeconds(1));
            assertThat(status(simulator, 7).status()).isEqualTo("Completed");
        }
    }

    @Test
    void scriptedHttpErrorIsAnIisHtmlPage() throws Exception {
        try (CoraOcrSimulator simulator = scripted(
                WorkflowScript.builder().httpError(503).status("Queued").build())) {
            HttpResponse<String> response = Wire.getStatus11(simulator, 5);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=us-ascii");
            assertThat(response.body())
                    .contains("<TITLE>Service Unavailable</TITLE>", "HTTP Error 503. The service is unavailable.");
            assertThat(status(simulator, 5).status()).isEqualTo("Queued");
        }
    }

    @Test
    void scriptedSoapFaultInSoap11HasFaultcodeAndFaultstring() throws Exception {
        try (CoraOcrSimulator simulator = scripted(WorkflowScript.builder()
                .soapFault("Server was unable to process request. ---> boom")
                .build())) {
            HttpResponse<String> response = Wire.getStatus11(simulator, 5);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
            Document fault = Wire.parse(response.body());
            assertThat(fault.getDocumentElement().getNamespaceURI()).isEqualTo(SOAP11);
            assertThat(Wire.text(fault, SOAP11, "Fault")).isNotNull();
            assertThat(Wire.text(fault, "", "faultcode")).isEqualTo("soap:Server");
            assertThat(Wire.text(fault, "", "faultstring"))
                    .isEqualTo("Server was unable to process request. ---> boom");
        }
    }

    @Test
    void scriptedSoapFaultInSoap12HasCodeAndReason() throws Exception {
        try (CoraOcrSimulator simulator = scripted(WorkflowScript.builder()
                .soapFault(FaultCode.CLIENT, "bad input")
                .build())) {
            HttpResponse<String> response = Wire.getStatus12(simulator, 5);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/soap+xml; charset=utf-8");
            Document fault = Wire.parse(response.body());
            assertThat(fault.getDocumentElement().getNamespaceURI()).isEqualTo(SOAP12);
            assertThat(Wire.text(fault, SOAP12, "Value")).isEqualTo("soap:Sender");
            assertThat(Wire.text(fault, SOAP12, "Text")).isEqualTo("bad input");
        }
    }

    @Test
    void scriptedMalformedBodyIsHttp200WithBrokenXml() throws Exception {
        try (CoraOcrSimulator simulator =
                scripted(WorkflowScript.builder().malformedBody().build())) {
            HttpResponse<String> response = Wire.getStatus11(simulator, 5);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
            assertThat(response.body()).startsWith("<?xml");
            assertThatThrownBy(() -> Wire.parse(response.body())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void malformedBodyForSoap12CarriesTheSoap12ContentType() throws Exception {
        try (CoraOcrSimulator simulator =
                scripted(WorkflowScript.builder().malformedBody().build())) {
            HttpResponse<String> response = Wire.getStatus12(simulator, 5);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/soap+xml; charset=utf-8");
            assertThat(response.body()).contains(SOAP12);
            assertThatThrownBy(() -> Wire.parse(response.body())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void scriptedDropClosesTheConnectionWithoutAnswerAndIsStillRecorded() throws Exception {
        try (CoraOcrSimulator simulator = scripted(
                WorkflowScript.builder().dropConnection().status("Queued").build())) {
            assertThatThrownBy(() -> Wire.getStatus11(simulator, 5)).isInstanceOf(IOException.class);

            assertThat(simulator.requests()).hasSize(1);
            assertThat(status(simulator, 5).status()).isEqualTo("Queued");
        }
    }

    @Test
    void delayHoldsTheAnswerBack() throws Exception {
        // Long enough that an undelayed answer on a loaded machine still comes well within it.
        Duration delay = Duration.ofSeconds(2);
        try (CoraOcrSimulator simulator = scripted(WorkflowScript.builder()
                .status("Queued")
                .delayedBy(delay)
                .status("Completed")
                .build())) {
            long started = System.nanoTime();
            assertThat(status(simulator, 5).status()).isEqualTo("Queued");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);

            started = System.nanoTime();
            assertThat(status(simulator, 5).status()).isEqualTo("Completed");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(delay);
        }
    }

    @Test
    void aDelayedFaultIsDelayedToo() throws Exception {
        Duration delay = Duration.ofMillis(200);
        try (CoraOcrSimulator simulator = scripted(
                WorkflowScript.builder().httpError(502).delayedBy(delay).build())) {
            long started = System.nanoTime();
            assertThat(Wire.getStatus11(simulator, 5).statusCode()).isEqualTo(502);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);
        }
    }

    @Test
    void scriptsCanBeAddedAndReplacedWhileRunning() throws Exception {
        try (CoraOcrSimulator simulator = CoraOcrSimulator.start()) {
            assertThat(status(simulator, 77).status()).isEqualTo("NotFound");

            simulator.script(
                    77,
                    WorkflowScript.builder()
                            .status("Queued")
                            .status("Failed", "TimedOut")
                            .build());
            assertThat(status(simulator, 77).status()).isEqualTo("Queued");
            assertThat(status(simulator, 77)).isEqualTo(new Wire.Status("Failed", "TimedOut", null));

            simulator.script(77, WorkflowScript.builder().status("Aborted").build());
            assertThat(status(simulator, 77).status()).isEqualTo("Aborted");
        }
    }

    @Test
    void theIssueExampleRunsThroughEveryKindOfStep() throws Exception {
        MovableClock clock = new MovableClock();
        Scenario scenario = Scenario.builder()
                .workflow(
                        42,
                        WorkflowScript.builder()
                                .status("Queued")
                                .times(2)
                                .status("ProcessingInput", "NoError", "ctx")
                                .forDuration(Duration.ofMillis(300))
                                .httpError(503)
                                .times(1)
                                .soapFault("Server was unable to process request. ---> boom")
                                .malformedBody()
                                .dropConnection()
                                .status("WaitingForOutput")
                                .delayedBy(Duration.ofMillis(50))
                                .status("Completed", "NoError", "done")
                                .build())
                .build();
        try (CoraOcrSimulator simulator =
                CoraOcrSimulator.builder().scenario(scenario).clock(clock).start()) {
            assertThat(status(simulator, 42).status()).isEqualTo("Queued");
            assertThat(status(simulator, 42).status()).isEqualTo("Queued");
            assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("ProcessingInput", "NoError", "ctx"));
            clock.advance(Duration.ofMillis(300));
            assertThat(Wire.getStatus11(simulator, 42).statusCode()).isEqualTo(503);
            assertThat(Wire.getStatus11(simulator, 42).body()).contains("boom");
            assertThat(Wire.getStatus11(simulator, 42).body()).endsWith("<Status>Proce");
            assertThatThrownBy(() -> Wire.getStatus11(simulator, 42)).isInstanceOf(IOException.class);
            assertThat(status(simulator, 42).status()).isEqualTo("WaitingForOutput");
            assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("Completed", "NoError", "done"));
            assertThat(status(simulator, 42)).isEqualTo(new Wire.Status("Completed", "NoError", "done"));
        }
    }

    @Test
    void fileBatchStartsTheDefaultProgressionByPollsAndEchoesExternalContext() throws Exception {
        try (CoraOcrSimulator simulator =
                CoraOcrSimulator.builder().stagePolls(2).start()) {
            long id = Wire.fileBatch(simulator, "order-17");

            assertThat(id).isEqualTo(1001);
            for (String stage : new String[] {
                "Queued",
                "Queued",
                "ProcessingInput",
                "ProcessingInput",
                "WaitingForOutput",
                "WaitingForOutput",
                "Completed",
                "Completed"
            }) {
                assertThat(status12(simulator, id)).isEqualTo(new Wire.Status(stage, "NoError", "order-17"));
            }
            assertThat(Wire.fileBatch(simulator, null)).isEqualTo(1002);
        }
    }

    @Test
    void fileBatchProgressionByDurationCountsTheFirstStageFromTheCall() throws Exception {
        MovableClock clock = new MovableClock();
        try (CoraOcrSimulator simulator = CoraOcrSimulator.builder()
                .stageDuration(Duration.ofSeconds(30))
                .firstWorkflowId(5000)
                .clock(clock)
                .start()) {
            long id = Wire.fileBatch(simulator, "scan-9");
            assertThat(id).isEqualTo(5000);

            clock.advance(Duration.ofSeconds(29));
            assertThat(status(simulator, id)).isEqualTo(new Wire.Status("Queued", "NoError", "scan-9"));
            clock.advance(Duration.ofSeconds(1));
            assertThat(status(simulator, id)).isEqualTo(new Wire.Status("ProcessingInput", "NoError", "scan-9"));
            clock.advance(Duration.ofSeconds(30));
            assertThat(status(simulator, id)).isEqualTo(new Wire.Status("WaitingForOutput", "NoError", "scan-9"));
            clock.advance(Duration.ofSeconds(30));
            assertThat(status(simulator, id)).isEqualTo(new Wire.Status("Completed", "NoError", "scan-9"));
        }
    }

    @Test
    void fileBatchSkipsIdsThatAreScripted() throws Exception {
        Scenario scenario = Scenario.builder()
                .workflow(1001, WorkflowScript.builder().status("Aborted").build())
                .build();
        try (CoraOcrSimulator simulator =
                CoraOcrSimulator.builder().scenario(scenario).start()) {
            assertThat(Wire.fileBatch(simulator, null)).isEqualTo(1002);
            assertThat(status(simulator, 1001).status()).isEqualTo("Aborted");
        }
    }

    @Test
    void scenarioFileBatchSettingsApplyUnlessTheBuilderSaysOtherwise() throws Exception {
        Scenario scenario = Scenario.builder()
                .fileBatchProgression(FileBatchProgression.polls(3))
                .firstWorkflowId(300)
                .build();
        try (CoraOcrSimulator simulator = CoraOcrSimulator.builder()
                .scenario(scenario)
                .firstWorkflowId(400)
                .start()) {
            long id = Wire.fileBatch(simulator, null);
            assertThat(id).isEqualTo(400);
            assertThat(status(simulator, id).status()).isEqualTo("Queued");
            assertThat(status(simulator, id).status()).isEqualTo("Queued");
            assertThat(status(simulator, id).status()).isEqualTo("Queued");
            assertThat(status(simulator, id).status()).isEqualTo("ProcessingInput");
        }
    }

    private static CoraOcrSimulator scripted(WorkflowScript script) {
        return CoraOcrSimulator.builder()
                .scenario(Scenario.builder().workflow(5, script).build())
                .start();
    }

    private static Wire.Status status(CoraOcrSimulator simulator, long id) throws Exception {
        return Wire.Status.of(Wire.getStatus11(simulator, id));
    }

    private static Wire.Status status12(CoraOcrSimulator simulator, long id) throws Exception {
        return Wire.Status.of(Wire.getStatus12(simulator, id));
    }
}
