package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.cli.StopSignals.StopSignal;
import io.jenkins.plugins.coraocr.client.gate.Gate;
import io.jenkins.plugins.coraocr.client.gate.GateConsole;
import io.jenkins.plugins.coraocr.client.gate.GateRequest;
import io.jenkins.plugins.coraocr.client.gate.GateTarget;
import io.jenkins.plugins.coraocr.client.gate.GateVerdict;
import io.jenkins.plugins.coraocr.client.gate.Remedies;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One wait on one workflow through the shared gate, ended by an exit code: what {@code wait} and
 * {@code demo} share. The gate decides everything; this only chooses where lines go and prints the end.
 */
final class GateRun {
    private static final int BLOCKING_THREADS = 2;

    private final CommandContext context;
    private final boolean json;

    /** @param json print the outcome as one JSON object on stdout and the progress on stderr */
    GateRun(CommandContext context, boolean json) {
        this.context = context;
        this.json = json;
    }

    /** @param stops the command's stop signals, registered before the connection was built */
    int run(ConnectionOptions.Connection connection, long workflowId, WaitOptions options, EarlyStops stops) {
        PrintStream progress = json ? context.err() : context.out();
        GateConsole console = new GateConsole(progress::println, context.err()::println, false);
        // Daemon threads: a stopped wait must never keep the JVM alive.
        var scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("cora-ocr-timer"));
        ExecutorService blocking = Executors.newFixedThreadPool(BLOCKING_THREADS, daemonThreads("cora-ocr-poll"));
        ExecutorService gateThread = Executors.newSingleThreadExecutor(daemonThreads("cora-ocr-gate"));
        try {
            CliHost host = new CliHost(new GateTarget(
                    null,
                    new OcrWaiter(connection.client(), scheduler, blocking),
                    connection.credentialsOverPlainHttp()));
            // Not propagating: every outcome reaches the host with its data, which has the result to exit with.
            GateRequest request = new GateRequest(workflowId, options, null, false, false);
            Gate gate = new Gate(
                    request,
                    WaitState.begin(workflowId, options, Instant.now()),
                    host,
                    console,
                    connection.remedies(),
                    gateThread,
                    Clock.systemUTC());
            gate.start();
            stops.forwardTo(signal -> gate.stop(new StopRequest(signal)));
            CliHost.End end = awaitEnd(host, gate);
            return print(end, gate.state(), connection.remedies());
        } finally {
            gateThread.shutdownNow();
            scheduler.shutdownNow();
            blocking.shutdownNow();
        }
    }

    /** An interrupt of this thread stops the wait as Ctrl-C does. */
    private static CliHost.End awaitEnd(CliHost host, Gate gate) {
        try {
            return host.end().get();
        } catch (InterruptedException e) {
            gate.stop(new StopRequest(StopSignal.SIGINT));
            Thread.currentThread().interrupt();
            return host.end().join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the host's end never fails", e);
        }
    }

    private int print(CliHost.End end, WaitState state, Remedies remedies) {
        int exitCode;
        Map<String, Object> data;
        if (end.data() != null) {
            // The console printed the outcome's line already.
            data = end.data();
            exitCode = ExitCodes.of(WaitResult.valueOf(String.valueOf(data.get("result"))));
        } else if (end.cause() instanceof StopRequest stop) {
            data = cancelled(state, stop.signal, remedies);
            exitCode = stop.signal.exitCode();
            context.err().println(data.get("message"));
        } else {
            GateVerdict verdict = GateVerdict.of(
                    WaitOutcome.notPolled(state, "the wait failed: " + describe(end.cause()), Instant.now()),
                    null,
                    false,
                    remedies);
            data = verdict.data();
            exitCode = ExitCodes.ERROR;
            context.err().println(verdict.message());
        }
        if (json) {
            JsonOutput.print(context.out(), data);
        }
        return exitCode;
    }

    /**
     * The verdict's fields for what the wait had seen when a signal stopped it, with result CANCELLED. The
     * shared outcome formats the line, so that its elapsed time and {@code elapsedMillis} are one value.
     */
    private static Map<String, Object> cancelled(WaitState state, StopSignal signal, Remedies remedies) {
        WaitOutcome seen = WaitOutcome.notPolled(
                state,
                "stopped by " + signal + "; no further request is sent (a poll in flight is aborted)",
                Instant.now());
        Map<String, Object> data =
                new LinkedHashMap<>(GateVerdict.of(seen, null, false, remedies).data());
        data.put("result", "CANCELLED");
        data.put("message", "OCR workflow " + state.workflowId() + " CANCELLED: " + seen.details());
        return data;
    }

    /** A plain message, without the class name Java puts in front of it. */
    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "an unexpected internal error" : message;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** What a stop signal hands to {@link Gate#stop}; no stack trace, since it is no error. */
    private static final class StopRequest extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient StopSignal signal;

        StopRequest(StopSignal signal) {
            super("stopped by " + signal, null, false, false);
            this.signal = signal;
        }
    }
}
