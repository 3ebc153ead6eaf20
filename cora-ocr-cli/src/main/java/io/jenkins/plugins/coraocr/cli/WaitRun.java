package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import io.jenkins.plugins.coraocr.client.wait.ProgressPrinter;
import io.jenkins.plugins.coraocr.client.wait.WaitListener;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One wait on one workflow, with console progress and an exit code: what {@code wait} and {@code demo} share. */
final class WaitRun {
    /** How long Ctrl-C lets the run report the cancellation before the JVM halts. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(2);

    private static final int BLOCKING_THREADS = 2;

    private final CommandContext context;
    private final boolean json;

    /** @param json print the outcome as one JSON object on stdout and the progress on stderr */
    WaitRun(CommandContext context, boolean json) {
        this.context = context;
        this.json = json;
    }

    int run(CoraOcrClient client, long workflowId, WaitOptions options) {
        PrintStream progress = json ? context.err() : context.out();
        ProgressPrinter printer = new ProgressPrinter(progress::println, false);
        // Daemon threads: an interrupted or cancelled wait must never keep the JVM alive.
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(daemonThreads("cora-ocr-timer"));
        ExecutorService blocking = Executors.newFixedThreadPool(BLOCKING_THREADS, daemonThreads("cora-ocr-poll"));
        try {
            WaitState state = WaitState.begin(workflowId, options, Instant.now());
            printer.printStart(null, client.endpoint(), state, options);
            CompletableFuture<WaitOutcome> wait =
                    new OcrWaiter(client, scheduler, blocking).resume(state, options, progressOf(printer));
            WaitOutcome outcome = await(wait, workflowId);
            if (outcome == null) {
                return ExitCodes.ERROR;
            }
            (outcome.result() == WaitResult.ERROR ? context.err() : progress).println(outcome.message());
            if (json) {
                JsonOutput.print(context.out(), outcome.toMap());
            }
            return ExitCodes.of(outcome.result());
        } finally {
            scheduler.shutdownNow();
            blocking.shutdownNow();
        }
    }

    /** Status changes and retries only; the final line is printed by {@link #run}, on stderr for ERROR. */
    private static WaitListener progressOf(ProgressPrinter printer) {
        return new WaitListener() {
            @Override
            public void onStatusChange(WorkflowStatus previous, WorkflowStatus current, Duration elapsed) {
                printer.onStatusChange(previous, current, elapsed);
            }

            @Override
            public void onRetryableError(CoraOcrException error, int attempt, Duration retryIn) {
                printer.onRetryableError(error, attempt, retryIn);
            }
        };
    }

    /** The outcome, or null after Ctrl-C or an interrupt (already reported on stderr). */
    private WaitOutcome await(CompletableFuture<WaitOutcome> wait, long workflowId) {
        CountDownLatch reported = new CountDownLatch(1);
        Thread cancelOnCtrlC = new Thread(
                () -> {
                    wait.cancel(false);
                    try {
                        reported.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "cora-ocr-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnCtrlC);
        try {
            return wait.get();
        } catch (CancellationException e) {
            context.err().println("cora-ocr: the wait for OCR workflow " + workflowId + " was cancelled");
            return null;
        } catch (InterruptedException e) {
            wait.cancel(false);
            Thread.currentThread().interrupt();
            context.err().println("cora-ocr: the wait for OCR workflow " + workflowId + " was interrupted");
            return null;
        } catch (ExecutionException e) {
            context.err().println("cora-ocr: the wait for OCR workflow " + workflowId + " stopped: " + e.getCause());
            return null;
        } finally {
            reported.countDown();
            removeHook(cancelOnCtrlC);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the JVM is exiting anyway.
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
