package io.jenkins.plugins.coraocr.bench;

import java.util.Locale;

/**
 * The one line the run ends with. A value that was not measured is -1 (ratios: -1.00). The first fields are the
 * original ones, in their original order; newer ones follow, so that a reader of the older line still finds its
 * fields where they were.
 *
 * <pre>summary: poll-ratio=1.08 waits=10000 wall-ratio=1.03 p99-lateness-ms=42 extra-threads=9 heap-mb=118
 * cold-start-ms=900 ref-ratio=1.07 neighbour-p99-lateness-ms=12 restart-p99-lateness-ms=30</pre>
 */
record Summary(
        double pollRatio,
        int waits,
        double wallRatio,
        long p99LatenessMs,
        int extraThreads,
        long heapMb,
        long coldStartMs,
        double refRatio,
        long neighbourP99LatenessMs,
        long restartP99LatenessMs) {

    static final double NOT_MEASURED = -1;

    String line() {
        return String.format(
                Locale.ROOT,
                "summary: poll-ratio=%.2f waits=%d wall-ratio=%.2f p99-lateness-ms=%d extra-threads=%d heap-mb=%d"
                        + " cold-start-ms=%d ref-ratio=%.2f neighbour-p99-lateness-ms=%d restart-p99-lateness-ms=%d",
                pollRatio,
                waits,
                wallRatio,
                p99LatenessMs,
                extraThreads,
                heapMb,
                coldStartMs,
                refRatio,
                neighbourP99LatenessMs,
                restartP99LatenessMs);
    }
}
