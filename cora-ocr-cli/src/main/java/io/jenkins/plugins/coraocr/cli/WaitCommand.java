package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "wait",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Polls one OCR workflow until it reaches a final status and exits with the verdict.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  PASSED     Completed/NoError, or a final status with an accepted code",
            "  1  FAILED     any other final status (NotFound included)",
            "  2  bad usage or input (nothing was sent)",
            "  3  TIMED_OUT  --timeout ran out before a final status",
            "  4  UNSTABLE   a final status with a code from --unstable-error-codes",
            "  5  ERROR      no status could be read (login, URL, too many failed polls)"
        })
final class WaitCommand implements Callable<Integer> {
    private final CommandContext context;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--workflow-id",
            paramLabel = "ID",
            required = true,
            converter = WorkflowIdConverter.class,
            description = "The MasterWorkflowInstanceId that OCR FileBatch returned.")
    private long workflowId;

    @Mixin
    private ConnectionOptions connection;

    @Option(
            names = "--poll-interval",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            defaultValue = "15s",
            description = "Time between polls, at least 100ms (default: ${DEFAULT-VALUE}).")
    private Duration pollInterval;

    @Option(
            names = "--timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            defaultValue = "60m",
            description = "Give up with TIMED_OUT after this long (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(
            names = "--max-errors",
            paramLabel = "N",
            defaultValue = "10",
            description = "Give up with ERROR after this many failed polls in a row (default: ${DEFAULT-VALUE}).")
    private int maxErrors;

    @Option(
            names = "--accept-error-codes",
            paramLabel = "LIST",
            description = "Error codes that pass on any final status, comma separated, e.g. OutputFileExists.")
    private String acceptErrorCodes;

    @Option(
            names = "--unstable-error-codes",
            paramLabel = "LIST",
            description = "Error codes that make the result UNSTABLE, comma separated, e.g. TimedOut.")
    private String unstableErrorCodes;

    @Option(names = "--json", description = "Print the outcome as one JSON object on stdout; progress goes to stderr.")
    private boolean json;

    WaitCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        WaitOptions options = waitOptions();
        try (CoraOcrClient client = connection.createClient(context.env())) {
            return new WaitRun(context, json).run(client, workflowId, options);
        }
    }

    private WaitOptions waitOptions() {
        if (timeout.isZero()) {
            throw usage("--timeout must be longer than 0: every wait needs a deadline");
        }
        WaitOptions.Builder builder = WaitOptions.builder().timeout(timeout);
        apply("--poll-interval", () -> builder.pollInterval(pollInterval));
        apply("--max-errors", () -> builder.maxConsecutiveErrors(maxErrors));
        apply(
                "--accept-error-codes",
                () -> builder.acceptErrorCodes(OcrErrorCode.parseList("--accept-error-codes", acceptErrorCodes)));
        apply(
                "--unstable-error-codes",
                () -> builder.unstableErrorCodes(OcrErrorCode.parseList("--unstable-error-codes", unstableErrorCodes)));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void apply(String option, Runnable setting) {
        OptionCheck.apply(spec.commandLine(), option, setting);
    }

    private ParameterException usage(String message) {
        return OptionCheck.usage(spec.commandLine(), message);
    }
}
