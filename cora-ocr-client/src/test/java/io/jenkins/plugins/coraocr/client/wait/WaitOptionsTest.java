package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitOptionsTest {
    @Test
    void defaultsAreFifteenSecondsAnHourAndTenErrors() {
        WaitOptions defaults = WaitOptions.defaults();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(defaults.maxConsecutiveErrors()).isEqualTo(10);
        assertThat(defaults.acceptErrorCodes()).isEmpty();
        assertThat(defaults.unstableErrorCodes()).isEmpty();
    }

    @Test
    void refusesValuesOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> WaitOptions.builder().pollInterval(Duration.ofMillis(99)))
                .hasMessage("poll interval must be at least 100ms, got 99ms");
        assertThatThrownBy(() -> WaitOptions.builder().timeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("timeout must not be negative");
        assertThatThrownBy(() -> WaitOptions.builder().maxConsecutiveErrors(0))
                .hasMessage("max consecutive errors must be at least 1, got 0");
        assertThatThrownBy(() -> WaitOptions.builder().acceptErrorCodes(Set.of(OcrErrorCode.UNKNOWN)))
                .hasMessageContaining("accept error codes")
                .hasMessageContaining("valid codes are NoError");
    }

    @Test
    void theDeadlineIsAbsolute() {
        Instant now = Instant.parse("2026-11-29T03:00:00Z");
        WaitState state = WaitState.begin(
                5, WaitOptions.builder().timeout(Duration.ofMinutes(90)).build(), now);
        assertThat(state.deadlineEpochMillis())
                .isEqualTo(Instant.parse("2026-11-29T04:30:00Z").toEpochMilli());
        assertThatThrownBy(() -> WaitState.begin(0, WaitOptions.defaults(), now))
                .hasMessageContaining("got 0");
    }
}
