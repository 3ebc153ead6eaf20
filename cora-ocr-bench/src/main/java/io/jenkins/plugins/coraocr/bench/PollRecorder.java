package io.jenkins.plugins.coraocr.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lock-free record of every poll of the many-waits run: when its blocking call started, how late that was against
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
}
