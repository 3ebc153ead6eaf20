package io.jenkins.plugins.coraocr;

import hudson.init.Terminator;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.coraocr.client.gate.GateRuntime;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionList;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The controller's {@link GateRuntime}: the plugin's own bounded pool of named daemon threads for the
 * blocking calls (never Jenkins' shared timer threads, which only run the pauses between polls), and the
 * clients. Public because Jenkins calls the {@link Terminator} without making it accessible.
 */
@Restricted(NoExternalUse.class)
public final class CoraOcrThreads {
    /** At most this many GetStatus calls are in flight at once; one server's calls may hold half of them. */
    static final int MAX_THREADS = Math.max(2, Integer.getInteger(CoraOcrThreads.class.getName() + ".maxThreads", 8));

    private static GateRuntime runtime;

    private CoraOcrThreads() {}

    static synchronized GateRuntime runtime() {
        if (runtime == null) {
            runtime = new GateRuntime(
                    new NamingThreadFactory(
                            new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "Cora OCR GetStatus"),
                    Timer.get(),
                    MAX_THREADS);
        }
        return runtime;
    }

    /**
     * After the Pipeline builds are suspended (their state is saved by then): the waits stop polling without
     * reporting, so that they resume after the restart, and the pool and every client close.
     */
    @Terminator(requires = FlowExecutionList.EXECUTIONS_SUSPENDED)
    public static void shutdown() {
        GateRuntime stopping;
        synchronized (CoraOcrThreads.class) {
            stopping = runtime;
            runtime = null;
        }
        if (stopping != null) {
            stopping.shutdown();
        }
    }
}
