package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged jar, run as a user runs it: {@code java -jar target/cora-ocr.jar ...} in its own process. */
class CoraOcrJarIT {
    private static final Path JAR = Path.of(System.getProperty("cora-ocr.jar", "target/cora-ocr.jar"));
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
                                        .status("Completed", "NoError", "invoice-42")
                                        .build())
                        .workflow(
                                43,
                                WorkflowScript.builder()
                                        .status("Queued")
                                        .status("Failed", "InputFileNotFound")
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
    void demoEndsPassedWithExit0InAboutTenSecondsAndPrintsNothingElse() throws Exception {
        long start = System.nanoTime();
        Run run = java(Map.of(), "demo");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(0);
        assertThat(run.err()).as("library log noise on stderr").isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Simulated Cora server listening on http://127.0.0.1:");
        assertThat(lines).anyMatch(line -> line.startsWith("OCR FileBatch started workflow 1001"));
        assertThat(lines)
                .anyMatch(line ->
                        line.startsWith("Waiting for OCR workflow 1001 on ") && line.contains("polling every 1s"));
        assertThat(lines)
                .filteredOn(line -> line.matches("\\[\\+[0-9.]+m?s] status .*"))
                .extracting(line -> line.replaceFirst("^\\[[^]]*] status (\\w+).*", "$1"))
                .containsExactly("Queued", "ProcessingInput", "WaitingForOutput", "Completed");
        assertThat(lines.get(lines.size() - 1))
                .startsWith("OCR workflow 1001 PASSED: it completed without error."
                        + " Last status: Completed (NoError), ExternalContext \"demo invoice batch\".");
        assertThat(took).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(30));
    }

    @Test
    void statusJsonWithThePasswordFromTheRealEnvironment() throws Exception {
        Run run = java(
                Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD),
                "status",
                "--url",
                url,
                "--user",
                Cli.USER,
                "--workflow-id",
                "42",
                "--json");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("workflowId").asLong()).isEqualTo(42);
        assertThat(json.get("status").asText()).isEqualTo("Completed");
        assertThat(json.get("errorCode").asText()).isEqualTo("NoError");
        assertThat(json.get("externalContext").asText()).isEqualTo("invoice-42");
        assertThat(run.out().trim()).startsWith("{").endsWith("}").doesNotContain("\n");
    }

    @Test
    void waitOnAFailedWorkflowExits1() throws Exception {
        Run run = java(
                Map.of("OCR_SECRET", Cli.PASSWORD),
                "wait",
                "--url",
                url,
                "--user",
                Cli.USER,
                "--password-env",
                "OCR_SECRET",
                "--workflow-id",
                "43",
                "--poll-interval",
                "200ms");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).contains("OCR workflow 43 FAILED: it ended Failed with error code InputFileNotFound");
        // Basic over http: the one line on stderr is the warning about it.
        assertThat(run.err().lines()).singleElement().asString().startsWith("WARNING: the password for " + url);
    }

    @Test
    void sigtermEndsAWaitWith143AndOneCancelledObject() throws Exception {
        Started started = startWait(44, "--json");

        started.process().destroy(); // SIGTERM on Unix
        Run run = started.finish();

        assertThat(run.exitCode()).as("%s", run).isEqualTo(143);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("result").asText()).isEqualTo("CANCELLED");
        assertThat(json.get("status").asText()).isEqualTo("Queued");
        assertThat(run.out().trim()).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(run.err()).contains("OCR workflow 44 CANCELLED: stopped by SIGTERM");
    }

    @Test
    void sigintEndsAWaitWith130() throws Exception {
        Started started = startWait(45);
        assumeFalse(
                ignoresSigint(started.process()),
                "this test runs in a background job that ignores SIGINT, and so does the command it starts");

        Process kill =
                new ProcessBuilder("sh", "-c", "kill -INT " + started.process().pid()).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Run run = started.finish();

        assertThat(run.exitCode()).as("%s", run).isEqualTo(130);
        assertThat(run.err()).contains("OCR workflow 45 CANCELLED: stopped by SIGINT");
        assertThat(run.out()).contains("Waiting for OCR workflow 45").doesNotContain("CANCELLED");
    }

    @Test
    void badDurationExits2WithoutARequest() throws Exception {
        simulator.clearRequests();

        Run run = java(Map.of(), "wait", "--url", url, "--workflow-id", "42", "--timeout", "soon");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Invalid value for option '--timeout': 'soon' is not a valid duration");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void jvmProxyPropertiesOnTheJavaCommandLineAreFollowed() throws Exception {
        try (ForwardingProxy proxy = ForwardingProxy.start()) {
            Run run = start(
                            List.of(
                                    "-Dhttp.proxyHost=127.0.0.1",
                                    "-Dhttp.proxyPort=" + proxy.port(),
                                    // Without it the JDK's default would keep 127.0.0.1 off the proxy.
                                    "-Dhttp.nonProxyHosts=*.internal.example"),
                            Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD),
                            "status",
                            "--url",
                            url,
                            "--user",
                            Cli.USER,
                            "--workflow-id",
                            "42")
                    .finish();

            assertThat(run.exitCode()).as("%s", run).isEqualTo(0);
            assertThat(proxy.requests())
                    .singleElement()
                    .satisfies(request -> assertThat(request.target()).isEqualTo(url));
        }
    }

    /** A wait on a workflow that stays Queued, once it has polled: a signal then finds a wait in progress. */
    private static Started startWait(long workflowId, String... extra) throws IOException {
        simulator.script(workflowId, WorkflowScript.builder().status("Queued").build());
        List<String> args = new ArrayList<>(List.of(
                "wait",
                "--url",
                url,
                "--user",
                Cli.USER,
                "--workflow-id",
                String.valueOf(workflowId),
                "--poll-interval",
                "200ms"));
        args.addAll(List.of(extra));
        Started started = start(Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD), args.toArray(String[]::new));
        Pattern polled = Pattern.compile("MasterWorkflowInstanceId[^>]*>\\s*" + workflowId + "\\s*<");
        await().atMost(Duration.ofSeconds(60))
                .alias("two polls of workflow " + workflowId + " while the process runs")
                .until(() -> !started.process().isAlive()
                        || simulator.requests().stream()
                                        .filter(request -> polled.matcher(request.bodyText())
                                                .find())
                                        .count()
                                >= 2);
        assertThat(started.process().isAlive())
                .as("the wait still runs: %s", started.process())
                .isTrue();
        return started;
    }

    /** Whether the process ignores SIGINT, as the shell makes every command of a background job do. */
    private static boolean ignoresSigint(Process process) throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        String ignored = Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> line.substring("SigIgn:".length()).trim())
                .findFirst()
                .orElse("0");
        return (new BigInteger(ignored, 16).longValue() & (1L << (2 - 1))) != 0;
    }

    private static Run java(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        return start(List.of(), extraEnv, args).finish();
    }

    private static Started start(Map<String, String> extraEnv, String... args) throws IOException {
        return start(List.of(), extraEnv, args);
    }

    private static Started start(List<String> jvmOptions, Map<String, String> extraEnv, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cora-ocr-out", ".txt");
        Path err = Files.createTempFile("cora-ocr-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Neither this machine's Cora settings nor its proxy may reach the servers on 127.0.0.1.
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("CORA_OCR_")
                        || name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        builder.environment().putAll(extraEnv);
        return new Started(builder.start(), String.join(" ", args), out, err);
    }

    /** A running {@code java -jar}, whose output goes to files until it ends. */
    private record Started(Process process, String command, Path out, Path err) {
        Run finish() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("cora-ocr " + command + " did not end within 60s");
                }
                Run run = new Run(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
                Cli.assertNoSecrets(run.out(), run.err());
                return run;
            } finally {
                process.destroyForcibly();
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
