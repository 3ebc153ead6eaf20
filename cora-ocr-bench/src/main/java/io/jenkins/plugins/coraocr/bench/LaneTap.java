package io.jenkins.plugins.coraocr.bench;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One waiter's view of a timer and a blocking pool that several waiters share, timing every poll of that waiter:
 * when it was due (the moment the engine scheduled its timer + the delay) and when it actually started on a pool
 * thread.
 *
 * <p>With {@code maxConcurrentCalls}, the engine's dispatch (on the timer thread) either hands the poll to the
 * blocking executor at once or parks it in the server's thread-less FIFO queue; a parked poll is handed over later,
 * from the pool thread whose call just ended. So the due time cannot travel on the timer thread alone. The tap
 * notes the due time of every firing of this waiter's timers in a FIFO of its own <em>before</em> the firing runs;
 * if the firing hands a poll over at once, its note is taken back out, and a later hand-over from a pool thread
 * takes the oldest note. Because the engine's queue is FIFO too, and the one timer thread fires one timer at a
 * time, the notes and the parked polls stay in the same order. This holds while no parked poll is withdrawn and
 * no other timer of the waiter fires (its deadline, a firing of a wait that already ended); the waits measured
 * this way have deadlines beyond the run and end only on an answer, and {@link #unmatched()} and {@link
 * #leftOver()} show if it ever did not hold.
 */
final class LaneTap {
    /** The firing running on the timer thread now. */
    private static final class Firing {
        LaneTap tap;
        Due due;
        boolean handedOver;
    }

    private static final ThreadLocal<Firing> FIRING = ThreadLocal.withInitial(Firing::new);

    /** A note; compared by identity, so that taking one back out never takes an equal twin. */
    private static final class Due {
        final long dueNanos;
        final long firedNanos;
        final boolean first;

        Due(long dueNanos, long firedNanos, boolean first) {
            this.dueNanos = dueNanos;
            this.firedNanos = firedNanos;
            this.first = first;
        }
    }

    private final PollRecorder recorder;
    private final long intervalNanos;
    private final ArrayDeque<Due> parked = new ArrayDeque<>();
    private final AtomicLong atOnce = new AtomicLong();
    private final AtomicLong fromQueue = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();

    /**
     * @param recorder where this waiter's polls go, or null to pass everything through untimed
     * @param intervalNanos a timer shorter than the poll interval is a wait's first poll (or a retry)
     */
    LaneTap(PollRecorder recorder, long intervalNanos) {
        this.recorder = recorder;
        this.intervalNanos = intervalNanos;
    }

    /** The scheduler to give this waiter: the shared one, with this waiter's timers noted. */
    ScheduledExecutorService scheduler(ScheduledExecutorService shared) {
        return new Scheduler(shared);
    }

    /** The blocking executor to give this waiter: the shared one, with the start of this waiter's polls timed. */
    Executor blocking(Executor shared) {
        return command -> {
            if (recorder == null) {
                shared.execute(command);
                return;
            }
            Firing firing = FIRING.get();
            Due due;
            if (firing.tap == this) {
                due = firing.due;
                firing.handedOver = true;
                atOnce.incrementAndGet();
            } else {
                synchronized (parked) {
                    due = parked.pollFirst();
                }
                if (due == null) {
                    unmatched.incrementAndGet();
                } else {
                    fromQueue.incrementAndGet();
                }
            }
            Due noted = due;
            shared.execute(() -> {
                if (noted != null) {
                    recorder.record(System.nanoTime(), noted.dueNanos, noted.firedNanos, noted.first);
                }
                command.run();
            });
        };
    }

    /** Polls handed to the pool by their timer's firing (a place of the server was free). */
    long atOnce() {
        return atOnce.get();
    }

    /** Polls that waited in the engine's queue for one of the server's places and were handed over later. */
    long fromQueue() {
        return fromQueue.get();
    }

    /** Hand-overs with no note to match: the attribution went wrong (should be 0). */
    long unmatched() {
        return unmatched.get();
    }

    /** Notes never matched by a hand-over; 0 once every measured wait has ended on an answer. */
    int leftOver() {
        synchronized (parked) {
            return parked.size();
        }
    }

    private Runnable noted(Runnable command, long dueNanos, boolean first) {
        if (recorder == null) {
            return command;
        }
        return () -> {
            Due due = new Due(dueNanos, System.nanoTime(), first);
            synchronized (parked) {
                parked.addLast(due);
            }
            Firing firing = FIRING.get();
            firing.tap = this;
            firing.due = due;
            firing.handedOver = false;
            try {
                command.run();
            } finally {
                firing.tap = null;
                if (firing.handedOver) {
                    synchronized (parked) {
                        parked.removeLastOccurrence(due);
                    }
                }
            }
        };
    }

    /** Delegates everything; one-shot timers get noted. The engine uses only {@link #schedule(Runnable, long, TimeUnit)}. */
    private final class Scheduler implements ScheduledExecutorService {
        private final ScheduledExecutorService shared;

        Scheduler(ScheduledExecutorService shared) {
            this.shared = shared;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            long delayNanos = unit.toNanos(delay);
            long due = System.nanoTime() + delayNanos;
            return shared.schedule(noted(command, due, delayNanos < intervalNanos), delay, unit);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return shared.schedule(callable, delay, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return shared.scheduleAtFixedRate(command, initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(
                Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return shared.scheduleWithFixedDelay(command, initialDelay, delay, unit);
        }

        @Override
        public void shutdown() {
            shared.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return shared.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return shared.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return shared.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return shared.awaitTermination(timeout, unit);
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return shared.submit(task);
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return shared.submit(task, result);
        }

        @Override
        public Future<?> submit(Runnable task) {
            return shared.submit(task);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            return shared.invokeAll(tasks);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            return shared.invokeAll(tasks, timeout, unit);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            return shared.invokeAny(tasks);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return shared.invokeAny(tasks, timeout, unit);
        }

        @Override
        public void execute(Runnable command) {
            shared.execute(command);
        }
    }
}
