package io.jenkins.plugins.coraocr.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lock-free record of every poll of a waits run: when its blocking call started, how late that was against
 * the schedule (due = time the engine scheduled the timer + its delay), how late the timer itself fired, and
 * whether it was a wait's first poll (delay below the interval).
 */
final class PollRecorder {
    private final long[] startNanos;
    private final long[] latenessNanos;
    private final long[] timerLatenessNanos;
    private final boolean[] first;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    PollRecorder(int capacity) {
        startNanos = new long[capacity];
        latenessNanos = new long[capacity];
        timerLatenessNanos = new long[capacity];
        first = new boolean[capacity];
    }

    void record(long startedAt, long due, long timerFiredAt, boolean firstPoll) {
        int i = next.getAndIncrement();
        if (i >= startNanos.length) {
            dropped.incrementAndGet();
            return;
        }
        startNanos[i] = startedAt;
        latenessNanos[i] = Math.max(0, startedAt - due);
        timerLatenessNanos[i] = Math.max(0, timerFiredAt - due);
        first[i] = firstPoll;
    }

    /** Only call once the run is over (the executors were shut down, which orders the writes before). */
    int count() {
        return Math.min(next.get(), startNanos.length);
    }

    int dropped() {
        return dropped.get();
    }

    long[] startNanos() {
        return startNanos;
    }

    long[] latenessNanos() {
        return latenessNanos;
    }

    long[] timerLatenessNanos() {
        return timerLatenessNanos;
    }

    boolean[] first() {
        return first;
    }

    /**
     * Prints the lateness of all polls, of first and of later polls, and of the timer's firing alone; returns the
     * p99 lateness of all polls in whole ms, -1 when none was recorded. Only once the run is over.
     */
    long report(java.io.PrintStream out) {
        int count = count();
        if (count == 0) {
            out.println("  no polls recorded");
            return -1;
        }
        long[] firsts = latenessOf(true);
        long[] later = latenessOf(false);
        Stats all = Stats.of(latenessNanos, count);
        row(out, "all polls", all);
        if (firsts.length > 0) {
            row(out, "first polls", Stats.of(firsts));
        }
        if (later.length > 0) {
            row(out, "later polls", Stats.of(later));
        }
        row(out, "timer firing alone", Stats.of(timerLatenessNanos, count));
        if (dropped() > 0) {
            out.printf(java.util.Locale.ROOT, "  (%d polls not recorded: the recorder was full)%n", dropped());
        }
        return Math.round(all.p99() / 1e6);
    }

    /** The lateness of the polls that were (or were not) a wait's first, in the order recorded. */
    long[] latenessOf(boolean firstPolls) {
        int count = count();
        long[] selected = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (first[i] == firstPolls) {
                selected[n++] = latenessNanos[i];
            }
        }
        return java.util.Arrays.copyOf(selected, n);
    }

    /** The busiest second, counting poll starts from {@code fromNanos} on. */
    int busiestSecond(long fromNanos) {
        int count = count();
        long last = fromNanos;
        for (int i = 0; i < count; i++) {
            last = Math.max(last, startNanos[i]);
        }
        int[] perSecond = new int[(int) ((last - fromNanos) / 1_000_000_000L) + 1];
        int busiest = 0;
        for (int i = 0; i < count; i++) {
            if (startNanos[i] >= fromNanos) {
                int second = (int) ((startNanos[i] - fromNanos) / 1_000_000_000L);
                busiest = Math.max(busiest, ++perSecond[second]);
            }
        }
        return busiest;
    }

    static void row(java.io.PrintStream out, String name, Stats stats) {
        out.printf(
                java.util.Locale.ROOT,
                "  %-30s n=%-7d median %6.1f ms  p99 %7.1f ms  max %7.1f ms%n",
                name,
                stats.count(),
                stats.median() / 1e6,
                stats.p99() / 1e6,
                stats.max() / 1e6);
    }
}
