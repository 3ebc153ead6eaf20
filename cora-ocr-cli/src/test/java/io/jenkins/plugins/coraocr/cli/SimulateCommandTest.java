package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final Pattern LISTENING = Pattern.compile("Cora OCR simulator listening on (\\S+)");

    @Test
    void printsItsUrlServesUntilInterruptedAndExits0(@TempDir Path directory) throws Exception {
        Path scenario = Files.writeString(
                directory.resolve("scenario.json"),
                "{\"workflows\": {\"7\": [{\"status\": \"Failed\", \"errorCode\": \"InputFileNotFound\"}]}}");
        Map<String, String> env = Map.of("SIM_PASSWORD", Cli.PASSWORD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread simulate = new Thread(() -> exitCode.set(CoraOcrCommand.execute(
                new String[] {
                    "simulate",
                    "--port",
                    "0",
                    "--scenario",
                    scenario.toString(),
                    "--user",
                    Cli.USER,
                    "--password-env",
                    "SIM_PASSWORD"
                },
                new CommandContext(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env))));
        simulate.start();
        String url = awaitUrl(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Scripted workflows: 7");
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/SequenceServices/coraOcrIntegration_v1\\.0\\.0\\.asmx");
        Cli.Result unauthenticated = Cli.run("status", "--url", url, "--workflow-id", "7");
        assertThat(unauthenticated.exitCode()).as("%s", unauthenticated).isEqualTo(5);
        Cli.Result scripted = Cli.run(
                Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD),
                "wait",
                "--url",
                url,
                "--user",
                Cli.USER,
                "--workflow-id",
                "7",
                "--poll-interval",
                "100ms");
        assertThat(scripted.exitCode()).as("%s", scripted).isEqualTo(1);

        simulate.interrupt();
        simulate.join(10_000);
        assertThat(simulate.isAlive()).isFalse();
        assertThat(exitCode.get()).isEqualTo(0);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        Cli.assertNoSecrets(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badScenarioFileExits2NamingFilePlaceAndProblem(@TempDir Path directory) throws IOException {
        Path scenario = Files.writeString(
                directory.resolve("bad.json"), "{\"workflows\": {\"7\": [{\"status\": \"Queued\", \"polls\": 0}]}}");

        Cli.Result result = Cli.run("simulate", "--port", "0", "--scenario", scenario.toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("bad.json", "/workflows/7/0/polls", "polls must be at least 1");
    }

    @Test
    void userWithoutPasswordVariableExits2() {
        Cli.Result result = Cli.run("simulate", "--port", "0", "--user", Cli.USER);

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("--user and --password-env go together");
    }

    @Test
    void unsetPasswordVariableExits2() {
        Cli.Result result = Cli.run("simulate", "--port", "0", "--user", Cli.USER, "--password-env", "NOT_SET_HERE");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("environment variable NOT_SET_HERE is not set");
    }

    @Test
    void portOutOfRangeExits2NamingTheOption() {
        Cli.Result result = Cli.run("simulate", "--port", "70000");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--port': must be from 0 to 65535, got '70000'");
    }

    /** The URL, once the whole announcement is out: its last line says how to stop the simulator. */
    private static String awaitUrl(ByteArrayOutputStream out) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> out.toString(StandardCharsets.UTF_8).contains("Stop it with Ctrl-C."));
        Matcher matcher = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("simulate printed its URL: %s", out).isTrue();
        return matcher.group(1);
    }
}
