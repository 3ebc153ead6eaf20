package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.coraocr.client.wait.Durations;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WaitCommandTest {
    private static CoraOcrSimulator simulator;
    private static String url;

    @BeforeAll
    static void startSimulator() {
        simulator = CoraOcrSimulator.start();
        url = simulator.endpointUrl().toString();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    private static Cli.Result waitFor(long workflowId, WorkflowScript script, String... extraArgs) {
        simulator.script(workflowId, script);
        List<String> args = new ArrayList<>(
                List.of("wait", "--url", url, "--workflow-id", Long.toString(workflowId), "--poll-interval", "100ms"));
        args.addAll(List.of(extraArgs));
        if (!args.contains("--timeout")) {
            args.addAll(List.of("--timeout", "20s"));
        }
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void passedPrintsStartStatusChangesRetriesAndOutcomeAndExits0() {
        Cli.Result result = waitFor(
                100,
                WorkflowScript.builder()
                        .status("Queued")
                        .times(2)
                        .status("ProcessingInput", "NoError", "invoice-42")
                        .httpError(503)
                        .status("WaitingForOutput", "NoError", "invoice-42")
                        .status("Completed", "NoError", "invoice-42")
                        .build());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        List<String> lines = result.outLines();
        assertThat(lines.get(0))
                .startsWith("Waiting for OCR workflow 100 on " + url
                        + ": SOAP 1.1, no credentials, polling every 100ms, deadline ")
                .endsWith("(20s)");
        assertThat(lines).anyMatch(line -> line.matches("\\[\\+[0-9.]+m?s] status Queued \\(NoError\\)"));
        assertThat(lines)
                .anyMatch(line -> line.matches(
                        "\\[\\+[0-9.]+m?s] status ProcessingInput \\(NoError\\), ExternalContext \"invoice-42\""));
        assertThat(lines).filteredOn(line -> line.contains("status Queued")).hasSize(1);
        assertThat(lines.get(lines.size() - 1))
                .startsWith("OCR workflow 100 PASSED: it completed without error."
                        + " Last status: Completed (NoError), ExternalContext \"invoice-42\". 5 polls in ");
        // Retries are problems, not progress: stderr, as the README says.
        assertThat(result.errLines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("poll failed (1 in a row), retrying in ")
                        .contains("503"));
    }

    @Test
    void failedStatusExits1() {
        Cli.Result result = waitFor(
                101,
                WorkflowScript.builder()
                        .status("Failed", "InputFileNotFound", "batch 7")
                        .build());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.outLines().get(result.outLines().size() - 1))
                .startsWith("OCR workflow 101 FAILED: it ended Failed with error code InputFileNotFound."
                        + " Last status: Failed (InputFileNotFound), ExternalContext \"batch 7\".");
    }

    @Test
    void unknownWorkflowIsNotFoundAndExits1() {
        Cli.Result result = Cli.run("wait", "--url", url, "--workflow-id", "987654", "--poll-interval", "100ms");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.out()).contains("NotFound");
    }

    @Test
    void deadlineBeforeAFinalStatusExits3() {
        Cli.Result result =
                waitFor(102, WorkflowScript.builder().status("Queued").build(), "--timeout", "400ms");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.out()).contains("OCR workflow 102 TIMED_OUT: the 400ms timeout ran out");
    }

    @Test
    void unstableErrorCodeExits4() {
        Cli.Result result = waitFor(
                103,
                WorkflowScript.builder().status("Aborted", "TimedOut").build(),
                "--unstable-error-codes",
                "timedout,InternalError");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(4);
        assertThat(result.out())
                .contains(
                        "OCR workflow 103 UNSTABLE: it ended Aborted with error code TimedOut, which is marked unstable");
    }

    @Test
    void acceptedErrorCodeExits0() {
        Cli.Result result = waitFor(
                104,
                WorkflowScript.builder().status("Completed", "OutputFileExists").build(),
                "--accept-error-codes",
                "OutputFileExists");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        assertThat(result.out())
                .contains("PASSED: it ended Completed with error code OutputFileExists, which is accepted");
    }

    @Test
    void tooManyFailedPollsExits5WithTheFinalLineOnStderr() {
        Cli.Result result = waitFor(105, WorkflowScript.builder().httpError(503).build(), "--max-errors", "2");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.out()).doesNotContain("poll failed").doesNotContain("ERROR:");
        assertThat(result.err())
                .contains("poll failed (1 in a row)")
                .contains("OCR workflow 105 ERROR: gave up after 2 consecutive failed polls");
    }

    @Test
    void wrongPathExits5AtOnce() {
        Cli.Result result = Cli.run(
                "wait",
                "--url",
                "http://127.0.0.1:" + simulator.port() + "/nothing/here.asmx",
                "--workflow-id",
                "106",
                "--poll-interval",
                "100ms");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.errLines())
                .last()
                .satisfies(line -> assertThat(line)
                        .startsWith("OCR workflow 106 ERROR: could not read the status: HTTP 404")
                        .endsWith("To fix: Check the URL (--url)."));
    }

    @Test
    void jsonPrintsExactlyOneObjectOnStdoutAndProgressOnStderr() {
        Cli.Result result = waitFor(
                107,
                WorkflowScript.builder()
                        .status("Queued")
                        .status("Completed", "NoError", "ctx \"quoted\"")
                        .build(),
                "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        JsonNode json = result.json();
        assertThat(json.get("workflowId").asLong()).isEqualTo(107);
        assertThat(json.get("status").asText()).isEqualTo("Completed");
        assertThat(json.get("errorCode").asText()).isEqualTo("NoError");
        assertThat(json.get("externalContext").asText()).isEqualTo("ctx \"quoted\"");
        assertThat(json.get("result").asText()).isEqualTo("PASSED");
        assertThat(json.get("polls").asInt()).isEqualTo(2);
        assertThat(json.get("elapsedMillis").asLong()).isPositive();
        assertThat(json.get("message").asText()).startsWith("OCR workflow 107 PASSED");
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "workflowId",
                        "server",
                        "status",
                        "errorCode",
                        "externalContext",
                        "result",
                        "polls",
                        "elapsedMillis",
                        "message");
        assertThat(result.err()).contains("Waiting for OCR workflow 107", "status Queued", "OCR workflow 107 PASSED");
    }

    @Test
    void jsonOfAnErrorStillHoldsTheOutcome() {
        Cli.Result result =
                waitFor(108, WorkflowScript.builder().httpError(503).build(), "--max-errors", "1", "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        JsonNode json = result.json();
        assertThat(json.get("result").asText()).isEqualTo("ERROR");
        assertThat(json.get("status").isNull()).isTrue();
        assertThat(json.get("errorCode").isNull()).isTrue();
        assertThat(json.get("externalContext").isNull()).isTrue();
        assertThat(json.get("polls").asInt()).isZero();
    }

    @Test
    void jsonOfATimeoutSaysTimedOut() {
        Cli.Result result = waitFor(
                109, WorkflowScript.builder().status("ProcessingInput").build(), "--timeout", "300ms", "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        JsonNode json = result.json();
        assertThat(json.get("result").asText()).isEqualTo("TIMED_OUT");
        assertThat(json.get("status").asText()).isEqualTo("ProcessingInput");
    }

    @Test
    void soap12WorksAndTheStartLineSaysSo() {
        Cli.Result result =
                waitFor(110, WorkflowScript.builder().status("Completed").build(), "--soap", "1.2");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        assertThat(result.outLines().get(0)).contains(": SOAP 1.2, no credentials, polling every 100ms");
        assertThat(simulator.requests())
                .anyMatch(request ->
                        String.valueOf(request.header("Content-Type")).startsWith("application/soap+xml"));
    }

    @Test
    void anUnrecognisedStatusIsRetriedAndEndsErrorAfterMaxErrors() {
        Cli.Result result =
                waitFor(111, WorkflowScript.builder().status("Paused").build(), "--max-errors", "2", "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.err()).contains("poll failed (1 in a row)", "the unrecognised Status 'Paused'");
        JsonNode json = result.json();
        assertThat(json.get("result").asText()).isEqualTo("ERROR");
        assertThat(json.get("status").asText()).isEqualTo("Paused");
        // The server answered both polls, so both count, though neither was a status the gate can use.
        assertThat(json.get("polls").asInt()).isEqualTo(2);
        assertThat(json.get("message").asText()).contains("gave up after 2 consecutive failed polls");
    }

    @Test
    void pollsCountsOnlyAnsweredPolls() {
        Cli.Result result = waitFor(
                112,
                WorkflowScript.builder()
                        .httpError(503)
                        .times(2)
                        .status("Completed")
                        .build(),
                "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        assertThat(simulator.requests().stream()
                        .filter(request -> request.bodyText().contains(">112</")))
                .hasSize(3);
        assertThat(result.json().get("polls").asInt()).isEqualTo(1);
        assertThat(result.json().get("message").asText()).contains(". 1 poll in ");
    }

    @Test
    void elapsedMillisIsTheTimeTheMessageNames() {
        Cli.Result result = waitFor(
                113,
                WorkflowScript.builder()
                        .status("Queued")
                        .forDuration(java.time.Duration.ofMillis(1500))
                        .status("Completed")
                        .build(),
                "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        JsonNode json = result.json();
        String shown = json.get("message").asText().replaceFirst(".* polls? in (\\S+)\\.$", "$1");
        assertThat(shown)
                .isEqualTo(Durations.format(
                        java.time.Duration.ofMillis(json.get("elapsedMillis").asLong())));
        assertThat(json.get("elapsedMillis").asLong()).isGreaterThanOrEqualTo(1500);
    }
}
