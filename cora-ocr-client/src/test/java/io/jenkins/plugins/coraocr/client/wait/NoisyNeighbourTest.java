package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.testing.HostileServer;
import io.jenkins.plugins.coraocr.client.testing.SoapAnswers;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One slow server cannot stall the others: with the plugin's pool of 8 threads and half of them per server,
 * ten waits on a server that trickles its answers leave the healthy server's wait on schedule, and a poll
 * queued behind the per-server limit still ends at its wait's deadline.
 */
class NoisyNeighbourTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private ScheduledExecutorService timers;
    private ThreadPoolExecutor blocking;
    private HostileServer trickling;
    private CoraOcrSimulator healthy;
    private final List<CoraOcrClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        timers = Executors.newSingleThreadScheduledExecutor();
        blocking = (ThreadPoolExecutor) Executors.newFixedThreadPool(8);
        trickling = HostileServer.start(HostileServer.trickleBody(
                SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Completed", "NoError", "x".repeat(4_000)),
                Duration.ofMillis(500)));
        healthy = CoraOcrSimulator.builder().start();
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        blocking.shutdownNow();
        clients.forEach(CoraOcrClient::close);
        trickling.close();
        healthy.close();
    }

    private OcrWaiter waiter(String url, int limit) {
        CoraOcrClient client =
                CoraOcrClient.builder(url).readTimeout(Duration.ofMinutes(10)).build();
        clients.add(client);
        return new OcrWaiter(client, timers, blocking, limit);
    }

    @Test
    void waitsOnATricklingServerLeaveTheHealthyServersWaitOnSchedule() throws Exception {
        OcrWaiter slow = waiter(trickling.endpointUrl().toString(), 4);
        List<CompletableFuture<WaitOutcome>> stuck = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            stuck.add(slow.start(
                    id, WaitOptions.builder().timeout(Duration.ofMinutes(10)).build(), new WaitListener() {}));
        }
        trickling.awaitRequests(4, GENEROUS);

        healthy.script(
                99,
                WorkflowScript.builder()
                        .status("Queued")
                        .times(4)
                        .status("Completed")
                        .build());
        WaitOutcome outcome = waiter(healthy.endpointUrl().toString(), 4)
                .start(
                        99,
                        WaitOptions.builder()
                                .pollInterval(Duration.ofMillis(100))
                                .timeout(Duration.ofMinutes(10))
                                .build(),
                        new WaitListener() {})
                .get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.PASSED);
        assertThat(outcome.polls()).isEqualTo(5);
        assertThat(stuck).noneMatch(CompletableFuture::isDone);
        // Four calls hold four threads; the other six waits queue without a thread.
        assertThat(trickling.requests()).hasSize(4);
        stuck.forEach(wait -> wait.cancel(true));
    }

    @Test
    void aPollQueuedBehindTheLimitStillEndsAtItsDeadline() throws Exception {
        OcrWaiter slow = waiter(trickling.endpointUrl().toString(), 1);
        CompletableFuture<WaitOutcome> holding = slow.start(
                1, WaitOptions.builder().timeout(Duration.ofMinutes(10)).build(), new WaitListener() {});
        trickling.awaitRequests(1, GENEROUS);

        WaitOutcome queued = slow.start(
                        2, WaitOptions.builder().timeout(Duration.ofSeconds(2)).build(), new WaitListener() {})
                .get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(queued.result()).isEqualTo(WaitResult.TIMED_OUT);
        assertThat(queued.reason())
                .contains("the last poll could not start in time (all of this server's calls were busy)");
        assertThat(trickling.requests()).hasSize(1);
        assertThat(holding).isNotDone();
        holding.cancel(true);
    }
}
