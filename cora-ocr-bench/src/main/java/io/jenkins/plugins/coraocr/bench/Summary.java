package io.jenkins.plugins.coraocr.bench;

import java.util.Locale;

/**
 * The one line the run ends with. A value that was not measured is -1 (ratios: -1.00).
 *
 * <pre>summary: poll-ratio=1.08 waits=10000 wall-ratio=1.03 p99-lateness-ms=42 extra-threads=9 heap-mb=118 cold-start-ms=900</pre>
 */
record Summary(
        double pollRatio,
        int waits,
        double wallRatio,
        long p99LatenessMs,
        int extraThreads,
        long heapMb,
        long coldStartMs) {

    static final double NOT_MEASURED = -1;

    String line() {
        return String.format(
                Locale.ROOT,
                "summary: poll-ratio=%.2f waits=%d wall-ratio=%.2f p99-lateness-ms=%d extra-threads=%d heap-mb=%d cold-start-ms=%d",
                pollRatio,
                waits,
                wallRatio,
                p99LatenessMs,
                extraThreads,
                heapMb,
                coldStartMs);
    }
}
