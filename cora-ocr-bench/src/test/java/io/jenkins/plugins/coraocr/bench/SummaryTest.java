package io.jenkins.plugins.coraocr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SummaryTest {
    /** The original fields in their original order, then the newer ones. */
    private static final String FORM = "summary: poll-ratio=-?\\d+\\.\\d{2} waits=\\d+ wall-ratio=-?\\d+\\.\\d{2}"
            + " p99-lateness-ms=-?\\d+ extra-threads=-?\\d+ heap-mb=-?\\d+ cold-start-ms=-?\\d+"
            + " ref-ratio=-?\\d+\\.\\d{2} neighbour-p99-lateness-ms=-?\\d+ restart-p99-lateness-ms=-?\\d+";

    @Test
    void lineKeepsTheOriginalFieldsAndAppendsTheNewOnes() {
        Summary summary = new Summary(1.0789, 10_000, 1.031, 42, 9, 118, 900, 1.0949, 12, 230);
        assertThat(summary.line())
                .isEqualTo("summary: poll-ratio=1.08 waits=10000 wall-ratio=1.03 p99-lateness-ms=42 extra-threads=9"
                        + " heap-mb=118 cold-start-ms=900 ref-ratio=1.09 neighbour-p99-lateness-ms=12"
                        + " restart-p99-lateness-ms=230");
        assertThat(summary.line()).matches(FORM);
    }

    @Test
    void notMeasuredIsMinusOne() {
        Summary summary = new Summary(
                Summary.NOT_MEASURED, 0, Summary.NOT_MEASURED, -1, -1, -1, -1, Summary.NOT_MEASURED, -1, -1);
        assertThat(summary.line())
                .isEqualTo("summary: poll-ratio=-1.00 waits=0 wall-ratio=-1.00 p99-lateness-ms=-1 extra-threads=-1"
                        + " heap-mb=-1 cold-start-ms=-1 ref-ratio=-1.00 neighbour-p99-lateness-ms=-1"
                        + " restart-p99-lateness-ms=-1");
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

    @Test
    void everyPartRunsUnlessSkipped() {
        BenchMain.Options all = BenchMain.Options.parse(new String[0]);
        assertThat(all.poll()).isTrue();
        assertThat(all.manyWaits()).isTrue();
        assertThat(all.neighbours()).isTrue();
        assertThat(all.restart()).isTrue();
        assertThat(all.coldStart()).isTrue();

        BenchMain.Options some =
                BenchMain.Options.parse(new String[] {"--skip-neighbours", "--skip-restart", "--cli-jar", "x.jar"});
        assertThat(some.neighbours()).isFalse();
        assertThat(some.restart()).isFalse();
        assertThat(some.poll()).isTrue();
        assertThat(some.cliJar()).isEqualTo(Path.of("x.jar"));

        BenchMain.Options none = BenchMain.Options.parse(
                new String[] {"--skip-poll", "--skip-waits", "--skip-neighbours", "--skip-restart", "--skip-cold-start"
                });
        assertThat(none.poll() || none.manyWaits() || none.neighbours() || none.restart() || none.coldStart())
                .isFalse();
    }

    @Test
    void pollRoundsDefaultPerModeAndCanBeRaised() {
        assertThat(BenchMain.Options.parse(new String[0]).pollConfig().measuredRounds())
                .isEqualTo(10_000);
        assertThat(BenchMain.Options.parse(new String[] {"--quick"})
                        .pollConfig()
                        .measuredRounds())
                .isEqualTo(1_500);
        assertThat(BenchMain.Options.parse(new String[] {"--poll-rounds", "40000"})
                        .pollConfig()
                        .measuredRounds())
                .isEqualTo(40_000);
    }

    @Test
    void quickScalesTheNeighbourAndRestartRunsDown() {
        NeighbourBench.Config full = BenchMain.Options.parse(new String[0]).neighbourConfig();
        assertThat(full.healthyWaits()).isEqualTo(10_000);
        assertThat(full.tricklingWaits()).isEqualTo(100);
        assertThat(full.blockingThreads()).isEqualTo(8);
        assertThat(full.maxConcurrentCalls()).isEqualTo(4);
        assertThat(full.trickleReadTimeout().toSeconds()).isEqualTo(30);

        NeighbourBench.Config quick =
                BenchMain.Options.parse(new String[] {"--quick"}).neighbourConfig();
        assertThat(quick.healthyWaits()).isEqualTo(2_000);
        assertThat(quick.tricklingWaits()).isEqualTo(100);
        assertThat(quick.maxConcurrentCalls()).isEqualTo(4);
        // The trickling waits' deadline lies after the last healthy wait can have ended.
        assertThat(quick.tricklingTimeout().toMillis()).isGreaterThan(quick.idealMillis() * 2);

        assertThat(BenchMain.Options.parse(new String[] {"--waits", "300"})
                        .restartConfig()
                        .waits())
                .isEqualTo(300);
    }

    @Test
    void theNeighbourCanBeLeftOutForAControlRun() {
        assertThat(BenchMain.Options.parse(new String[] {"--trickling-waits", "0"})
                        .neighbourConfig()
                        .tricklingWaits())
                .isZero();
        assertThat(BenchMain.Options.parse(new String[] {"--quick", "--trickling-waits", "250"})
                        .neighbourConfig()
                        .tricklingWaits())
                .isEqualTo(250);
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[] {"--trickling-waits", "-1"}))
                .hasMessageContaining("--trickling-waits needs a number from 0");
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[] {"--poll-rounds", "0"}))
                .hasMessageContaining("--poll-rounds needs a number from 1");
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[] {"--waits"}))
                .hasMessageContaining("missing value after --waits");
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[] {"--skip-everything"}))
                .hasMessageContaining("unknown option --skip-everything");
    }
}
