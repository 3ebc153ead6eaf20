package io.jenkins.plugins.coraocr.bench;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two executors the engine is given in the many-waits run (a waiter without a per-server call limit),
 * decorated to time every poll. The scheduler notes each timer's due time
 * (submit time + delay); when the timer fires, the engine's dispatch runs on the scheduler thread and hands the
 * blocking call to the pool, and the pool wraps that call so that the moment it actually starts (the request is
 * about to be sent) is recorded against the due time. Lateness therefore includes timer delay and any queueing
 * for a free blocking thread.
 */
final class InstrumentedExecutors {
    private InstrumentedExecutors() {}

    /** What the scheduler thread is firing right now; read by the pool's execute() on the same thread. */
    private static final class Firing {
        boolean active;
        long due;
        long firedAt;
        boolean first;
    }

    private static final ThreadLocal<Firing> FIRING = ThreadLocal.withInitial(Firing::new);

    /** Ids of every thread the two executors created, for their CPU time. */
    static final java.util.Set<Long> THREAD_IDS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            THREAD_IDS.add(thread.getId());
            return thread;
        };
    }

    /** CPU time used so far by the scheduler and blocking threads (the engine and the client's work). */
    static long engineCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : THREAD_IDS) {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }

    /** A one-thread-or-more scheduler that notes the due time of every one-shot timer. */
    static final class TimedScheduler extends ScheduledThreadPoolExecutor {
        private final long intervalNanos;
        private final java.util.concurrent.atomic.LongAdder regularDelayNanos =
                new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder regularCount = new java.util.concurrent.atomic.LongAdder();

        TimedScheduler(int threads, long intervalNanos) {
            super(threads, named("bench-scheduler"));
            this.intervalNanos = intervalNanos;
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            long delayNanos = unit.toNanos(delay);
            long due = System.nanoTime() + delayNanos;
            boolean first = delayNanos < intervalNanos;
            // A regular poll waits the interval + 0..10 %; the wait's deadline timer (much longer) is no poll.
            if (!first && delayNanos <= intervalNanos * 11 / 10 + 1_000_000L) {
                regularDelayNanos.add(delayNanos);
                regularCount.increment();
            }
            return super.schedule(
                    () -> {
                        Firing firing = FIRING.get();
                        firing.active = true;
                        firing.due = due;
                        firing.firedAt = System.nanoTime();
                        firing.first = first;
                        try {
                            command.run();
                        } finally {
                            firing.active = false;
                        }
                    },
                    delay,
                    unit);
        }

        /** The mean delay the engine asked for between two regular polls (interval + jitter); 0 if none yet. */
        double meanRegularDelayNanos() {
            long count = regularCount.sum();
            return count == 0 ? 0 : (double) regularDelayNanos.sum() / count;
        }
    }

    /** A fixed pool that records, for work handed over by a firing timer, when that work starts. */
    static final class TimedPool extends ThreadPoolExecutor {
        private final PollRecorder recorder;

        TimedPool(int threads, PollRecorder recorder) {
            super(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("bench-blocking"));
            this.recorder = recorder;
        }

        @Override
        public void execute(Runnable command) {
            Firing firing = FIRING.get();
            if (!firing.active) {
                super.execute(command);
                return;
            }
            long due = firing.due;
            long firedAt = firing.firedAt;
            boolean first = firing.first;
            super.execute(() -> {
                recorder.record(System.nanoTime(), due, firedAt, first);
                command.run();
            });
        }
    }
}
