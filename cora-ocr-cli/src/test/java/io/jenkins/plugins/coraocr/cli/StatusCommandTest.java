package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private static CoraOcrSimulator simulator;
    private static String url;

    @BeforeAll
    static void startSimulator() {
        simulator = CoraOcrSimulator.builder()
                .scenario(Scenario.builder()
                        .workflow(
                                42,
                                WorkflowScript.builder()
                                        .status("Completed", "NoError", "x")
                                        .build())
                        .workflow(
                                43,
                                WorkflowScript.builder()
                                        .status("Failed", "RobotProfileNotFound")
                                        .build())
                        .workflow(44, WorkflowScript.builder().httpError(503).build())
                        .workflow(
                                45,
                                WorkflowScript.builder()
                                        .status("Paused", "Whatever")
                                        .build())
                        .build())
                .start();
        url = simulator.endpointUrl().toString();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void printsOneHumanLineAndExits0() {
        Cli.Result result = Cli.run("status", "--url", url, "--workflow-id", "42");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        assertThat(result.outLines()).containsExactly("OCR workflow 42: Completed (NoError), ExternalContext \"x\"");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anyFinalStatusIsAStatusReadAndExits0() {
        assertThat(Cli.run("status", "--url", url, "--workflow-id", "43").exitCode())
                .isEqualTo(0);
        assertThat(Cli.run("status", "--url", url, "--workflow-id", "45").out()).contains("Paused (Whatever)");
    }

    @Test
    void urlWithoutPathGetsTheServicePath() {
        Cli.Result result = Cli.run("status", "--url", "http://127.0.0.1:" + simulator.port(), "--workflow-id", "42");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
    }

    @Test
    void jsonPrintsExactlyOneObject() {
        Cli.Result result = Cli.run("status", "--url", url, "--workflow-id", "43", "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        JsonNode json = result.json();
        assertThat(json.get("workflowId").asLong()).isEqualTo(43);
        assertThat(json.get("status").asText()).isEqualTo("Failed");
        assertThat(json.get("errorCode").asText()).isEqualTo("RobotProfileNotFound");
        assertThat(json.get("externalContext").isNull()).isTrue();
    }

    @Test
    void noStatusExits5WithTheReasonOnStderr() {
        Cli.Result result = Cli.run("status", "--url", url, "--workflow-id", "44");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("GetStatus for OCR workflow 44 at " + url + " failed", "503");
    }

    @Test
    void noStatusWithJsonStillPrintsOneObject() {
        Cli.Result result = Cli.run("status", "--url", url, "--workflow-id", "44", "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        JsonNode json = result.json();
        assertThat(json.get("workflowId").asLong()).isEqualTo(44);
        assertThat(json.get("status").isNull()).isTrue();
        assertThat(json.get("error").asText()).contains("503");
    }

    @Test
    void aWrongPathSaysWhatToChange() {
        Cli.Result result = Cli.run(
                "status", "--url", "http://127.0.0.1:" + simulator.port() + "/nothing.asmx", "--workflow-id", "42");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.errLines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("cora-ocr status: GetStatus for OCR workflow 42 at http://127.0.0.1:")
                        .contains("HTTP 404")
                        .endsWith("To fix: Check the URL (--url)."));
    }

    @Test
    void nothingListeningExits5() {
        Cli.Result result =
                Cli.run("status", "--url", "http://127.0.0.1:1/", "--workflow-id", "42", "--connect-timeout", "2s");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.err()).contains("connection refused");
    }
}
