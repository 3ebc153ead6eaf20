package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Runs the same entry point as the jar's Main-Class, and checks on every run that no credential
 * reached stdout or stderr.
 */
final class Cli {
    static final String USER = "ocr-bot";
    static final String PASSWORD = "Pa55w0rd-s3cret";
    static final String BASIC_TOKEN =
            Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String PROXY_USER = "proxy-bot";
    static final String PROXY_PASSWORD = "Pr0xy-s3cret";
    static final String PROXY_TOKEN =
            Base64.getEncoder().encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {}

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> env, String... args) {
        return run(env, Map.of(), StopSignals.NONE, args);
    }

    /**
     * @param properties the JVM properties the command reads (the test JVM's own stay untouched)
     * @param signals what stops a wait, in place of the process's own SIGINT and SIGTERM
     */
    static Result run(Map<String, String> env, Map<String, String> properties, StopSignals signals, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = CoraOcrCommand.execute(args, new CommandContext(outStream, errStream, env, properties, signals));
        }
        Result result =
                new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertNoSecrets(result.out(), result.err());
        return result;
    }

    /** The passwords, and their Basic encodings, must never be printed, whatever happened, not even in part. */
    static void assertNoSecrets(String... outputs) {
        for (String output : outputs) {
            for (String secret : List.of(PASSWORD, BASIC_TOKEN, PROXY_PASSWORD, PROXY_TOKEN)) {
                assertThat(output).doesNotContain(secret);
                // Half of it is enough to guess the rest.
                assertThat(output)
                        .doesNotContain(secret.substring(0, secret.length() / 2))
                        .doesNotContain(secret.substring(secret.length() / 2));
            }
        }
    }

    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** stdout must hold exactly one JSON object and nothing else. */
        JsonNode json() {
            try (MappingIterator<JsonNode> values =
                    JSON.readerFor(JsonNode.class).readValues(out)) {
                List<JsonNode> all = values.readAll();
                assertThat(all).as("JSON values on stdout: %s", out).hasSize(1);
                assertThat(all.get(0).isObject())
                        .as("stdout holds an object: %s", out)
                        .isTrue();
                return all.get(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
