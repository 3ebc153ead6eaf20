package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A restarted process continues the same wait, with the same deadline. */
class ResumeTest extends EngineFixture {
    @Test
    void aSavedWaitContinuesWhereItStoppedAfterARoundTripThroughSerialization() throws Exception {
        script(
                60,
                steps().status("Queued")
                        .times(3)
                        .status("ProcessingInput")
                        .times(3)
                        .status("Completed", "NoError", "resumed")
                        .build());
        RecordingListener before = new RecordingListener();
        WaitOptions options = fast().timeout(Duration.ofMinutes(5)).build();
        CompletableFuture<WaitOutcome> first = waiter.start(60, options, before);
        await().atMost(Duration.ofSeconds(30)).until(() -> before.states.size() >= 2);
        first.cancel(true);
        WaitState saved = before.states.get(before.states.size() - 1);

        WaitState restored = roundTrip(saved);
        WaitOptions restoredOptions = roundTrip(options);
        assertThat(restored.deadlineEpochMillis()).isEqualTo(saved.deadlineEpochMillis());
        assertThat(restored.lastStatus()).isEqualTo(saved.lastStatus());

        RecordingListener after = new RecordingListener();
        WaitOutcome outcome = waiter.resume(restored, restoredOptions, after).get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.PASSED);
        assertThat(outcome.polls()).isEqualTo(7);
        assertThat(outcome.polls()).isEqualTo(saved.polls() + after.polls.size());
        assertThat(after.changes).doesNotContain("Queued").endsWith("Completed");
        assertThat(after.states).allSatisfy(state -> {
            assertThat(state.deadlineEpochMillis()).isEqualTo(saved.deadlineEpochMillis());
            assertThat(state.startedAtEpochMillis()).isEqualTo(saved.startedAtEpochMillis());
        });
    }

    @Test
    void aWaitResumedAfterItsDeadlineEndsTimedOutAtOnceWithoutARequest() throws Exception {
        script(61, steps().status("Completed").build());
        WaitOptions options = fast().timeout(Duration.ofMinutes(1)).build();
        WaitState longAgo = WaitState.begin(61, options, Instant.now().minus(Duration.ofMinutes(2)));
        RecordingListener listener = new RecordingListener();

        WaitOutcome outcome = waiter.resume(longAgo, options, listener).get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.TIMED_OUT);
        assertThat(outcome.message())
                .contains("the 1m timeout ran out while the wait was not running")
                .contains("its deadline was " + Instant.ofEpochMilli(longAgo.deadlineEpochMillis()));
        assertThat(outcome.polls()).isZero();
        assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(listener.outcomes).containsExactly(outcome);
        assertThat(requestsFor(61)).isZero();
    }

    @Test
    void withoutATimeoutThereIsNoDeadline() {
        WaitState state = WaitState.begin(63, fast().timeout(Duration.ZERO).build(), Instant.now());
        assertThat(state.hasDeadline()).isFalse();
        assertThat(state.deadlineEpochMillis()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        assertThat(bytes.size()).as("serialized size").isLessThan(2048);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
