package io.jenkins.plugins.coraocr.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code cora-ocr} command line: the jar's Main-Class, and the entry point the tests call. */
@Command(
        name = "cora-ocr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Gates builds on Genpact Cora SeQuence OCR workflows (the GetStatus SOAP operation).",
        footerHeading = HelpText.ENVIRONMENT_HEADING,
        footer = {
            HelpText.URL,
            HelpText.AUTH,
            HelpText.USER,
            HelpText.PASSWORD,
            HelpText.CA_FILE,
            HelpText.PROXY_PASSWORD,
            "  https_proxy, HTTPS_PROXY, http_proxy, no_proxy, NO_PROXY: the proxy, as curl",
            "                           reads them (see 'cora-ocr help wait')",
            "%nExit codes: see 'cora-ocr help wait' and 'cora-ocr help status'."
        })
public final class CoraOcrCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private CoraOcrCommand() {}

    public static void main(String[] args) {
        ConsoleLogging.quietUnlessConfigured();
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((name, value) -> properties.put(String.valueOf(name), String.valueOf(value)));
        CommandContext context =
                new CommandContext(System.out, System.err, System.getenv(), properties, new JvmStopSignals());
        System.exit(execute(args, context));
    }

    /**
     * Runs one command line to its end.
     *
     * @return the exit code
     */
    static int execute(String[] args, CommandContext context) {
        PrintWriter outWriter = new PrintWriter(context.out(), true, Charset.defaultCharset());
        PrintWriter errWriter = new PrintWriter(context.err(), true, Charset.defaultCharset());
        CommandLine commandLine = new CommandLine(new CoraOcrCommand())
                .addSubcommand(new StatusCommand(context))
                .addSubcommand(new WaitCommand(context))
                .addSubcommand(new SimulateCommand(context))
                .addSubcommand(new DemoCommand(context))
                .addSubcommand(new CommandLine.HelpCommand())
                .setOut(outWriter)
                .setErr(errWriter)
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler((failure, command, parseResult) -> {
                    // A bug, not bad input: its message, without the class name Java puts in front.
                    String message = failure.getMessage();
                    command.getErr()
                            .println(command.getCommandSpec().qualifiedName() + ": unexpected failure"
                                    + (message == null || message.isBlank() ? "" : ": " + message));
                    return ExitCodes.ERROR;
                });
        int exitCode = commandLine.execute(args);
        outWriter.flush();
        errWriter.flush();
        return exitCode;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required: status, wait, simulate or demo");
    }
}
