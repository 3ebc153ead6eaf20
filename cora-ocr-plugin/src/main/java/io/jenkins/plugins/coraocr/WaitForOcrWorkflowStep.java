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
import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code waitForOcrWorkflow workflowId: id, server: 'prod', ...}: polls OCR GetStatus until the
 * workflow reaches a final status and passes, marks unstable or fails the build on it. The waiting
 * itself (verdict, retries, deadline) is the {@code cora-ocr-client} engine; this class only maps
 * Pipeline arguments onto it.
 */
public class WaitForOcrWorkflowStep extends Step {
    static final double DEFAULT_POLL_INTERVAL_SECONDS = WaitOptions.DEFAULT_POLL_INTERVAL.toMillis() / 1000.0;
    static final double DEFAULT_TIMEOUT_MINUTES = WaitOptions.DEFAULT_TIMEOUT.toMillis() / 60_000.0;
    static final int DEFAULT_MAX_ERRORS = WaitOptions.DEFAULT_MAX_CONSECUTIVE_ERRORS;
    /** A year: long enough for any OCR job, short enough that no deadline arithmetic overflows. */
    static final double MAX_TIMEOUT_MINUTES = 366 * 24 * 60;

    private final long workflowId;
    private String server;
    private double pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS;
    private double timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private int maxErrors = DEFAULT_MAX_ERRORS;
    private String acceptErrorCodes = "";
    private String unstableErrorCodes = "";
    private boolean propagate = true;
    private boolean quiet;

    /**
     * @param workflowId the MasterWorkflowInstanceId that OCR FileBatch returned; Pipeline turns a
     *     numeric string such as {@code env.OCR_ID} into this {@code long}
     */
    @DataBoundConstructor
    public WaitForOcrWorkflowStep(long workflowId) {
        this.workflowId = workflowId;
    }

    public long getWorkflowId() {
        return workflowId;
    }

    @CheckForNull
    public String getServer() {
        return server;
    }

    /** The configured server's name; may be omitted when exactly one server is configured. */
    @DataBoundSetter
    public void setServer(@CheckForNull String server) {
        this.server = Util.fixEmptyAndTrim(server);
    }

    public double getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    @DataBoundSetter
    public void setPollIntervalSeconds(double pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    public double getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** 0 waits without a deadline. */
    @DataBoundSetter
    public void setTimeoutMinutes(double timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public int getMaxErrors() {
        return maxErrors;
    }

    @DataBoundSetter
    public void setMaxErrors(int maxErrors) {
        this.maxErrors = maxErrors;
    }

    public String getAcceptErrorCodes() {
        return acceptErrorCodes;
    }

    @DataBoundSetter
    public void setAcceptErrorCodes(@CheckForNull String acceptErrorCodes) {
        this.acceptErrorCodes = Util.fixNull(acceptErrorCodes).trim();
    }

    public String getUnstableErrorCodes() {
        return unstableErrorCodes;
    }

    @DataBoundSetter
    public void setUnstableErrorCodes(@CheckForNull String unstableErrorCodes) {
        this.unstableErrorCodes = Util.fixNull(unstableErrorCodes).trim();
    }

    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    public boolean isQuiet() {
        return quiet;
    }

    @DataBoundSetter
    public void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }

    /**
     * Checks every argument and the server choice before anything is sent; runs on the CPS VM
     * thread, so it reads only memory. The deadline is fixed here, as an absolute time.
     */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (workflowId <= 0) {
            throw new AbortException(Messages.WaitForOcrWorkflowStep_BadWorkflowId(String.valueOf(workflowId)));
        }
        WaitOptions options = toOptions();
        CoraOcrServer resolved = CoraOcrGlobalConfiguration.get().resolve(server);
        WaitState begin = WaitState.begin(workflowId, options, Instant.now());
        return new WaitForOcrWorkflowExecution(context, resolved.getName(), options, propagate, quiet, begin);
    }

    /**
     * @throws AbortException whose message starts with the name of the parameter that is wrong
     */
    WaitOptions toOptions() throws AbortException {
        WaitOptions.Builder builder = WaitOptions.builder();
        try {
            builder.pollInterval(
                    Duration.ofMillis(checkedMillis("pollIntervalSeconds", pollIntervalSeconds, 1000, 86_400_000)));
        } catch (IllegalArgumentException e) {
            throw field("pollIntervalSeconds", e);
        }
        try {
            builder.timeout(Duration.ofMillis(
                    checkedMillis("timeoutMinutes", timeoutMinutes, 60_000, (long) (MAX_TIMEOUT_MINUTES * 60_000))));
        } catch (IllegalArgumentException e) {
            throw field("timeoutMinutes", e);
        }
        try {
            builder.maxConsecutiveErrors(maxErrors);
        } catch (IllegalArgumentException e) {
            throw field("maxErrors", e);
        }
        try {
            builder.acceptErrorCodes(OcrErrorCode.parseList("acceptErrorCodes", acceptErrorCodes));
            builder.unstableErrorCodes(OcrErrorCode.parseList("unstableErrorCodes", unstableErrorCodes));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage()); // parseList names the parameter itself
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new AbortException("acceptErrorCodes, unstableErrorCodes: " + e.getMessage());
        }
    }

    private static long checkedMillis(String field, double value, long unitMillis, long maxMillis) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new IllegalArgumentException(
                    Messages.WaitForOcrWorkflowStep_NotANonNegativeNumber(String.valueOf(value)));
        }
        double millis = value * unitMillis;
        if (millis > maxMillis) {
            throw new IllegalArgumentException(Messages.WaitForOcrWorkflowStep_TooLarge(
                    String.valueOf(value), String.valueOf(maxMillis / unitMillis)));
        }
        return Math.round(millis);
    }

    private static AbortException field(String name, IllegalArgumentException e) {
        return new AbortException(name + ": " + e.getMessage());
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
            Object id = namedArgs.get("workflowId");
            return id == null ? null : "OCR workflow " + id;
        }

        /**
         * Form validation answers only those who may configure the job (or, outside a job, Jenkins);
         * everyone else gets an empty "ok" and learns nothing about the configured servers.
         */
        static boolean mayValidate(@CheckForNull Item item) {
            if (item == null) {
                return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
            }
            return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        }

        public ListBoxModel doFillServerItems(@AncestorInPath Item item, @QueryParameter String server) {
            ListBoxModel model = new ListBoxModel();
            if (!mayValidate(item)) {
                if (Util.fixEmptyAndTrim(server) != null) {
                    model.add(server);
                }
                return model;
            }
            if (CoraOcrGlobalConfiguration.get().getServers().size() == 1) {
                model.add(Messages.WaitForOcrWorkflowStep_OnlyServer(), "");
            }
            for (CoraOcrServer configured : CoraOcrGlobalConfiguration.get().getServers()) {
                model.add(configured.getName());
            }
            return model;
        }

        public FormValidation doCheckServer(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayValidate(item)) {
                return FormValidation.ok();
            }
            try {
                CoraOcrGlobalConfiguration.get().resolve(value);
                return FormValidation.ok();
            } catch (AbortException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public FormValidation doCheckWorkflowId(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayValidate(item)) {
                return FormValidation.ok();
            }
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return FormValidation.error(Messages.WaitForOcrWorkflowStep_WorkflowIdRequired());
            }
            try {
                long id = Long.parseLong(text);
                return id > 0
                        ? FormValidation.ok()
                        : FormValidation.error(Messages.WaitForOcrWorkflowStep_BadWorkflowId(String.valueOf(id)));
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.WaitForOcrWorkflowStep_WorkflowIdNotANumber(text));
            }
        }

        public FormValidation doCheckPollIntervalSeconds(@AncestorInPath Item item, @QueryParameter String value) {
            return checkOption(
                    item, step -> step.setPollIntervalSeconds(parseDouble(value, DEFAULT_POLL_INTERVAL_SECONDS)));
        }

        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return checkOption(item, step -> step.setTimeoutMinutes(parseDouble(value, DEFAULT_TIMEOUT_MINUTES)));
        }

        public FormValidation doCheckMaxErrors(@AncestorInPath Item item, @QueryParameter String value) {
            return checkOption(item, step -> step.setMaxErrors((int) parseDouble(value, DEFAULT_MAX_ERRORS)));
        }

        public FormValidation doCheckAcceptErrorCodes(@AncestorInPath Item item, @QueryParameter String value) {
            return checkOption(item, step -> step.setAcceptErrorCodes(value));
        }

        public FormValidation doCheckUnstableErrorCodes(@AncestorInPath Item item, @QueryParameter String value) {
            return checkOption(item, step -> step.setUnstableErrorCodes(value));
        }

        private static FormValidation checkOption(@CheckForNull Item item, OptionSetter setter) {
            if (!mayValidate(item)) {
                return FormValidation.ok();
            }
            WaitForOcrWorkflowStep probe = new WaitForOcrWorkflowStep(1);
            try {
                setter.apply(probe);
                probe.toOptions();
                return FormValidation.ok();
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.WaitForOcrWorkflowStep_NotANumber());
            } catch (AbortException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        private static double parseDouble(String value, double fallback) {
            String text = Util.fixEmptyAndTrim(value);
            return text == null ? fallback : Double.parseDouble(text);
        }

        /** The valid error code names, for the help texts. */
        public String getErrorCodeNames() {
            return OcrErrorCode.validNames();
        }

        @FunctionalInterface
        private interface OptionSetter {
            void apply(WaitForOcrWorkflowStep step);
        }
    }
}
