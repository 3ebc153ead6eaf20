package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import io.jenkins.plugins.coraocr.client.wait.WaitListener;
import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one gate: connect, start or resume the wait, and report its end exactly once, whatever the
 * order of events: the outcome, a stop (an aborted build, a {@code timeout} step), a process shutting
 * down, a host callback that throws. What the host does with the end (fail a build, return a map, exit
 * with a code) is the host's; everything that decides it is here.
 *
 * <p>Nothing here blocks its caller: connecting and reporting run on the given executor, and the waiting
 * holds no thread between polls.
 */
public final class Gate {
    private static final Logger LOG = Logger.getLogger(Gate.class.getName());

    /** What a gate needs from where it runs. Calls come one at a time, from the gate's executor. */
    public interface Host {
        /**
         * Looks up the credentials and the server's waiter; may block.
         *
         * @throws SetupException when the wait cannot start (missing credentials, a server no longer configured)
         */
        GateTarget connect() throws SetupException;

        /**
         * The wait saw a new status: what a restartable host keeps. (Every poll changes the state a little; the
         * rest is saved when the host saves the gate for its own reasons, e.g. when the process shuts down.)
         */
        void saveState(WaitState state);

        /** The gate passed (or must not fail its caller): carry on with {@code result}. */
        void pass(Map<String, Object> result);

        /** The gate ended UNSTABLE: mark the caller unstable with {@code warning}, and carry on with {@code result}. */
        void unstable(Map<String, Object> result, String warning);

        /** The gate failed: fail the caller with this one line. */
        void fail(String message);

        /** The gate was stopped with {@code cause}, or the host itself failed: end the caller with it. */
        void fail(Throwable cause);
    }

    private final GateRequest request;
    private final Host host;
    private final GateConsole console;
    private final Remedies remedies;
    private final Executor executor;
    private final Clock clock;
    private final Object lock = new Object();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile WaitState state;
    private boolean ended;
    private CompletableFuture<WaitOutcome> wait;
    private GateTarget target;

    /**
     * @param state {@link WaitState#begin} for a new gate, or the state its host saved
     * @param executor where connecting and reporting run; never a shared timer
     */
    public Gate(
            GateRequest request,
            WaitState state,
            Host host,
            GateConsole console,
            Remedies remedies,
            Executor executor,
            Clock clock) {
        this.request = Objects.requireNonNull(request, "request");
        this.state = Objects.requireNonNull(state, "state");
        this.host = Objects.requireNonNull(host, "host");
        this.console = Objects.requireNonNull(console, "console");
        this.remedies = Objects.requireNonNull(remedies, "remedies");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts a new wait; returns at once. */
    public void start() {
        launch(false);
    }

    /** Continues a saved wait (after a restart); returns at once. */
    public void resume() {
        launch(true);
    }

    /**
     * Ends the gate with {@code cause}, reported to the host unless the end was reported already. The poll in
     * flight is aborted and no request starts afterwards.
     */
    public void stop(Throwable cause) {
        endAndCancel();
        report(() -> host.fail(cause));
    }

    /**
     * Stops polling without reporting anything: the process shuts down, and the saved state is resumed later.
     */
    public void suspend() {
        endAndCancel();
        release();
    }

    /** Whether the gate has ended or been suspended: nothing of it runs any more, or soon. */
    public boolean isOver() {
        synchronized (lock) {
            return ended;
        }
    }

    /** The latest state, for the host to save and to show. */
    public WaitState state() {
        return state;
    }

    /** A short status for a UI: what the gate is doing now. */
    public String status() {
        WaitState current = state;
        synchronized (lock) {
            if (wait == null && !ended) {
                return "connecting for OCR workflow " + current.workflowId();
            }
        }
        return status(current);
    }

    /** The status of a wait from its saved state alone, for a host asked before its gate runs. */
    public static String status(WaitState state) {
        return "waiting for OCR workflow " + state.workflowId() + " ("
                + state.lastStatus().map(WorkflowStatus::describe).orElse("no status yet") + ")";
    }

    private void launch(boolean resumed) {
        try {
            executor.execute(() -> connectAndWait(resumed));
        } catch (RejectedExecutionException e) {
            // The executor is shutting down with the process; a saved gate is resumed after the restart.
            LOG.log(Level.FINE, "not starting the gate for OCR workflow " + state.workflowId() + ": shutting down", e);
        }
    }

    private void connectAndWait(boolean resumed) {
        synchronized (lock) {
            if (ended) {
                return;
            }
        }
        GateTarget connected;
        try {
            connected = host.connect();
        } catch (SetupException e) {
            decide(WaitOutcome.notPolled(state, e.getMessage(), clock.instant()), null);
            return;
        } catch (RuntimeException e) {
            report(() -> host.fail(e));
            return;
        }
        synchronized (lock) {
            target = connected;
            if (ended) {
                release();
                return;
            }
        }
        start(connected, resumed);
    }

    private void start(GateTarget target, boolean resumed) {
        WaitListener listener = listener();
        CompletableFuture<WaitOutcome> started;
        if (!resumed) {
            console.started(target, state, request.options());
            started = target.waiter().start(state, request.options(), listener);
        } else {
            if (!deadlinePassed()) {
                console.resumed(target, state, request.options());
            }
            started = target.waiter().resume(state, request.options(), listener);
        }
        synchronized (lock) {
            if (ended) {
                started.cancel(true);
                return;
            }
            wait = started;
        }
        started.whenCompleteAsync((outcome, error) -> ended(target, outcome, error), executor);
    }

    private void ended(GateTarget target, WaitOutcome outcome, Throwable error) {
        if (error == null) {
            decide(outcome, target.serverName());
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException || cause instanceof RejectedExecutionException) {
            // Cancelled by stop() or suspend(), or the executors are shutting down with the process.
            return;
        }
        report(() -> host.fail(cause));
    }

    private void decide(WaitOutcome outcome, String serverName) {
        GateVerdict verdict = GateVerdict.of(outcome, serverName, request.propagate(), remedies);
        report(() -> {
            switch (verdict.action()) {
                case PASS:
                    console.outcome(verdict.message(), verdict.result() == WaitResult.ERROR);
                    host.pass(verdict.data());
                    break;
                case MARK_UNSTABLE:
                    console.warning(verdict.message());
                    host.unstable(verdict.data(), verdict.message());
                    break;
                default:
                    host.fail(verdict.message());
                    break;
            }
        });
    }

    /** Marks the gate ended and cancels the running wait, if any (which aborts its poll in flight). */
    private void endAndCancel() {
        CompletableFuture<WaitOutcome> running;
        synchronized (lock) {
            ended = true;
            running = wait;
        }
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Runs {@code report} unless the end was reported already; a report that throws fails the host instead. */
    private void report(Runnable report) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        synchronized (lock) {
            ended = true;
        }
        try {
            report.run();
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "reporting the end of the gate for OCR workflow " + state.workflowId() + " failed",
                    e);
            try {
                host.fail(e);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "the host could not take the failure either", again);
            }
        } finally {
            release();
        }
    }

    /** Gives the target back, once, when the gate no longer needs it. */
    private void release() {
        GateTarget releasing;
        synchronized (lock) {
            releasing = target;
            target = null;
        }
        if (releasing != null) {
            releasing.release();
        }
    }

    private boolean deadlinePassed() {
        return state.hasDeadline() && clock.millis() >= state.deadlineEpochMillis();
    }

    /** Keeps the state, prints progress, and lets the host save what a restart resumes from. */
    private WaitListener listener() {
        WaitListener progress = console.progress();
        return new WaitListener() {
            @Override
            public void onStatusChange(WorkflowStatus previous, WorkflowStatus current, Duration elapsed) {
                progress.onStatusChange(previous, current, elapsed);
            }

            @Override
            public void onRetryableError(CoraOcrException error, int attempt, Duration retryIn) {
                progress.onRetryableError(error, attempt, retryIn);
            }

            @Override
            public void onState(WaitState next) {
                WaitState before = state;
                state = next;
                if (!before.lastStatus().equals(next.lastStatus())) {
                    host.saveState(next);
                }
            }
        };
    }
}
