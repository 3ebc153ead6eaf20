package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CallAbortedException;
import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.OcrStatus;
import io.jenkins.plugins.coraocr.client.ProtocolViolationException;
import io.jenkins.plugins.coraocr.client.ServerText;
import io.jenkins.plugins.coraocr.client.StatusCall;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waits for OCR workflows of one server to reach a final status without holding a thread between polls:
 * each poll is a timer on the scheduler, and the blocking SOAP call runs on the blocking executor, never
 * on the scheduler's threads. Both executors belong to the caller, so that many thousands of waits can
 * share a handful of threads; the calls of this waiter hold at most {@code maxConcurrentCalls} of them.
 *
 * <p>A deadline is a wall-clock promise: at the deadline the last poll starts, and at most {@link
 * #DEADLINE_GRACE} later the wait ends, with the poll still in flight (or still queued) aborted and its
 * connection closed, whatever the server does.
 */
public final class OcrWaiter {
    private static final Logger LOG = Logger.getLogger(OcrWaiter.class.getName());

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MIN_BACKOFF_CAP = Duration.ofSeconds(60);
    /** How long the poll at the deadline may take before the wait ends TIMED_OUT anyway. */
    public static final Duration DEADLINE_GRACE = Duration.ofMillis(500);

    private final CoraOcrClient client;
    private final ScheduledExecutorService scheduler;
    private final CallLane lane;
    private final Clock clock;

    /** A waiter whose calls may use every thread of {@code blockingExecutor}. */
    public OcrWaiter(CoraOcrClient client, ScheduledExecutorService scheduler, Executor blockingExecutor) {
        this(client, scheduler, blockingExecutor, Integer.MAX_VALUE);
    }

    /**
     * @param maxConcurrentCalls how many threads of {@code blockingExecutor} this server's calls may hold at
     *     once; further polls queue without a thread
     */
    public OcrWaiter(
            CoraOcrClient client,
            ScheduledExecutorService scheduler,
            Executor blockingExecutor,
            int maxConcurrentCalls) {
        this(client, scheduler, blockingExecutor, maxConcurrentCalls, Clock.systemUTC());
    }

    OcrWaiter(
            CoraOcrClient client,
            ScheduledExecutorService scheduler,
            Executor blockingExecutor,
            int maxConcurrentCalls,
            Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.lane = new CallLane(Objects.requireNonNull(blockingExecutor, "blockingExecutor"), maxConcurrentCalls);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CoraOcrClient client() {
        return client;
    }

    /** Starts a new wait whose deadline counts from now; the first poll goes out at once. */
    public CompletableFuture<WaitOutcome> start(long workflowId, WaitOptions options, WaitListener listener) {
        return start(WaitState.begin(workflowId, options, clock.instant()), options, listener);
    }

    /** Starts a wait from {@link WaitState#begin}, which fixed its deadline; the first poll goes out at once. */
    public CompletableFuture<WaitOutcome> start(WaitState begun, WaitOptions options, WaitListener listener) {
        Wait wait = new Wait(begun, options, listener);
        wait.begin(0);
        return wait.future;
    }

    /**
     * Continues a wait from saved state, keeping its absolute deadline. The first poll comes at a random
     * moment within one poll interval, so that the waits a restarted process resumes all at once do not
     * all poll at once. A deadline that passed meanwhile ends the wait TIMED_OUT without a request.
     *
     * <p>The future completes normally with an outcome for every verdict, ERROR included. It completes
     * exceptionally only when an executor refuses work (it is shutting down). Cancelling it stops the wait:
     * the poll in flight is aborted and no request starts after {@code cancel} returns.
     */
    public CompletableFuture<WaitOutcome> resume(WaitState saved, WaitOptions options, WaitListener listener) {
        Wait wait = new Wait(saved, options, listener);
        if (saved.hasDeadline() && clock.millis() >= saved.deadlineEpochMillis()) {
            wait.endedWhileAway();
        } else {
            wait.begin(ThreadLocalRandom.current()
                    .nextLong(Math.max(1, options.pollInterval().toMillis())));
        }
        return wait.future;
    }

    /** Delay before retry number {@code attempt} (1 for the first): doubling, capped, with a little jitter. */
    static Duration backoff(int attempt, Duration pollInterval) {
        long first = Math.min(FIRST_BACKOFF.toMillis(), pollInterval.toMillis());
        long cap = Math.max(pollInterval.toMillis(), MIN_BACKOFF_CAP.toMillis());
        long delay = first << Math.min(attempt - 1, 30);
        delay = Math.min(delay, cap);
        // Downward jitter only, so the cap is never exceeded and retries of many waits drift apart.
        return Duration.ofMillis(
                delay - (long) (delay * 0.1 * ThreadLocalRandom.current().nextDouble()));
    }

    /** Delay before the next regular poll: the interval plus up to 10% jitter, spreading load on the server. */
    static Duration nextPoll(Duration pollInterval) {
        long interval = pollInterval.toMillis();
        return Duration.ofMillis(
                interval + (long) (interval * 0.1 * ThreadLocalRandom.current().nextDouble()));
    }

    /**
     * One wait. Every step that reads or changes it runs under its lock, listener calls included, so that
     * an answer, the deadline and a cancellation can never interleave: whichever comes first decides.
     */
    private final class Wait {
        private final WaitOptions options;
        private final WaitListener listener;
        private final WaitFuture future = new WaitFuture();
        private final Object lock = new Object();
        private WaitState state;
        private CoraOcrException lastError;
        private ScheduledFuture<?> nextPoll;
        private ScheduledFuture<?> deadline;
        private CallLane.Ticket queued;
        private StatusCall inFlight;

        Wait(WaitState state, WaitOptions options, WaitListener listener) {
            this.state = Objects.requireNonNull(state, "state");
            this.options = Objects.requireNonNull(options, "options");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        void begin(long firstDelayMillis) {
            synchronized (lock) {
                if (state.hasDeadline()) {
                    long stop = Math.max(0, state.deadlineEpochMillis() + DEADLINE_GRACE.toMillis() - clock.millis());
                    try {
                        deadline = scheduler.schedule(this::deadlinePassed, stop, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        future.completeExceptionally(e);
                        return;
                    }
                }
                schedule(untilDeadline(firstDelayMillis));
            }
        }

        void endedWhileAway() {
            synchronized (lock) {
                finish(
                        WaitResult.TIMED_OUT,
                        "the " + timeoutText() + " timeout ran out while the wait was not running"
                                + " (its deadline was " + Instant.ofEpochMilli(state.deadlineEpochMillis()) + ")",
                        null);
            }
        }

        /** Under the lock. */
        private void schedule(long delayMillis) {
            try {
                nextPoll = scheduler.schedule(this::dispatch, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                abandon(e);
            }
        }

        /** On the scheduler's thread: hand the blocking call to the server's lane and return at once. */
        private void dispatch() {
            synchronized (lock) {
                if (future.isDone()) {
                    return;
                }
            }
            // Outside the lock: an executor that runs the call at once must not run it under the lock.
            CallLane.Ticket ticket = lane.submit(this::poll, this::abandon);
            synchronized (lock) {
                if (future.isDone()) {
                    ticket.withdraw();
                } else {
                    queued = ticket;
                }
            }
        }

        /** On a blocking thread, holding one of the server's places. */
        private void poll() {
            StatusCall call;
            synchronized (lock) {
                // Checked under the lock that cancel() takes: once cancel returns, no poll passes here.
                if (future.isDone()) {
                    return;
                }
                call = client.newCall(state.workflowId());
                inFlight = call;
            }
            WorkflowStatus status = null;
            CoraOcrException error = null;
            RuntimeException bug = null;
            try {
                status = call.execute();
            } catch (CoraOcrException e) {
                error = e;
            } catch (RuntimeException e) {
                bug = e;
            }
            synchronized (lock) {
                inFlight = null;
                if (future.isDone() || error instanceof CallAbortedException) {
                    return;
                }
                if (bug != null) {
                    LOG.log(Level.FINE, "GetStatus failed unexpectedly", bug);
                    finish(WaitResult.ERROR, "could not read the status: " + bug, null);
                } else if (error != null) {
                    failed(error);
                } else {
                    answered(status);
                }
            }
        }

        private void answered(WorkflowStatus status) {
            WorkflowStatus previous = state.lastStatus().orElse(null);
            boolean recognised = status.status() != OcrStatus.UNKNOWN;
            state = recognised ? state.answered(status) : state.answeredUnrecognised(status);
            guarded(() -> listener.onPoll(status, state.polls()));
            if (!status.equals(previous)) {
                Duration elapsed = elapsed();
                guarded(() -> listener.onStatusChange(previous, status, elapsed));
            }
            guarded(() -> listener.onState(state));
            if (!recognised) {
                retryOrGiveUp(new ProtocolViolationException(
                        client.endpoint(),
                        state.workflowId(),
                        "the server answered the unrecognised Status '" + ServerText.excerpt(status.rawStatus(), 100)
                                + "'"));
                return;
            }
            lastError = null;
            if (status.isFinal()) {
                Verdict verdict = Verdict.of(status, options);
                finish(verdict.result(), verdict.why(), null);
            } else if (deadlineReached()) {
                finish(WaitResult.TIMED_OUT, "the " + timeoutText() + " timeout ran out before a final status", null);
            } else {
                schedule(untilDeadline(nextPoll(options.pollInterval()).toMillis()));
            }
        }

        private void failed(CoraOcrException error) {
            if (!error.isRetryable()) {
                finish(WaitResult.ERROR, "could not read the status: " + error.detail(), error);
                return;
            }
            state = state.failed();
            guarded(() -> listener.onState(state));
            retryOrGiveUp(error);
        }

        private void retryOrGiveUp(CoraOcrException error) {
            lastError = error;
            int attempt = state.consecutiveErrors();
            if (attempt >= options.maxConsecutiveErrors()) {
                finish(
                        WaitResult.ERROR,
                        (attempt == 1
                                        ? "gave up after 1 failed poll: "
                                        : "gave up after " + attempt + " consecutive failed polls; the last: ")
                                + error.detail(),
                        error);
            } else if (deadlineReached()) {
                finish(
                        WaitResult.TIMED_OUT,
                        "the " + timeoutText() + " timeout ran out before a final status;" + " the last poll failed: "
                                + error.detail(),
                        error);
            } else {
                Duration retryIn = backoff(attempt, options.pollInterval());
                guarded(() -> listener.onRetryableError(error, attempt, retryIn));
                schedule(untilDeadline(retryIn.toMillis()));
            }
        }

        /** On the scheduler's thread, {@link #DEADLINE_GRACE} after the deadline: whatever is in flight ends now. */
        private void deadlinePassed() {
            synchronized (lock) {
                if (future.isDone()) {
                    return;
                }
                String why = inFlight != null
                        ? "; the poll in flight had no answer " + Durations.format(DEADLINE_GRACE)
                                + " after the deadline and was aborted"
                        : (queued != null && !queued.started()
                                ? "; the last poll could not start in time (all of this server's calls were busy)"
                                : "");
                finish(
                        WaitResult.TIMED_OUT,
                        "the " + timeoutText() + " timeout ran out before a final status" + why,
                        lastError);
            }
        }

        /** Under the lock. */
        private void finish(WaitResult result, String why, CoraOcrException error) {
            if (future.isDone()) {
                return;
            }
            WaitOutcome outcome = new WaitOutcome(
                    state.workflowId(),
                    result,
                    state.lastStatus().orElse(null),
                    state.polls(),
                    elapsed(),
                    why,
                    error != null ? error : lastError);
            stopEverything();
            guarded(() -> listener.onOutcome(outcome));
            future.complete(outcome);
        }

        /** An executor refused work: it is shutting down, so the wait ends without an outcome. */
        private void abandon(RejectedExecutionException e) {
            synchronized (lock) {
                stopEverything();
                future.completeExceptionally(e);
            }
        }

        /** Under the lock: no timer fires, no queued call starts and the call in flight is aborted. */
        private void stopEverything() {
            if (nextPoll != null) {
                nextPoll.cancel(false);
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (queued != null) {
                queued.withdraw();
                queued = null;
            }
            if (inFlight != null) {
                inFlight.abort();
            }
        }

        private boolean deadlineReached() {
            return state.hasDeadline() && clock.millis() >= state.deadlineEpochMillis();
        }

        /** The delay, shortened so that the last poll happens at the deadline itself. */
        private long untilDeadline(long delayMillis) {
            if (!state.hasDeadline()) {
                return delayMillis;
            }
            return Math.max(0, Math.min(delayMillis, state.deadlineEpochMillis() - clock.millis()));
        }

        private String timeoutText() {
            return Durations.format(Duration.ofMillis(state.deadlineEpochMillis() - state.startedAtEpochMillis()));
        }

        private Duration elapsed() {
            return Duration.ofMillis(Math.max(0, clock.millis() - state.startedAtEpochMillis()));
        }

        /** A listener that throws must not end the wait without an outcome. */
        private void guarded(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A wait listener failed", e);
            }
        }

        /** Cancelling stops the timers and aborts the call in flight; no poll starts afterwards. */
        private final class WaitFuture extends CompletableFuture<WaitOutcome> {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                synchronized (lock) {
                    boolean cancelled = super.cancel(mayInterruptIfRunning);
                    stopEverything();
                    return cancelled;
                }
            }
        }
    }
}
