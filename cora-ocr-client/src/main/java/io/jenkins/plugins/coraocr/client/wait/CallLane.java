package io.jenkins.plugins.coraocr.client.wait;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Lets the calls to one server hold at most {@code limit} threads of the shared blocking executor.
 * Calls beyond the limit wait in a queue that holds no thread, so that a server which answers slowly
 * (or never) cannot stall the waits on every other server, and a queued call can still be withdrawn when
 * its wait ends.
 */
final class CallLane {
    private final Executor executor;
    private final int limit;
    private final Deque<Ticket> queue = new ArrayDeque<>();
    private int running;

    CallLane(Executor executor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a server needs at least 1 concurrent call, got " + limit);
        }
        this.executor = executor;
        this.limit = limit;
    }

    /**
     * Runs {@code call} on the executor as soon as the limit allows.
     *
     * @param rejected told when the executor refuses the call (it is shutting down)
     */
    Ticket submit(Runnable call, Consumer<RejectedExecutionException> rejected) {
        Ticket ticket = new Ticket(call, rejected);
        boolean now;
        synchronized (this) {
            now = running < limit;
            if (now) {
                running++;
            } else {
                queue.addLast(ticket);
            }
        }
        if (now) {
            start(ticket);
        }
        return ticket;
    }

    /** Calls running now; for tests and diagnostics. */
    synchronized int running() {
        return running;
    }

    /** Calls waiting for a free place; for tests and diagnostics. */
    synchronized int queued() {
        return queue.size();
    }

    private void start(Ticket ticket) {
        try {
            executor.execute(() -> {
                ticket.started = true;
                try {
                    ticket.call.run();
                } finally {
                    next();
                }
            });
        } catch (RejectedExecutionException e) {
            next();
            ticket.rejected.accept(e);
        }
    }

    private void next() {
        Ticket following;
        synchronized (this) {
            following = queue.pollFirst();
            if (following == null) {
                running--;
                return;
            }
        }
        start(following);
    }

    /** A call handed to the lane. */
    final class Ticket {
        private final Runnable call;
        private final Consumer<RejectedExecutionException> rejected;
        private volatile boolean started;

        private Ticket(Runnable call, Consumer<RejectedExecutionException> rejected) {
            this.call = call;
            this.rejected = rejected;
        }

        /** Whether the call has left the queue and runs (or ran). */
        boolean started() {
            return started;
        }

        /** Takes the call out of the queue if it has not started; a running call is aborted by its wait. */
        void withdraw() {
            synchronized (CallLane.this) {
                queue.remove(this);
            }
        }
    }
}
