package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitBehaviourTest extends EngineFixture {
    @Test
    void pollsThroughTheRunningStatusesAndReportsOnlyChanges() throws Exception {
        script(
                30,
                steps().status("Queued")
                        .times(2)
                        .status("ProcessingInput")
                        .times(2)
                        .status("WaitingForOutput")
                        .status("Completed", "NoError", "done")
                        .build());
        RecordingListener listener = new RecordingListener();
        WaitOutcome outcome = waiter.start(30, fast().build(), listener).get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.PASSED);
        assertThat(outcome.polls()).isEqualTo(6);
        assertThat(listener.polls).hasSize(6);
        assertThat(listener.changes).containsExactly("Queued", "ProcessingInput", "WaitingForOutput", "Completed");
        assertThat(listener.outcomes).containsExactly(outcome);
        assertThat(listener.states)
                .hasSize(6)
                .last()
                .satisfies(state -> assertThat(state.polls()).isEqualTo(6));
        assertThat(requestsFor(30)).isEqualTo(6);
    }

    @Test
    void theBlockingCallNeverRunsOnTheSchedulerThread() throws Exception {
        script(31, steps().status("Queued").times(3).status("Completed").build());
        RecordingListener listener = new RecordingListener();
        waiter.start(31, fast().build(), listener).get(60, TimeUnit.SECONDS);
        assertThat(listener.pollThreads)
                .hasSize(4)
                .allSatisfy(name -> assertThat(name).startsWith("blocking-"));
    }

    @Test
    void anUnrecognisedStatusIsARetryableErrorNamingTheValue() throws Exception {
        script(32, steps().status("Paused").times(2).status("Completed").build());
        RecordingListener listener = new RecordingListener();
        WaitOutcome outcome = waiter.start(32, fast().build(), listener).get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.PASSED);
        assertThat(listener.errors)
                .hasSize(2)
                .allSatisfy(error -> assertThat(error).contains("unrecognised Status 'Paused'"));
        assertThat(listener.attempts).containsExactly(1, 2);
    }

    @Test
    void tooManyUnrecognisedStatusesEndInErrorNamingTheValue() throws Exception {
        script(33, steps().status("Paused").build());
        WaitOutcome outcome = waiter.start(33, fast().maxConsecutiveErrors(3).build(), new RecordingListener())
                .get(60, TimeUnit.SECONDS);
        assertThat(outcome.result()).isEqualTo(WaitResult.ERROR);
        assertThat(outcome.message())
                .contains("gave up after 3 consecutive failed polls")
                .contains("'Paused'");
        assertThat(requestsFor(33)).isEqualTo(3);
    }

    @Test
    void withNoErrorToleratedTheFirstFailedPollEndsTheWait() throws Exception {
        script(40, steps().httpError(503).build());
        WaitOutcome outcome = waiter.start(40, fast().maxConsecutiveErrors(1).build(), new RecordingListener())
                .get(60, TimeUnit.SECONDS);
        assertThat(outcome.result()).isEqualTo(WaitResult.ERROR);
        assertThat(outcome.message()).contains("gave up after 1 failed poll: ").contains("HTTP 503");
        assertThat(requestsFor(40)).isEqualTo(1);
    }

    @Test
    void tooManyConsecutiveErrorsEndInErrorNamingTheLastOne() throws Exception {
        script(
                34,
                steps().httpError(503)
                        .times(2)
                        .soapFault("Server was unable to process request. ---> disk full")
                        .build());
        RecordingListener listener = new RecordingListener();
        WaitOutcome outcome = waiter.start(34, fast().maxConsecutiveErrors(4).build(), listener)
                .get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.ERROR);
        assertThat(outcome.message())
                .contains("gave up after 4 consecutive failed polls")
                .contains("disk full");
        assertThat(outcome.lastError()).isPresent();
        assertThat(listener.attempts).containsExactly(1, 2, 3);
        assertThat(requestsFor(34)).isEqualTo(4);
    }

    @Test
    void aSuccessfulPollResetsTheErrorCount() throws Exception {
        script(
                35,
                steps().httpError(503)
                        .times(2)
                        .status("Queued")
                        .httpError(503)
                        .times(2)
                        .status("Completed")
                        .build());
        RecordingListener listener = new RecordingListener();
        WaitOutcome outcome = waiter.start(35, fast().maxConsecutiveErrors(3).build(), listener)
                .get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.PASSED);
        assertThat(listener.attempts).containsExactly(1, 2, 1, 2);
        assertThat(listener.retryDelays.get(2)).isLessThanOrEqualTo(FAST);
    }

    @Test
    void aNonRetryableFailureEndsTheWaitAfterExactlyOneRequest() throws Exception {
        try (CoraOcrSimulator guarded =
                        CoraOcrSimulator.builder().basicAuth("bot", "right").start();
                io.jenkins.plugins.coraocr.client.CoraOcrClient wrong =
                        io.jenkins.plugins.coraocr.client.CoraOcrClient.builder(
                                        guarded.endpointUrl().toString())
                                .credentials("bot", "wrong")
                                .build()) {
            OcrWaiter guardedWaiter = new OcrWaiter(wrong, scheduler, blocking);
            WaitOutcome outcome = guardedWaiter
                    .start(36, fast().build(), new RecordingListener())
                    .get(60, TimeUnit.SECONDS);
            assertThat(outcome.result()).isEqualTo(WaitResult.ERROR);
            assertThat(outcome.message())
                    .contains("rejected the user name or password")
                    .doesNotContain("right")
                    .doesNotContain("wrong");
            assertThat(guarded.requests()).hasSize(1);
        }
    }

    @Test
    void theDeadlineEndsTheWaitWithTheLastStatusKnown() throws Exception {
        script(37, steps().status("ProcessingInput", "NoError", "slow").build());
        warmUp();
        WaitOutcome outcome = waiter.start(
                        37, fast().timeout(Duration.ofSeconds(3)).build(), new RecordingListener())
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.TIMED_OUT);
        assertThat(outcome.lastStatus())
                .hasValueSatisfying(s -> assertThat(s.rawStatus()).isEqualTo("ProcessingInput"));
        assertThat(outcome.message())
                .contains("3s timeout ran out")
                .contains("ProcessingInput (NoError), ExternalContext \"slow\"");
        assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theDeadlineAlsoEndsAWaitThatOnlySeesErrors() throws Exception {
        script(38, steps().dropConnection().build());
        warmUp();
        WaitOutcome outcome = waiter.start(
                        38,
                        fast().timeout(Duration.ofSeconds(2))
                                .maxConsecutiveErrors(1000)
                                .build(),
                        new RecordingListener())
                .get(30, TimeUnit.SECONDS);
        assertThat(outcome.result()).isEqualTo(WaitResult.TIMED_OUT);
        assertThat(outcome.lastStatus()).isEmpty();
        assertThat(outcome.message()).contains("the last poll failed");
    }

    @Test
    void cancellingStopsPollingAtOnce() throws Exception {
        script(39, steps().status("Queued").build());
        RecordingListener listener = new RecordingListener();
        CompletableFuture<WaitOutcome> wait = waiter.start(39, fast().build(), listener);
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.polls.size() >= 2);

        assertThat(wait.cancel(true)).isTrue();
        long requestsAtCancel = requestsFor(39);
        Thread.sleep(FAST.multipliedBy(10).toMillis());

        // A request already on its way may still arrive; a wait that kept polling would send about ten more.
        assertThat(requestsFor(39)).isLessThanOrEqualTo(requestsAtCancel + 1);
        assertThat(wait).isCancelled();
        assertThat(listener.outcomes).isEmpty();
    }

    @Test
    void aThrowingListenerDoesNotLoseTheOutcome() throws Exception {
        script(40, steps().status("Queued").status("Completed").build());
        WaitListener broken = new WaitListener() {
            @Override
            public void onPoll(io.jenkins.plugins.coraocr.client.WorkflowStatus status, int polls) {
                throw new IllegalStateException("listener bug");
            }
        };
        assertThat(waiter.start(40, fast().build(), broken)
                        .get(60, TimeUnit.SECONDS)
                        .result())
                .isEqualTo(WaitResult.PASSED);
    }
}
