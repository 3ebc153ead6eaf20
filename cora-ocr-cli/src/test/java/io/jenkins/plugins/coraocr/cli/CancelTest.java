package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.coraocr.cli.StopSignals.StopSignal;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stop signal ends {@code wait} with 130 (SIGINT) or 143 (SIGTERM), aborts the poll in flight and sends
 * nothing more; {@code --json} still prints one object, with result CANCELLED. The signals here come from
 * the test; {@link CoraOcrJarIT} sends real ones to a real process.
 */
class CancelTest {
    private CoraOcrSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = CoraOcrSimulator.start();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void sigtermBetweenPollsExits143WithOneCancelledObject() {
        simulator.script(
                7,
                WorkflowScript.builder().status("Queued", "NoError", "batch 7").build());
        TestSignals signals = new TestSignals();
        CompletableFuture<Cli.Result> run = runAsync(7, signals, "--poll-interval", "100ms", "--json");
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.requests().size() >= 2);

        signals.send(StopSignal.SIGTERM);
        Cli.Result result = run.orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(result.exitCode()).as("%s", result).isEqualTo(143);
        JsonNode json = result.json();
        assertThat(json.get("result").asText()).isEqualTo("CANCELLED");
        assertThat(json.get("workflowId").asLong()).isEqualTo(7);
        assertThat(json.get("status").asText()).isEqualTo("Queued");
        assertThat(json.get("externalContext").asText()).isEqualTo("batch 7");
        assertThat(json.get("polls").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(json.get("message").asText())
                .startsWith(
                        "OCR workflow 7 CANCELLED: stopped by SIGTERM; no further request is sent (a poll in flight is aborted)")
                .contains("Last status: Queued (NoError)");
        assertThat(result.errLines()).last().isEqualTo(json.get("message").asText());
        assertNothingSentAfterTheEnd();
    }

    @Test
    void sigintDuringAPollAbortsItAndExits130() {
        // The server takes a minute to answer: far longer than the test waits.
        simulator.script(
                8,
                WorkflowScript.builder()
                        .status("Completed")
                        .delayedBy(Duration.ofMinutes(1))
                        .build());
        TestSignals signals = new TestSignals();
        CompletableFuture<Cli.Result> run = runAsync(8, signals, "--read-timeout", "5m");
        await().atMost(Duration.ofSeconds(30)).until(() -> !simulator.requests().isEmpty());

        signals.send(StopSignal.SIGINT);
        Cli.Result result = run.orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(result.exitCode()).as("%s", result).isEqualTo(130);
        assertThat(result.errLines())
                .last()
                .satisfies(line -> assertThat(line)
                        .startsWith(
                                "OCR workflow 8 CANCELLED: stopped by SIGINT; no further request is sent (a poll in flight is aborted)")
                        .contains("Last status: none. 0 polls in"));
        assertThat(result.out()).doesNotContain("CANCELLED").doesNotContain("PASSED");
        assertNothingSentAfterTheEnd();
    }

    @Test
    void aSignalWhileTheClientIsStillBeingBuiltStillEndsWithOneCancelledObject() {
        simulator.script(10, WorkflowScript.builder().status("Queued").build());
        // Sent the moment the command listens, before its client exists.
        StopSignals early = stop -> {
            stop.accept(StopSignal.SIGTERM);
            return () -> {};
        };

        Cli.Result result = CompletableFuture.supplyAsync(() -> Cli.run(
                        Map.of(),
                        Map.of(),
                        early,
                        "wait",
                        "--url",
                        simulator.endpointUrl().toString(),
                        "--workflow-id",
                        "10",
                        "--json"))
                .orTimeout(30, TimeUnit.SECONDS)
                .join();

        assertThat(result.exitCode()).as("%s", result).isEqualTo(143);
        assertThat(result.json().get("result").asText()).isEqualTo("CANCELLED");
        assertThat(result.json().get("message").asText()).startsWith("OCR workflow 10 CANCELLED: stopped by SIGTERM");
        assertNothingSentAfterTheEnd();
    }

    @Test
    void aSignalAfterTheEndChangesNothing() {
        simulator.script(9, WorkflowScript.builder().status("Completed").build());
        TestSignals signals = new TestSignals();

        Cli.Result result = runAsync(9, signals).orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(signals.registered())
                .as("the handlers are removed when the wait ends")
                .isFalse();
    }

    private CompletableFuture<Cli.Result> runAsync(long workflowId, TestSignals signals, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "wait",
                "--url",
                simulator.endpointUrl().toString(),
                "--workflow-id",
                String.valueOf(workflowId),
                "--timeout",
                "5m"));
        args.addAll(List.of(extra));
        return CompletableFuture.supplyAsync(() -> Cli.run(Map.of(), Map.of(), signals, args.toArray(String[]::new)));
    }

    /** Once the command has returned, no request may follow: none was queued, and the one in flight is gone. */
    private void assertNothingSentAfterTheEnd() {
        int sent = simulator.requests().size();
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> simulator.requests().size() == sent);
    }

    /** Signals the test sends; registered only while a wait runs, as the process's own are. */
    private static final class TestSignals implements StopSignals {
        private volatile Consumer<StopSignal> action;

        @Override
        public Registration onStop(Consumer<StopSignal> stop) {
            action = stop;
            return () -> action = null;
        }

        boolean registered() {
            return action != null;
        }

        void send(StopSignal signal) {
            Consumer<StopSignal> current = action;
            assertThat(current).as("a wait listens for signals").isNotNull();
            current.accept(signal);
        }
    }
}
