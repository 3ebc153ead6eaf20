package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.OcrStatus;
import io.jenkins.plugins.coraocr.client.ProtocolViolationException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.time.Clock;
import java.time.Duration;
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
 * Waits for OCR workflows to reach a final status without holding a thread between polls: each
 * poll is a timer on the scheduler, and the blocking SOAP call runs on the separate blocking
 * executor, never on the scheduler's threads. Both executors belong to the caller, so that many
 * thousands of waits can share a handful of threads.
 */
public final class OcrWaiter {
    private static final Logger LOG = Logger.getLogger(OcrWaiter.class.getName());

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MIN_BACKOFF_CAP = Duration.ofSeconds(60);

    private final CoraOcrClient client;
    private final ScheduledExecutorService scheduler;
    private final Executor blockingExecutor;
    private final Clock clock;

    public OcrWaiter(CoraOcrClient client, ScheduledExecutorService scheduler, Executor blockingExecutor) {
        this(client, scheduler, blockingExecutor, Clock.systemUTC());
    }

    OcrWaiter(CoraOcrClient client, ScheduledExecutorService scheduler, Executor blockingExecutor, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.blockingExecutor = Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts a new wait whose deadline counts from now. */
    public CompletableFuture<WaitOutcome> start(long workflowId, WaitOptions options, WaitListener listener) {
        return resume(WaitState.begin(workflowId, options, clock.instant()), options, listener);
    }

    /**
     * Continues a wait from saved state, keeping its absolute deadline. Also the way to start one
     * from {@link WaitState#begin}.
     *
     * <p>The future completes normally with an outcome for every verdict, ERROR included. It
     * completes exceptionally only when an executor refuses work (it is shutting down). Cancelling
     * it stops the wait: no request starts after {@code cancel} returns.
     */
    public CompletableFuture<WaitOutcome> resume(WaitState state, WaitOptions options, WaitListener listener) {
        Wait wait = new Wait(
                state, Objects.requireNonNull(options, "options"), Objects.requireNonNull(listener, "listener"));
        // Spread the first polls a little: after a controller restart every wait resumes at once.
        long spread = Math.min(options.pollInterval().toMillis() / 10, 1000);
        wait.schedule(spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread));
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

    /** One wait. All its steps run one at a time: each step schedules the next. */
    private final class Wait {
        private final WaitOptions options;
        private final WaitListener listener;
        private final WaitFuture future = new WaitFuture();
        private final Object lock = new Object();
        private ScheduledFuture<?> pending;
        private volatile WaitState state;
        private CoraOcrException lastError;

        Wait(WaitState state, WaitOptions options, WaitListener listener) {
            this.state = Objects.requireNonNull(state, "state");
            this.options = options;
            this.listener = listener;
        }

        void schedule(long delayMillis) {
            synchronized (lock) {
                if (future.isDone()) {
                    return;
                }
                try {
                    pending = scheduler.schedule(this::dispatch, delayMillis, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    future.completeExceptionally(e);
                }
            }
        }

        /** On the scheduler's thread: hand the blocking call over and return at once. */
        private void dispatch() {
            try {
                blockingExecutor.execute(this::poll);
            } catch (RejectedExecutionException e) {
                future.completeExceptionally(e);
            }
        }

        private void poll() {
            synchronized (lock) {
                // Checked under the lock that cancel() takes: once cancel returns, no poll passes here.
                if (future.isDone()) {
                    return;
                }
            }
            WorkflowStatus status;
            try {
                status = client.getStatus(state.workflowId());
            } catch (CoraOcrException e) {
                failed(e);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "GetStatus failed unexpectedly", e);
                finish(WaitResult.ERROR, "could not read the status: " + e, null);
                return;
            }
            answered(status);
        }

        private void answered(WorkflowStatus status) {
            WorkflowStatus previous = state.lastStatus().orElse(null);
            boolean recognised = status.status() != OcrStatus.UNKNOWN;
            state = recognised ? state.answered(status) : state.answeredUnrecognised(status);
            guarded(() -> listener.onPoll(status, state.polls()));
            if (!status.equals(previous)) {
                guarded(() -> listener.onStatusChange(previous, status, elapsed()));
            }
            guarded(() -> listener.onState(state));
            if (!recognised) {
                retryOrGiveUp(new ProtocolViolationException(
                        client.endpoint(),
                        state.workflowId(),
                        "the server answered the unrecognised Status '" + status.rawStatus() + "'",
                        null));
                return;
            }
            lastError = null;
            if (status.isFinal()) {
                Verdict verdict = Verdict.of(status, options);
                finish(verdict.result(), verdict.why(), null);
            } else if (deadlinePassed()) {
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
                        "gave up after " + attempt + " consecutive failed polls; the last: " + error.detail(),
                        error);
            } else if (deadlinePassed()) {
                finish(
                        WaitResult.TIMED_OUT,
                        "the " + timeoutText() + " timeout ran out before a final status; the last poll failed: "
                                + error.detail(),
                        error);
            } else {
                Duration retryIn = backoff(attempt, options.pollInterval());
                guarded(() -> listener.onRetryableError(error, attempt, retryIn));
                schedule(untilDeadline(retryIn.toMillis()));
            }
        }

        private void finish(WaitResult result, String why, CoraOcrException error) {
            WaitState last = state;
            WorkflowStatus status = last.lastStatus().orElse(null);
            String message = "OCR workflow " + last.workflowId() + " " + result + ": " + why + ". Last status: "
                    + (status == null ? "none" : status) + ". " + last.polls()
                    + (last.polls() == 1 ? " poll" : " polls")
                    + " in " + Durations.format(elapsed()) + ".";
            WaitOutcome outcome = new WaitOutcome(
                    last.workflowId(),
                    result,
                    status,
                    last.polls(),
                    elapsed(),
                    message,
                    error != null ? error : lastError);
            synchronized (lock) {
                // Under the lock, so that a wait cancelled meanwhile reports no outcome.
                if (future.isDone()) {
                    return;
                }
                guarded(() -> listener.onOutcome(outcome));
                future.complete(outcome);
            }
        }

        private boolean deadlinePassed() {
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

        /** Cancelling stops the timer, and the lock makes sure no poll starts afterwards. */
        private final class WaitFuture extends CompletableFuture<WaitOutcome> {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                synchronized (lock) {
                    boolean cancelled = super.cancel(mayInterruptIfRunning);
                    if (pending != null) {
                        pending.cancel(false);
                    }
                    return cancelled;
                }
            }
        }
    }
}
