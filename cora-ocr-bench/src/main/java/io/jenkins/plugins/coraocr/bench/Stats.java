package io.jenkins.plugins.coraocr.bench;

import java.util.Arrays;

/** Order statistics over a sample of longs (nanoseconds, milliseconds, counts). Nearest-rank percentiles. */
final class Stats {
    private final long[] sorted;

    private Stats(long[] sorted) {
        this.sorted = sorted;
    }

    /** Copies and sorts the first {@code count} values. */
    static Stats of(long[] values, int count) {
        if (count < 0 || count > values.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + values.length);
        }
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return new Stats(copy);
    }

    static Stats of(long... values) {
        return of(values, values.length);
    }

    int count() {
        return sorted.length;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} percent of the sample at or
     * below it. {@code percentile(50)} is the (lower) median, {@code percentile(100)} the maximum.
     */
    long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    long median() {
        return percentile(50);
    }

    long p99() {
        return percentile(99);
    }

    long min() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        return sorted[0];
    }

    long max() {
        return percentile(100);
    }

    double mean() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return sum / sorted.length;
    }

    /** Nanoseconds as microseconds with one decimal, for tables. */
    static String micros(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
