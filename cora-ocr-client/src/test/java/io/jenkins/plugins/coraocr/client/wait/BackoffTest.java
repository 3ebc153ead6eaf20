package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackoffTest extends EngineFixture {
    private static long ms(int attempt, Duration interval) {
        return OcrWaiter.backoff(attempt, interval).toMillis();
    }

    @Test
    void startsAtOneSecondDoublesAndIsCappedAtAMinuteWithTheDefaultInterval() {
        Duration interval = WaitOptions.DEFAULT_POLL_INTERVAL;
        long[] nominal = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000};
        for (int attempt = 1; attempt <= nominal.length; attempt++) {
            assertThat(ms(attempt, interval))
                    .as("attempt %d", attempt)
                    .isBetween(nominal[attempt - 1] * 9 / 10, nominal[attempt - 1]);
        }
        assertThat(ms(40, interval)).isBetween(54_000L, 60_000L);
    }

    @Test
    void aShortIntervalStartsTheBackoffLowerAndALongOneRaisesTheCap() {
        assertThat(ms(1, Duration.ofMillis(200))).isBetween(180L, 200L);
        assertThat(ms(2, Duration.ofMillis(200))).isBetween(360L, 400L);
        assertThat(ms(12, Duration.ofMinutes(5))).isBetween(270_000L, 300_000L);
    }

    @Test
    void jitterSpreadsRetriesApart() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> ms(5, WaitOptions.DEFAULT_POLL_INTERVAL))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void withTheDefaultsAnOutageOfAboutFourMinutesIsSurvived() {
        // The last allowed error comes after every backoff but the one it would have waited.
        long total = 0;
        for (int attempt = 1; attempt < WaitOptions.DEFAULT_MAX_CONSECUTIVE_ERRORS; attempt++) {
            total += ms(attempt, WaitOptions.DEFAULT_POLL_INTERVAL);
        }
        assertThat(Duration.ofMillis(total))
                .isBetween(
                        Duration.ofMinutes(3).plusSeconds(30),
                        Duration.ofMinutes(4).plusSeconds(10));
    }

    @Test
    void theEngineWaitsLongerAfterEachConsecutiveError() throws Exception {
        script(50, steps().httpError(503).times(4).status("Completed").build());
        RecordingListener listener = new RecordingListener();
        WaitOutcome outcome = waiter.start(50, fast().build(), listener).get(60, TimeUnit.SECONDS);

        assertThat(outcome.result()).isEqualTo(WaitResult.PASSED);
        assertThat(listener.attempts).containsExactly(1, 2, 3, 4);
        List<Duration> delays = listener.retryDelays;
        assertThat(delays.get(0).toMillis()).isBetween(90L, 100L);
        assertThat(delays.get(1).toMillis()).isBetween(180L, 200L);
        assertThat(delays.get(2).toMillis()).isBetween(360L, 400L);
        assertThat(delays.get(3).toMillis()).isBetween(720L, 800L);
        assertThat(listener.errors).allSatisfy(error -> assertThat(error).contains("HTTP 503"));
    }
}
