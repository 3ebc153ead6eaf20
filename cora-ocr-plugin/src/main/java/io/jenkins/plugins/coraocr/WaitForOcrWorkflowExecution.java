package io.jenkins.plugins.coraocr;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.coraocr.client.gate.Gate;
import io.jenkins.plugins.coraocr.client.gate.GateConsole;
import io.jenkins.plugins.coraocr.client.gate.GateRequest;
import io.jenkins.plugins.coraocr.client.gate.GateTarget;
import io.jenkins.plugins.coraocr.client.gate.Remedies;
import io.jenkins.plugins.coraocr.client.gate.ServerSettings;
import io.jenkins.plugins.coraocr.client.gate.SetupException;
import io.jenkins.plugins.coraocr.client.gate.SharedClients;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The running {@code waitForOcrWorkflow} step: a {@link Gate}'s host. It translates between the gate and
 * Jenkins (the build's context, its credentials, the global configuration, the build result) and decides
 * nothing itself. What survives a restart is the gate's request, the server's name and the wait's state,
 * with its absolute deadline.
 */
public final class WaitForOcrWorkflowExecution extends StepExecution implements Gate.Host {
    private static final long serialVersionUID = 2L;
    private static final Logger LOGGER = Logger.getLogger(WaitForOcrWorkflowExecution.class.getName());

    private final GateRequest request;
    private final String serverName;
    private volatile WaitState state;

    private transient volatile Gate gate;

    WaitForOcrWorkflowExecution(StepContext context, GateRequest request, String serverName, WaitState state) {
        super(context);
        this.request = request;
        this.serverName = serverName;
        this.state = state;
    }

    @Override
    public boolean start() {
        gate().start();
        return false;
    }

    @Override
    public void onResume() {
        gate().resume();
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        gate().stop(cause);
    }

    @Override
    public String getStatus() {
        // Asking must not start a gate: Jenkins may ask before onResume, or after the plugin's shutdown.
        Gate running = gate;
        return (running == null ? Gate.status(state) : running.status()) + " on Cora server '" + serverName + "'";
    }

    private synchronized Gate gate() {
        if (gate == null) {
            gate = new Gate(
                    request,
                    state,
                    this,
                    new GateConsole(this::print, this::print, request.quiet()),
                    new Remedies(JenkinsSettings.NAMES),
                    CoraOcrThreads.runtime().executor(),
                    Clock.systemUTC());
            CoraOcrThreads.runtime().register(gate);
        }
        return gate;
    }

    /** On the plugin's pool: the credential lookup and the client may block. */
    @Override
    public GateTarget connect() throws SetupException {
        CoraOcrServer server = CoraOcrGlobalConfiguration.get()
                .server(serverName)
                .orElseThrow(() -> SetupException.serverGone(
                        serverName, CoraOcrGlobalConfiguration.get().names()));
        String user = null;
        String password = null;
        if (server.getCredentialsId() != null) {
            Run<?, ?> run = context(Run.class);
            // In the run's context, so that a folder may hold (or override) the credential.
            StandardUsernamePasswordCredentials credentials = CredentialsProvider.findCredentialById(
                    server.getCredentialsId(),
                    StandardUsernamePasswordCredentials.class,
                    run,
                    URIRequirementBuilder.fromUri(server.getUrl()).build());
            if (credentials == null) {
                throw new SetupException(Messages.WaitForOcrWorkflowExecution_CredentialsNotFound(
                        server.getCredentialsId(), serverName));
            }
            CredentialsProvider.track(run, credentials);
            user = credentials.getUsername();
            password = credentials.getPassword().getPlainText();
        }
        ServerSettings settings = server.settings();
        SharedClients.Lease leased = CoraOcrThreads.runtime()
                .clients()
                .lease(serverName, settings, user, password, JenkinsSettings.proxyFor(settings.endpoint()));
        return new GateTarget(serverName, leased.waiter(), user != null && settings.isPlainHttp(), leased::close);
    }

    /** Saved with the build; a failed save is logged, and the program is saved anyway when Jenkins shuts down. */
    @Override
    public void saveState(WaitState next) {
        state = next;
        ListenableFuture<Void> saved = getContext().saveState();
        saved.addListener(
                () -> {
                    try {
                        saved.get();
                    } catch (ExecutionException | InterruptedException e) {
                        LOGGER.log(Level.WARNING, "could not save the wait for OCR workflow " + next.workflowId(), e);
                    }
                },
                Runnable::run);
    }

    @Override
    public void pass(Map<String, Object> result) {
        getContext().onSuccess(result);
    }

    @Override
    public void unstable(Map<String, Object> result, String warning) {
        context(FlowNode.class).addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(warning));
        context(Run.class).setResult(Result.UNSTABLE);
        getContext().onSuccess(result);
    }

    @Override
    public void fail(String message) {
        getContext().onFailure(new AbortException(message));
    }

    @Override
    public void fail(Throwable cause) {
        getContext().onFailure(cause);
    }

    private void print(String line) {
        context(TaskListener.class).getLogger().println(line);
    }

    /** The build's {@code type}; the step's required context makes sure there is one. */
    private <T> T context(Class<T> type) {
        try {
            return Objects.requireNonNull(getContext().get(type), type.getSimpleName());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the build's " + type.getSimpleName() + " is not available", e);
        }
    }
}
