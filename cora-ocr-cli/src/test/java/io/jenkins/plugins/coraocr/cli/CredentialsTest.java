package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.RecordedRequest;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every password source, the environment fallbacks, and a rejected login; none may print the password. */
class CredentialsTest {
    private static CoraOcrSimulator simulator;
    private static String url;

    @BeforeAll
    static void startSimulator() {
        simulator = CoraOcrSimulator.builder()
                .basicAuth(Cli.USER, Cli.PASSWORD)
                .scenario(Scenario.builder()
                        .workflow(
                                42,
                                WorkflowScript.builder()
                                        .status("Completed", "NoError", "x")
                                        .build())
                        .build())
                .start();
        url = simulator.endpointUrl().toString();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void forgetRequests() {
        simulator.clearRequests();
    }

    @Test
    void passwordFromTheVariableNamedByPasswordEnv() {
        Cli.Result result = Cli.run(
                Map.of("OCR_SECRET", Cli.PASSWORD),
                "status",
                "--url",
                url,
                "--workflow-id",
                "42",
                "--user",
                Cli.USER,
                "--password-env",
                "OCR_SECRET");

        assertReadWithTheRightCredentials(result);
    }

    @Test
    void passwordFromTheFirstLineOfPasswordFile(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("password.txt"), Cli.PASSWORD + "\nsecond line ignored\n");

        Cli.Result result = Cli.run(
                "status", "--url", url, "--workflow-id", "42", "--user", Cli.USER, "--password-file", file.toString());

        assertReadWithTheRightCredentials(result);
    }

    @Test
    void passwordFileWithWindowsLineEnd(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("password.txt"), Cli.PASSWORD + "\r\n");

        Cli.Result result = Cli.run(
                "wait",
                "--url",
                url,
                "--workflow-id",
                "42",
                "--user",
                Cli.USER,
                "--password-file",
                file.toString(),
                "--poll-interval",
                "100ms");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        assertThat(result.outLines().get(0)).contains(": SOAP 1.1, basic authentication, polling every 100ms");
    }

    @Test
    void passwordFromCoraOcrPasswordWhenNoOptionIsGiven() {
        Cli.Result result = Cli.run(
                Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD),
                "status",
                "--url",
                url,
                "--workflow-id",
                "42",
                "--user",
                Cli.USER);

        assertReadWithTheRightCredentials(result);
    }

    @Test
    void passwordEnvWinsOverCoraOcrPassword() {
        Cli.Result result = Cli.run(
                Map.of("CORA_OCR_PASSWORD", "stale", "OCR_SECRET", Cli.PASSWORD),
                "status",
                "--url",
                url,
                "--workflow-id",
                "42",
                "--user",
                Cli.USER,
                "--password-env",
                "OCR_SECRET");

        assertReadWithTheRightCredentials(result);
    }

    @Test
    void urlAndUserFromTheEnvironment() {
        Cli.Result result = Cli.run(
                Map.of("CORA_OCR_URL", url, "CORA_OCR_USER", Cli.USER, "CORA_OCR_PASSWORD", Cli.PASSWORD),
                "status",
                "--workflow-id",
                "42");

        assertReadWithTheRightCredentials(result);
    }

    @Test
    void optionsWinOverTheEnvironment() {
        Cli.Result result = Cli.run(
                Map.of(
                        "CORA_OCR_URL",
                        "http://127.0.0.1:1/",
                        "CORA_OCR_USER",
                        "someone-else",
                        "CORA_OCR_PASSWORD",
                        Cli.PASSWORD),
                "status",
                "--url",
                url,
                "--user",
                Cli.USER,
                "--workflow-id",
                "42");

        assertReadWithTheRightCredentials(result);
    }

    @Test
    void rejectedLoginEndsWait5AtOnceWithoutPrintingThePassword() {
        String wrong = Cli.PASSWORD + "-wrong";
        Cli.Result result = Cli.run(
                Map.of("CORA_OCR_PASSWORD", wrong),
                "wait",
                "--url",
                url,
                "--workflow-id",
                "42",
                "--user",
                Cli.USER,
                "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.json().get("result").asText()).isEqualTo("ERROR");
        assertThat(result.errLines())
                .last()
                .satisfies(line -> assertThat(line)
                        .contains("HTTP 401 Unauthorized: the server rejected the user name or password")
                        .endsWith("To fix: Check the user name and password (--user and --password-env/--password-file"
                                + " or CORA_OCR_PASSWORD)."));
        assertThat(simulator.requests()).hasSize(1);
        String wrongToken =
                Base64.getEncoder().encodeToString((Cli.USER + ":" + wrong).getBytes(StandardCharsets.UTF_8));
        assertThat(result.out() + result.err()).doesNotContain(wrong).doesNotContain(wrongToken);
    }

    @Test
    void missingLoginIsAServerAnswerNotBadInput() {
        Cli.Result result = Cli.run("status", "--url", url, "--workflow-id", "42");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.err())
                .contains("401")
                .contains("To fix: Give the user name and password (--user and --password-env/--password-file or"
                        + " CORA_OCR_PASSWORD).");
    }

    @Test
    void aPasswordOverPlainHttpIsWarnedAboutOnStderr() {
        Cli.Result result = Cli.run(
                Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD),
                "wait",
                "--url",
                url,
                "--workflow-id",
                "42",
                "--user",
                Cli.USER,
                "--poll-interval",
                "100ms");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        assertThat(result.errLines())
                .containsExactly("WARNING: the password for " + url
                        + " travels unencrypted over plain http; use https if the server offers it.");
    }

    private static void assertReadWithTheRightCredentials(Cli.Result result) {
        assertThat(result.exitCode()).as("%s", result).isEqualTo(0);
        assertThat(result.out()).contains("OCR workflow 42: Completed (NoError)");
        List<RecordedRequest> requests = simulator.requests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Basic " + Cli.BASIC_TOKEN);
    }
}
