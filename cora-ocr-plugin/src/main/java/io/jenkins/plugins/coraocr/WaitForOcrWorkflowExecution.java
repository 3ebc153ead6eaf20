package io.jenkins.plugins.coraocr;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The running {@code waitForOcrWorkflow} step.
 *
 * <p>Nothing here blocks the CPS VM thread and no executor or thread is held between polls:
 * {@link #start()} only hands the work to {@link CoraOcrThreads#blocking()}, where credentials are
 * resolved, the (cached) client is taken and the engine's {@link OcrWaiter} starts; the waiter
 * sleeps on timers and polls on the bounded pool.
 *
 * <p>What survives a controller restart is small: the step's arguments, the {@link WaitOptions} and
 * the engine's {@link WaitState} (with the absolute deadline), updated after every attempt.
 * {@link #onResume()} re-establishes polling from that state.
 */
public final class WaitForOcrWorkflowExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(WaitForOcrWorkflowExecution.class.getName());

    private final String serverName;
    private final WaitOptions options;
    private final boolean propagate;
    private final boolean quiet;
    /** Replaced after every attempt; what a resumed wait continues from. */
    private volatile WaitState state;

    private transient volatile CompletableFuture<WaitOutcome> wait;
    /** Set once the step's result has been reported (or it was stopped); later events are ignored. */
    private transient boolean finished;

    WaitForOcrWorkflowExecution(
            StepContext context,
            String serverName,
            WaitOptions options,
            boolean propagate,
            boolean quiet,
            WaitState state) {
        super(context);
        this.serverName = serverName;
        this.options = options;
        this.propagate = propagate;
        this.quiet = quiet;
        this.state = state;
    }

    @Override
    public boolean start() {
        launch(false);
        return false;
    }

    @Override
    public void onResume() {
        try {
            launch(true);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not resume the wait for OCR workflow " + state.workflowId(), e);
            report(() -> getContext().onFailure(e));
        }
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        CompletableFuture<WaitOutcome> running;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            running = wait;
        }
        if (running != null) {
            running.cancel(true); // no request starts after this returns
            CoraOcrThreads.unregister(running);
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        WaitState current = state;
        String status = current.lastStatus().map(WorkflowStatus::rawStatus).orElse("no status yet");
        if (wait == null) {
            return "connecting to Cora server '" + serverName + "' for OCR workflow " + current.workflowId();
        }
        return "waiting for OCR workflow " + current.workflowId() + " (" + status + ")";
    }

    private void launch(boolean resumed) {
        try {
            CoraOcrThreads.blocking().execute(() -> connectAndWait(resumed));
        } catch (RejectedExecutionException e) {
            // Only while Jenkins shuts down: the saved state is resumed after the restart.
            LOGGER.log(
                    Level.FINE, "not starting the wait for OCR workflow " + state.workflowId() + " during shutdown", e);
        }
    }

    /** Runs on the plugin's pool: credential lookup and client creation may block. */
    private void connectAndWait(boolean resumed) {
        synchronized (this) {
            if (finished) {
                return;
            }
        }
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            if (listener == null || run == null) {
                throw new AbortException("waitForOcrWorkflow needs a Pipeline build to run in");
            }
            CoraOcrServer server = CoraOcrGlobalConfiguration.get().resolve(serverName);
            String username = null;
            String password = null;
            String credentialsId = server.getCredentialsId();
            if (credentialsId != null) {
                // In the run's context, so a folder may hold (or override) the credential.
                StandardUsernamePasswordCredentials credentials = CredentialsProvider.findCredentialById(
                        credentialsId,
                        StandardUsernamePasswordCredentials.class,
                        run,
                        URIRequirementBuilder.fromUri(server.getUrl()).build());
                if (credentials == null) {
                    throw new AbortException(
                            Messages.WaitForOcrWorkflowExecution_CredentialsNotFound(credentialsId, server.getName()));
                }
                CredentialsProvider.track(run, credentials);
                username = credentials.getUsername();
                password = credentials.getPassword().getPlainText();
            }
            CoraOcrClient client;
            try {
                client = ClientCache.get(server, username, password);
            } catch (IllegalArgumentException e) {
                throw new AbortException(
                        Messages.WaitForOcrWorkflowExecution_BadServer(server.getName(), e.getMessage()));
            }
            PrintStream logger = listener.getLogger();
            ProgressPrinter printer = new ProgressPrinter(logger::println, quiet);
            URI endpoint = client.endpoint();
            if (resumed) {
                if (!quiet) {
                    logger.println(Messages.WaitForOcrWorkflowExecution_Resumed(
                            String.valueOf(state.workflowId()), server.getName(), endpoint, deadlineText(state)));
                }
            } else {
                printer.printStart(server.getName(), endpoint, state, options);
                if (!quiet && username != null && "http".equalsIgnoreCase(endpoint.getScheme())) {
                    logger.println(Messages.WaitForOcrWorkflowExecution_PlainHttp(server.getName()));
                }
            }
            OcrWaiter waiter = new OcrWaiter(client, CoraOcrThreads.timers(), CoraOcrThreads.blocking());
            CompletableFuture<WaitOutcome> started = waiter.resume(state, options, new StateKeeper(printer));
            boolean stoppedMeanwhile;
            synchronized (this) {
                stoppedMeanwhile = finished;
                wait = started;
            }
            if (stoppedMeanwhile) {
                started.cancel(true);
                return;
            }
            CoraOcrThreads.register(started);
            started.whenCompleteAsync(
                    (outcome, error) -> onEnd(server.getName(), listener, started, outcome, error),
                    CoraOcrThreads.blocking());
        } catch (AbortException e) {
            if (CoraOcrThreads.isTerminating()) {
                return;
            }
            if (propagate) {
                report(() -> getContext().onFailure(e));
            } else {
                // No status can be read (e.g. missing credentials): with propagate: false that is an
                // ERROR outcome like any other, returned rather than thrown.
                report(() -> {
                    TaskListener listener = getContext().get(TaskListener.class);
                    if (listener != null) {
                        listener.getLogger().println(e.getMessage());
                    }
                    getContext().onSuccess(errorMap(e.getMessage()));
                });
            }
        } catch (Exception e) {
            if (CoraOcrThreads.isTerminating()) {
                return;
            }
            report(() -> getContext().onFailure(e));
        }
    }

    /** The result map of a wait that could not even start polling. */
    private Map<String, Object> errorMap(String message) {
        WaitState current = state;
        WorkflowStatus last = current.lastStatus().orElse(null);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("workflowId", current.workflowId());
        map.put("server", serverName);
        map.put("status", last == null ? null : last.rawStatus());
        map.put("errorCode", last == null ? null : last.rawErrorCode());
        map.put("externalContext", last == null ? null : last.externalContext().orElse(null));
        map.put("result", WaitResult.ERROR.name());
        map.put("polls", current.polls());
        map.put("elapsedMillis", Math.max(0, System.currentTimeMillis() - current.startedAtEpochMillis()));
        map.put("message", message);
        return map;
    }

    private void onEnd(
            String server,
            TaskListener listener,
            CompletableFuture<WaitOutcome> ended,
            WaitOutcome outcome,
            Throwable error) {
        CoraOcrThreads.unregister(ended);
        if (CoraOcrThreads.isTerminating()) {
            return; // the build is suspended; the wait resumes after the restart
        }
        if (error != null) {
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                return; // stop() already reported
            }
            report(() -> getContext().onFailure(cause));
            return;
        }
        report(() -> deliver(server, listener, outcome));
    }

    private void deliver(String server, TaskListener listener, WaitOutcome outcome) throws Exception {
        Map<String, Object> result = resultMap(server, outcome);
        WaitResult verdict = outcome.result();
        if (verdict == WaitResult.PASSED || !propagate) {
            getContext().onSuccess(result);
            return;
        }
        if (verdict == WaitResult.UNSTABLE) {
            String message = failureMessage(server, outcome);
            FlowNode node = getContext().get(FlowNode.class);
            if (node != null) {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
            }
            Run<?, ?> run = getContext().get(Run.class);
            if (run != null) {
                run.setResult(Result.UNSTABLE);
            }
            listener.getLogger().println("WARNING: " + message);
            getContext().onSuccess(result);
            return;
        }
        getContext().onFailure(new AbortException(failureMessage(server, outcome)));
    }

    /** Runs {@code action} unless the step already reported; an exception thrown by it fails the step. */
    private void report(Reporter action) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        try {
            action.run();
        } catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    /** The map the step returns: workflowId, server, status, errorCode, externalContext, result, polls, elapsedMillis, message. */
    static Map<String, Object> resultMap(String server, WaitOutcome outcome) {
        Map<String, Object> engine = outcome.toMap();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("workflowId", engine.get("workflowId"));
        map.put("server", server);
        for (Map.Entry<String, Object> entry : engine.entrySet()) {
            map.putIfAbsent(entry.getKey(), entry.getValue());
        }
        return map;
    }

    /** One line: workflow, server, verdict, status, error code, ExternalContext and the engine's reason. */
    static String failureMessage(String server, WaitOutcome outcome) {
        WorkflowStatus last = outcome.lastStatus().orElse(null);
        return Messages.WaitForOcrWorkflowExecution_Outcome(
                String.valueOf(outcome.workflowId()),
                server,
                outcome.result(),
                last == null ? "-" : last.rawStatus(),
                last == null || last.rawErrorCode() == null ? "-" : last.rawErrorCode(),
                last == null
                        ? "-"
                        : last.externalContext()
                                .map(context -> "\"" + context + "\"")
                                .orElse("-"),
                outcome.message());
    }

    private static String deadlineText(WaitState state) {
        if (!state.hasDeadline()) {
            return Messages.WaitForOcrWorkflowExecution_NoDeadline();
        }
        return Instant.ofEpochMilli(state.deadlineEpochMillis()).toString();
    }

    @FunctionalInterface
    private interface Reporter {
        void run() throws Exception;
    }

    /** Prints through the engine's {@link ProgressPrinter} and keeps the state to persist. */
    private final class StateKeeper implements WaitListener {
        private final ProgressPrinter printer;

        StateKeeper(ProgressPrinter printer) {
            this.printer = printer;
        }

        @Override
        public void onPoll(WorkflowStatus status, int polls) {
            printer.onPoll(status, polls);
        }

        @Override
        public void onStatusChange(@CheckForNull WorkflowStatus previous, WorkflowStatus current, Duration elapsed) {
            printer.onStatusChange(previous, current, elapsed);
        }

        @Override
        public void onRetryableError(CoraOcrException error, int attempt, Duration retryIn) {
            printer.onRetryableError(error, attempt, retryIn);
        }

        @Override
        public void onState(WaitState next) {
            WaitState before = state;
            state = next;
            printer.onState(next);
            boolean changed = !before.lastStatus().equals(next.lastStatus());
            if (changed) {
                // Persist at each status change; the program is saved anyway when Jenkins shuts down.
                try {
                    getContext().saveState();
                } catch (RuntimeException e) {
                    LOGGER.log(
                            Level.FINE,
                            "could not save the state of the wait for OCR workflow " + next.workflowId(),
                            e);
                }
            }
        }

        @Override
        public void onOutcome(WaitOutcome outcome) {
            printer.onOutcome(outcome);
        }
    }
}
