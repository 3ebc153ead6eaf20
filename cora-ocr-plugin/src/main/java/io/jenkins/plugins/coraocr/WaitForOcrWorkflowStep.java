package io.jenkins.plugins.coraocr;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.coraocr.client.gate.Advice;
import io.jenkins.plugins.coraocr.client.gate.ArgumentException;
import io.jenkins.plugins.coraocr.client.gate.Arguments;
import io.jenkins.plugins.coraocr.client.gate.GateRequest;
import io.jenkins.plugins.coraocr.client.gate.PipelineArguments;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code waitForOcrWorkflow workflowId: id, server: 'prod', ...}. The arguments are kept as Pipeline passes
 * them ({@code 12.7} stays a BigDecimal, {@code "42\n"} a string), and the Jenkins-free gate checks them:
 * nothing is rounded on the way.
 */
public class WaitForOcrWorkflowStep extends Step {
    private final Map<String, Object> arguments = new LinkedHashMap<>();

    /** @param workflowId the MasterWorkflowInstanceId that OCR FileBatch returned: a number or a string holding one */
    @DataBoundConstructor
    public WaitForOcrWorkflowStep(Object workflowId) {
        arguments.put(PipelineArguments.WORKFLOW_ID, workflowId);
    }

    /** As the Snippet Generator shows it: numbers as numbers, defaults left out. */
    private Object shown(String name) {
        return Arguments.canonical(arguments.get(name));
    }

    private void set(String name, Object value, Object fallback) {
        // Blank is unset too: the gate treats it so, and the Snippet Generator leaves it out.
        arguments.put(name, Objects.equals(Arguments.canonical(value), fallback) ? null : value);
    }

    public Object getWorkflowId() {
        return shown(PipelineArguments.WORKFLOW_ID);
    }

    @CheckForNull
    public String getServer() {
        return (String) arguments.get(PipelineArguments.SERVER);
    }

    @DataBoundSetter
    public void setServer(@CheckForNull String server) {
        set(PipelineArguments.SERVER, server, null);
    }

    public Object getPollIntervalSeconds() {
        return shown(PipelineArguments.POLL_INTERVAL_SECONDS);
    }

    @DataBoundSetter
    public void setPollIntervalSeconds(Object seconds) {
        set(PipelineArguments.POLL_INTERVAL_SECONDS, seconds, PipelineArguments.DEFAULT_POLL_INTERVAL_SECONDS);
    }

    public Object getTimeoutMinutes() {
        return shown(PipelineArguments.TIMEOUT_MINUTES);
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Object minutes) {
        set(PipelineArguments.TIMEOUT_MINUTES, minutes, PipelineArguments.DEFAULT_TIMEOUT_MINUTES);
    }

    public Object getMaxErrors() {
        return shown(PipelineArguments.MAX_ERRORS);
    }

    @DataBoundSetter
    public void setMaxErrors(Object maxErrors) {
        set(PipelineArguments.MAX_ERRORS, maxErrors, PipelineArguments.DEFAULT_MAX_ERRORS);
    }

    @CheckForNull
    public String getAcceptErrorCodes() {
        return (String) arguments.get(PipelineArguments.ACCEPT_ERROR_CODES);
    }

    @DataBoundSetter
    public void setAcceptErrorCodes(@CheckForNull String codes) {
        set(PipelineArguments.ACCEPT_ERROR_CODES, codes, null);
    }

    @CheckForNull
    public String getUnstableErrorCodes() {
        return (String) arguments.get(PipelineArguments.UNSTABLE_ERROR_CODES);
    }

    @DataBoundSetter
    public void setUnstableErrorCodes(@CheckForNull String codes) {
        set(PipelineArguments.UNSTABLE_ERROR_CODES, codes, null);
    }

    public boolean isPropagate() {
        return !Boolean.FALSE.equals(arguments.get(PipelineArguments.PROPAGATE));
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        set(PipelineArguments.PROPAGATE, propagate, true);
    }

    public boolean isQuiet() {
        return Boolean.TRUE.equals(arguments.get(PipelineArguments.QUIET));
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        set(PipelineArguments.QUIET, quiet, false);
    }

    /**
     * Checks every argument and the server choice before anything is sent; runs on the CPS VM thread, so it
     * reads only memory. A mistake here fails the step even with {@code propagate: false}. The deadline is
     * fixed here, as an absolute time.
     */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            GateRequest request = PipelineArguments.parse(arguments);
            String server = CoraOcrGlobalConfiguration.get().choose(request.server());
            WaitState begun = WaitState.begin(request.workflowId(), request.options(), Instant.now());
            return new WaitForOcrWorkflowExecution(context, request, server, begun);
        } catch (ArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "waitForOcrWorkflow";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WaitForOcrWorkflowStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return namedArgs.containsKey(PipelineArguments.WORKFLOW_ID)
                    ? "OCR workflow " + namedArgs.get(PipelineArguments.WORKFLOW_ID)
                    : null;
        }

        /** The Snippet Generator shows this error instead of a snippet that could never run. */
        @Override
        public Step newInstance(StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            WaitForOcrWorkflowStep step = (WaitForOcrWorkflowStep) super.newInstance(req, formData);
            PipelineArguments.parse(step.arguments);
            return step;
        }

        /**
         * Form validation answers only those who may configure the job (or, outside a job, Jenkins); everyone
         * else gets an empty "ok" and learns nothing about the configured servers.
         */
        static boolean mayValidate(@CheckForNull Item item) {
            return item == null
                    ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        }

        private static FormValidation check(@CheckForNull Item item, Runnable check) {
            return mayValidate(item) ? JenkinsSettings.validation(Advice.of(check)) : FormValidation.ok();
        }

        public ListBoxModel doFillServerItems(@AncestorInPath Item item, @QueryParameter String server) {
            ListBoxModel model = new ListBoxModel();
            // Without permission, only the saved value, so that the form round-trips without revealing names.
            List<String> names = mayValidate(item)
                    ? CoraOcrGlobalConfiguration.get().names()
                    : Collections.singletonList(Util.fixEmptyAndTrim(server));
            if (names.size() == 1 && mayValidate(item)) {
                model.add(Messages.WaitForOcrWorkflowStep_OnlyServer(), "");
            }
            names.stream().filter(Objects::nonNull).forEach(model::add);
            return model;
        }

        public FormValidation doCheckServer(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> CoraOcrGlobalConfiguration.get().choose(value));
        }

        public FormValidation doCheckWorkflowId(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> PipelineArguments.check(PipelineArguments.WORKFLOW_ID, value));
        }

        public FormValidation doCheckPollIntervalSeconds(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> PipelineArguments.check(PipelineArguments.POLL_INTERVAL_SECONDS, value));
        }

        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> PipelineArguments.check(PipelineArguments.TIMEOUT_MINUTES, value));
        }

        public FormValidation doCheckMaxErrors(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> PipelineArguments.check(PipelineArguments.MAX_ERRORS, value));
        }

        public FormValidation doCheckAcceptErrorCodes(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> PipelineArguments.check(PipelineArguments.ACCEPT_ERROR_CODES, value));
        }

        public FormValidation doCheckUnstableErrorCodes(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> PipelineArguments.check(PipelineArguments.UNSTABLE_ERROR_CODES, value));
        }
    }
}
