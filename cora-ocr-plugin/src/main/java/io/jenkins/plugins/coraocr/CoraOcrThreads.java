package io.jenkins.plugins.coraocr;

import hudson.init.Terminator;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionList;

/**
 * Where the waits run.
 *
 * <p>Timers (the pause between two polls) go to {@link Timer#get()}: scheduling a task there costs
 * nothing while it waits, and the task it runs only hands the poll over to the pool below. The
 * blocking SOAP call (up to connect + read timeout) never runs on a {@code Timer} thread: there are
 * only ten of those for the whole controller. It runs on this plugin's own bounded pool of named
 * daemon threads instead, which a {@link Terminator} shuts down once every Pipeline build has been
 * suspended; the waits resume from their saved state after the restart.
 */
final class CoraOcrThreads {
    private static final Logger LOGGER = Logger.getLogger(CoraOcrThreads.class.getName());

    /** At most this many GetStatus calls are in flight at once; further polls queue for a free thread. */
    static final int MAX_THREADS = Math.max(1, Integer.getInteger(CoraOcrThreads.class.getName() + ".maxThreads", 8));

    private static ThreadPoolExecutor pool;
    /** The controller the pool serves; a test harness may start another one in the same JVM after a restart. */
    private static Jenkins owner;

    private static volatile boolean terminating;
    private static final Set<Future<?>> ACTIVE = ConcurrentHashMap.newKeySet();

    private CoraOcrThreads() {}

    /** The bounded pool for blocking GetStatus calls and for the step's own bookkeeping off the CPS thread. */
    static synchronized ExecutorService blocking() {
        Jenkins current = Jenkins.getInstanceOrNull();
        if (terminating && current == owner) {
            throw new RejectedExecutionException("Jenkins is shutting down");
        }
        if (pool == null) {
            ThreadPoolExecutor created = new ThreadPoolExecutor(
                    MAX_THREADS,
                    MAX_THREADS,
                    60,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    new NamingThreadFactory(
                            new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "Cora OCR GetStatus"));
            created.allowCoreThreadTimeOut(true);
            pool = created;
            owner = current;
            terminating = false;
        }
        return pool;
    }

    /** Timers only: every task scheduled here must return at once. */
    static ScheduledExecutorService timers() {
        return Timer.get();
    }

    /** True while the controller shuts down: outcomes seen then are not reported, the wait resumes after the restart. */
    static boolean isTerminating() {
        return terminating;
    }

    static void register(Future<?> wait) {
        ACTIVE.add(wait);
    }

    static void unregister(Future<?> wait) {
        ACTIVE.remove(wait);
    }

    /**
     * Stops polling when Jenkins shuts down, after the Pipeline builds are suspended (their step
     * state is saved by then), so that no poll runs against a stopping controller.
     */
    @Terminator(requires = FlowExecutionList.EXECUTIONS_SUSPENDED)
    public static void shutdown() {
        ExecutorService stopping;
        synchronized (CoraOcrThreads.class) {
            terminating = true;
            owner = Jenkins.getInstanceOrNull();
            stopping = pool;
            pool = null;
        }
        for (Future<?> wait : ACTIVE) {
            try {
                wait.cancel(true); // before the pool goes: completion callbacks still find it running
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "could not cancel a wait during shutdown", e);
            }
        }
        ACTIVE.clear();
        if (stopping != null) {
            stopping.shutdownNow();
        }
        ClientCache.closeAll();
        LOGGER.fine("Cora OCR polling stopped for shutdown");
    }
}
