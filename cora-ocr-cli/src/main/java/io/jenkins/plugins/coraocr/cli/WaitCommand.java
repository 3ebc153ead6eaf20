package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import io.jenkins.plugins.coraocr.client.gate.ArgumentException;
import io.jenkins.plugins.coraocr.client.gate.Arguments;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
        description = {
            "Polls one OCR workflow until it reaches a final status and exits with the verdict.",
            "A Status the client does not know counts as a failed poll: it is retried, and after --max-errors"
                    + " of them in a row the wait ends ERROR. 'polls' counts the polls the server answered with a"
                    + " status; failed polls do not count."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    PASSED     Completed/NoError, or a final status with an accepted code",
            "  1    FAILED     any other final status (NotFound included)",
            "  2    bad usage or input (nothing was sent)",
            "  3    TIMED_OUT  --timeout ran out before a final status",
            "  4    UNSTABLE   a final status with a code from --unstable-error-codes",
            "  5    ERROR      no status could be read (login, URL, certificate, proxy,",
            "                  too many failed polls)",
            "  130  CANCELLED  stopped by SIGINT (Ctrl-C); the poll in flight is aborted",
            "  143  CANCELLED  stopped by SIGTERM; the poll in flight is aborted",
            HelpText.ENVIRONMENT,
            HelpText.URL,
            HelpText.AUTH,
            HelpText.USER,
            HelpText.PASSWORD,
            HelpText.CA_FILE,
            HelpText.PROXY_PASSWORD,
            HelpText.PROXY_1,
            HelpText.PROXY_2,
            HelpText.PROXY_3,
            HelpText.PROXY_4,
            HelpText.PROXY_5,
            HelpText.PROXY_6,
            HelpText.PROXY_7
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
            converter = DurationConverter.PollInterval.class,
            defaultValue = "15s",
            description = "Time between polls, at least 100ms; up to 10%% is added (default: ${DEFAULT-VALUE}).")
    private Duration pollInterval;

    @Option(
            names = "--timeout",
            paramLabel = "DUR",
            converter = DurationConverter.WaitTimeout.class,
            defaultValue = "60m",
            description = "Give up with TIMED_OUT after this long (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(
            names = "--max-errors",
            paramLabel = "N",
            converter = WholeNumberConverter.MaxErrors.class,
            defaultValue = "10",
            description = "Give up with ERROR after this many failed polls in a row; retries back off, doubling up to"
                    + " 60s (default: ${DEFAULT-VALUE}).")
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
        try (EarlyStops stops = new EarlyStops(context.signals())) {
            WaitOptions options = waitOptions();
            ConnectionOptions.Connection server = connection.connect(context);
            try {
                return new GateRun(context, json).run(server, workflowId, options, stops);
            } finally {
                server.client().close();
            }
        }
    }

    private WaitOptions waitOptions() {
        Set<OcrErrorCode> accepted = errorCodes("--accept-error-codes", acceptErrorCodes);
        Set<OcrErrorCode> unstable = errorCodes("--unstable-error-codes", unstableErrorCodes);
        Set<OcrErrorCode> both = accepted.isEmpty() ? EnumSet.noneOf(OcrErrorCode.class) : EnumSet.copyOf(accepted);
        both.retainAll(unstable);
        if (!both.isEmpty()) {
            throw usage(both.stream().map(OcrErrorCode::wireName).collect(Collectors.joining(", "))
                    + " is in both --accept-error-codes and --unstable-error-codes; a code is either accepted or"
                    + " unstable");
        }
        // The converters checked every value against the same bounds.
        return WaitOptions.builder()
                .pollInterval(pollInterval)
                .timeout(timeout)
                .maxConsecutiveErrors(maxErrors)
                .acceptErrorCodes(accepted)
                .unstableErrorCodes(unstable)
                .build();
    }

    private Set<OcrErrorCode> errorCodes(String option, String list) {
        try {
            return Arguments.errorCodes(option, list);
        } catch (ArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
