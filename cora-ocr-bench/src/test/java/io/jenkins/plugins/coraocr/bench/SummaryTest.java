package io.jenkins.plugins.coraocr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryTest {
    private static final String FORM = "summary: poll-ratio=-?\\d+\\.\\d{2} waits=\\d+ wall-ratio=-?\\d+\\.\\d{2}"
            + " p99-lateness-ms=-?\\d+ extra-threads=-?\\d+ heap-mb=-?\\d+ cold-start-ms=-?\\d+";

    @Test
    void lineHasTheExactFormOfTheIssue() {
        Summary summary = new Summary(1.0789, 10_000, 1.031, 42, 9, 118, 900);
        assertThat(summary.line())
                .isEqualTo(
                        "summary: poll-ratio=1.08 waits=10000 wall-ratio=1.03 p99-lateness-ms=42 extra-threads=9 heap-mb=118 cold-start-ms=900");
        assertThat(summary.line()).matches(FORM);
    }

    @Test
    void notMeasuredIsMinusOne() {
        Summary summary = new Summary(Summary.NOT_MEASURED, 0, Summary.NOT_MEASURED, -1, -1, -1, -1);
        assertThat(summary.line())
                .isEqualTo(
                        "summary: poll-ratio=-1.00 waits=0 wall-ratio=-1.00 p99-lateness-ms=-1 extra-threads=-1 heap-mb=-1 cold-start-ms=-1");
        assertThat(summary.line()).matches(FORM);
    }

    @Test
    void optionsDefaultToTenThousandWaitsAndTwoThousandWhenQuick() {
        assertThat(BenchMain.Options.parse(new String[0]).waits()).isEqualTo(10_000);
        assertThat(BenchMain.Options.parse(new String[] {"--quick"}).waits()).isEqualTo(2_000);
        assertThat(BenchMain.Options.parse(new String[] {"--quick", "--waits", "500"})
                        .waits())
                .isEqualTo(500);
    }
}
