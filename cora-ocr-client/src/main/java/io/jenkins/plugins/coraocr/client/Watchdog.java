package io.jenkins.plugins.coraocr.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aborts the exchanges of one transport whose connect or answer time ran out. The exchanges of a transport
 * share its timeouts, so one that starts later is due later: a single timer, set for the exchange due
 * first, serves them all, and an exchange that starts or connects while the timer is set for no later
 * than its own due time costs no scheduling at all. (A timer of its own per exchange woke the watchdog's
 * thread twice per poll.) Firing, the timer aborts what is due and sets itself for the next one.
 */
final class Watchdog implements AutoCloseable {
    /** The due time of nothing: later than any real one. */
    static final long NEVER = Long.MAX_VALUE;

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Due times count from here, so they never wrap and compare as plain numbers. */
    private final long origin = System.nanoTime();

    private final Set<InFlight> watched = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final ScheduledThreadPoolExecutor timer;
    private volatile long setFor = NEVER;
    private ScheduledFuture<?> pending;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "cora-ocr-answer-watchdog-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Now, on this watchdog's clock. */
    long now() {
        return System.nanoTime() - origin;
    }

    /** Starts watching {@code flight}, which has just set its due time. */
    void watch(InFlight flight) {
        watched.add(flight);
        dueAt(flight.due());
    }

    /**
     * {@code flight} has moved its due time, to {@code due}. The exchange writes its due time before it
     * reads {@link #setFor}, and a sweep clears {@link #setFor} before it reads the due times: so either
     * the sweep sees the new due time, or the exchange sees the cleared timer and sets it again.
     */
    void dueAt(long due) {
        if (due >= setFor) {
            return;
        }
        synchronized (lock) {
            if (due >= setFor) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            setFor = due;
            pending = timer.schedule(this::sweep, Math.max(0, due - now()), TimeUnit.NANOSECONDS);
        }
    }

    void unwatch(InFlight flight) {
        watched.remove(flight);
    }

    /** On the timer's thread: aborts only by closing sockets, which never waits for the peer. */
    private void sweep() {
        synchronized (lock) {
            setFor = NEVER;
            pending = null;
        }
        long now = now();
        long next = NEVER;
        for (InFlight flight : watched) {
            long due = flight.due();
            if (due <= now) {
                watched.remove(flight);
                flight.timedOut();
            } else {
                next = Math.min(next, due);
            }
        }
        if (next != NEVER) {
            dueAt(next);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
