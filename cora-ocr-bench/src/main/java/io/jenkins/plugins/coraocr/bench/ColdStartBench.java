package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of a fresh {@code java -jar cora-ocr.jar status --url URL --workflow-id ID} against a running
 * simulator (in this JVM), next to {@code curl} sending the same request bytes. One untimed run of each first, so
 * that both find the files in the page cache; then alternating timed runs.
 */
final class ColdStartBench {
    static final long WORKFLOW_ID = 5151;
    private static final long PROCESS_TIMEOUT_SECONDS = 30;

    record Config(Path cliJar, int runs) {}

    /** Times in milliseconds; -1 when not measured. */
    record Result(long cliMedianMs, long cliMinMs, long curlMedianMs, long curlMinMs) {
        static final Result NOT_MEASURED = new Result(-1, -1, -1, -1);
    }

    private final Config config;
    private final PrintStream out;

    ColdStartBench(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** The CLI jar next to this bench in the checkout, if it was built. */
    static Path findCliJar(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        for (String candidate : List.of("cora-ocr-cli/target/cora-ocr.jar", "../cora-ocr-cli/target/cora-ocr.jar")) {
            Path path = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return Path.of("cora-ocr-cli/target/cora-ocr.jar").toAbsolutePath().normalize();
    }

    Result run(CapturedRequest template) throws Exception {
        Path jar = config.cliJar();
        if (!Files.isRegularFile(jar)) {
            out.printf(Locale.ROOT, "NOT MEASURED: %s does not exist (build the cora-ocr-cli module first)%n", jar);
            return Result.NOT_MEASURED;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Scenario scenario = Scenario.builder()
                .workflow(
                        WORKFLOW_ID,
                        WorkflowScript.builder().status("Completed").build())
                .build();
        try (CoraOcrSimulator simulator =
                CoraOcrSimulator.builder().scenario(scenario).start()) {
            String url = simulator.endpointUrl().toString();
            List<String> cli = List.of(
                    java, "-jar", jar.toString(), "status", "--url", url, "--workflow-id", Long.toString(WORKFLOW_ID));
            Path body = Files.createTempFile("cora-ocr-getstatus", ".xml");
            try {
                // The request the client sent in the per-poll part, with this workflow's id.
                String text = template.bodyText().replace(">" + PollBench.WORKFLOW_ID + "<", ">" + WORKFLOW_ID + "<");
                Files.writeString(body, text, StandardCharsets.UTF_8);
                List<String> curl = new ArrayList<>(List.of(
                        "curl",
                        "-s",
                        "-S",
                        "-o",
                        "/dev/null",
                        "-w",
                        "%{http_code}",
                        "-H",
                        "Content-Type: " + template.contentType()));
                if (template.soapAction() != null) {
                    curl.addAll(List.of("-H", "SOAPAction: " + template.soapAction()));
                }
                curl.addAll(List.of("--data-binary", "@" + body, url));

                out.printf(
                        Locale.ROOT, "command: java -jar %s status --url %s --workflow-id %d%n", jar, url, WORKFLOW_ID);
                Run warmCli = exec(cli);
                out.printf(
                        Locale.ROOT,
                        "untimed first run: exit %d in %d ms; output: %s%n",
                        warmCli.exit(),
                        warmCli.millis(),
                        oneLine(warmCli.output()));
                Run warmCurl = exec(curl);
                boolean haveCurl = warmCurl.exit() == 0;
                out.printf(
                        Locale.ROOT,
                        "curl: %s%n",
                        haveCurl
                                ? "HTTP " + warmCurl.output().trim() + " in " + warmCurl.millis() + " ms"
                                : "not usable (" + oneLine(warmCurl.output()) + ")");

                long[] cliMs = new long[config.runs()];
                long[] curlMs = new long[config.runs()];
                int exits = 0;
                for (int i = 0; i < config.runs(); i++) {
                    Run run = exec(cli);
                    cliMs[i] = run.millis();
                    if (run.exit() != 0) {
                        exits++;
                    }
                    if (haveCurl) {
                        curlMs[i] = exec(curl).millis();
                    }
                }
                Stats cliStats = Stats.of(cliMs);
                out.printf(
                        Locale.ROOT,
                        "java -jar cora-ocr.jar status: median %d ms, min %d ms, max %d ms over %d runs%s"
                                + " (goal <= 1500 ms)%n",
                        cliStats.median(),
                        cliStats.min(),
                        cliStats.max(),
                        config.runs(),
                        exits == 0 && warmCli.exit() == 0 ? "" : " (" + exits + " runs exited non-zero!)");
                if (haveCurl) {
                    Stats curlStats = Stats.of(curlMs);
                    out.printf(
                            Locale.ROOT,
                            "curl, same request:           median %d ms, min %d ms, max %d ms%n",
                            curlStats.median(),
                            curlStats.min(),
                            curlStats.max());
                    return new Result(cliStats.median(), cliStats.min(), curlStats.median(), curlStats.min());
                }
                return new Result(cliStats.median(), cliStats.min(), -1, -1);
            } finally {
                Files.deleteIfExists(body);
            }
        }
    }

    record Run(int exit, long millis, String output) {}

    private static Run exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Run(-1, -1, e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        boolean exited = process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            return new Run(-1, millis, "timed out after " + PROCESS_TIMEOUT_SECONDS + " s");
        }
        String text;
        try {
            text = output.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            text = "";
        }
        return new Run(process.exitValue(), millis, text);
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (in) {
            in.transferTo(buffer);
        } catch (IOException e) {
            // the process went away; what was read is enough
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
