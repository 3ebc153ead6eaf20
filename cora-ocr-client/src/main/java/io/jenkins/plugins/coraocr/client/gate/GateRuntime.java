package io.jenkins.plugins.coraocr.client.gate;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the gates of one process run: a bounded pool for the blocking calls and the gates' own
 * bookkeeping, of which one server's calls may hold only half (so that a server that answers slowly cannot
 * stall the waits on the others), the shared clients, and the gates still running. The timers (the pauses
 * between polls) are the caller's; a task there only hands a poll over.
 */
public final class GateRuntime {
    private final ThreadPoolExecutor pool;
    private final SharedClients clients;
    private final Set<Gate> running = ConcurrentHashMap.newKeySet();

    /**
     * @param threads makes the pool's threads (daemon threads with a recognisable name)
     * @param maxThreads at most this many blocking calls run at once; further polls queue without a thread
     */
    public GateRuntime(ThreadFactory threads, ScheduledExecutorService timers, int maxThreads) {
        this.pool = new ThreadPoolExecutor(
                maxThreads,
                maxThreads,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Objects.requireNonNull(threads));
        pool.allowCoreThreadTimeOut(true);
        this.clients = new SharedClients(timers, pool, Math.max(1, maxThreads / 2));
    }

    /** The pool; it refuses work once {@link #shutdown()} has begun. */
    public ExecutorService executor() {
        return pool;
    }

    public SharedClients clients() {
        return clients;
    }

    /** Remembers a gate until it is over, so that {@link #shutdown()} can suspend it. */
    public void register(Gate gate) {
        running.removeIf(Gate::isOver);
        running.add(gate);
    }

    /**
     * The process shuts down, after the gates' state was saved: every gate stops polling without reporting
     * (it resumes after the restart), the pool stops, and every client is closed.
     */
    public void shutdown() {
        pool.shutdown();
        running.forEach(Gate::suspend);
        running.clear();
        pool.shutdownNow();
        clients.closeAll();
    }
}
