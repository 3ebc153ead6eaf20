package io.jenkins.plugins.coraocr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[99 - i] = i + 1; // unsorted on purpose
        }
        Stats stats = Stats.of(values);
        assertThat(stats.median()).isEqualTo(50);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.percentile(100)).isEqualTo(100);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void smallSamplesAndPrefixes() {
        assertThat(Stats.of(7).p99()).isEqualTo(7);
        assertThat(Stats.of(3, 1, 2).median()).isEqualTo(2);
        // Only the first count values take part; the rest of the array is unused capacity.
        Stats prefix = Stats.of(new long[] {5, 1, 9, 1000, 1000}, 3);
        assertThat(prefix.count()).isEqualTo(3);
        assertThat(prefix.max()).isEqualTo(9);
        // p99 of 1..1000 is the 990th value.
        long[] thousand = new long[1000];
        for (int i = 0; i < thousand.length; i++) {
            thousand[i] = i + 1;
        }
        assertThat(Stats.of(thousand).p99()).isEqualTo(990);
    }

    @Test
    void rejectsEmptySamplesAndBadPercentiles() {
        assertThatThrownBy(() -> Stats.of(new long[0]).median()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Stats.of(1, 2).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.of(1, 2).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responderFindsTheWorkflowIdWhateverThePrefix() {
        assertThat(
                        LoopbackResponder.workflowId(
                                bytes(
                                        "<soap:Header><ns2:ActivityMetadata xmlns:ns2=\"x\"><ns2:MasterWorkflowInstanceId>4242</ns2:MasterWorkflowInstanceId>")))
                .isEqualTo(4242);
        assertThat(LoopbackResponder.workflowId(
                        bytes("<MasterWorkflowInstanceId xmlns=\"x\">17</MasterWorkflowInstanceId>")))
                .isEqualTo(17);
        assertThat(LoopbackResponder.workflowId(bytes("<GetStatus/>"))).isEqualTo(-1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
