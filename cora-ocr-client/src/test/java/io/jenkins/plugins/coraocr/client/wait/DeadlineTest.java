package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.testing.HostileServer;
import io.jenkins.plugins.coraocr.client.testing.SoapAnswers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deadline is a wall-clock promise: whatever the server does, the wait ends at it and the poll in flight
 * is aborted, its connection closed and its thread free. The servers here would hold a call for minutes;
 * the bounds below are generous, so a loaded machine can only make them pass later, never fail them.
 */
class DeadlineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Far beyond the deadline: only the deadline can end these calls. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    /** What "at the deadline" means on a loaded 2-core machine; the promise itself is half a second. */
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private ScheduledExecutorService timers;
    private ThreadPoolExecutor blocking;
    private HostileServer server;

    @BeforeEach
    void start() {
        timers = Executors.newSingleThreadScheduledExecutor();
        blocking = (ThreadPoolExecutor) Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        blocking.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private WaitOutcome waitOn(HostileServer hostile) throws Exception {
        server = hostile;
        try (CoraOcrClient client = CoraOcrClient.builder(server.endpointUrl().toString())
                .readTimeout(READ_TIMEOUT)
                .build()) {
            long started = System.nanoTime();
            WaitOutcome outcome = new OcrWaiter(client, timers, blocking)
                    .start(
                            3,
                            WaitOptions.builder()
                                    .pollInterval(Duration.ofSeconds(1))
                                    .timeout(TIMEOUT)
                                    .build(),
                            new WaitListener() {})
                    .get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plus(GENEROUS));
            return outcome;
        }
    }

    private void assertThePollWasAbortedAndItsThreadIsFree() {
        int connection = server.awaitConnections(1, GENEROUS).get(0).id();
        assertThat(server.awaitClosedByClient(connection, GENEROUS).closedByClient())
                .isTrue();
        await().atMost(GENEROUS).until(() -> blocking.getActiveCount() == 0);
    }

    @Test
    void aTricklingAnswerEndsAtTheDeadline() throws Exception {
        WaitOutcome outcome = waitOn(HostileServer.start(HostileServer.trickleBody(
                SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Completed", "NoError", "x".repeat(2_000)),
                Duration.ofMillis(500))));
        assertThat(outcome.result()).isEqualTo(WaitResult.TIMED_OUT);
        assertThat(outcome.reason())
                .isEqualTo("the 2s timeout ran out before a final status; the poll in flight had no answer 500ms after"
                        + " the deadline and was aborted");
        assertThePollWasAbortedAndItsThreadIsFree();
    }

    @Test
    void stalledHeadersEndAtTheDeadline() throws Exception {
        WaitOutcome outcome = waitOn(HostileServer.start(HostileServer.stallHeaders()));
        assertThat(outcome.result()).isEqualTo(WaitResult.TIMED_OUT);
        assertThePollWasAbortedAndItsThreadIsFree();
    }

    @Test
    void aServerThatNeverReadsEndsAtTheDeadline() throws Exception {
        WaitOutcome outcome = waitOn(HostileServer.start(HostileServer.neverRead()));
        assertThat(outcome.result()).isEqualTo(WaitResult.TIMED_OUT);
        await().atMost(GENEROUS).until(() -> blocking.getActiveCount() == 0);
    }

    @Test
    void tricklingHeadersEndAtTheDeadline() throws Exception {
        WaitOutcome outcome = waitOn(HostileServer.start(HostileServer.trickleHeaders(
                SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Completed", "NoError", null),
                Duration.ofMillis(500))));
        assertThat(outcome.result()).isEqualTo(WaitResult.TIMED_OUT);
        assertThePollWasAbortedAndItsThreadIsFree();
    }

    @Test
    void cancellingAbortsThePollInFlight() throws Exception {
        server = HostileServer.start(HostileServer.stallHeaders());
        try (CoraOcrClient client = CoraOcrClient.builder(server.endpointUrl().toString())
                .readTimeout(READ_TIMEOUT)
                .build()) {
            CompletableFuture<WaitOutcome> wait = new OcrWaiter(client, timers, blocking)
                    .start(3, WaitOptions.builder().timeout(Duration.ofHours(1)).build(), new WaitListener() {});
            server.awaitRequests(1, GENEROUS);
            await().atMost(GENEROUS).until(() -> blocking.getActiveCount() == 1);

            assertThat(wait.cancel(true)).isTrue();

            assertThePollWasAbortedAndItsThreadIsFree();
            assertThat(server.requests()).hasSize(1);
        }
    }
}
