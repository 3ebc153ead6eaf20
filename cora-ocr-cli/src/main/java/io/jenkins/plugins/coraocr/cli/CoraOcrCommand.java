package io.jenkins.plugins.coraocr.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
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
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  CORA_OCR_URL       the server, when --url is not given",
            "  CORA_OCR_USER      the user, when --user is not given",
            "  CORA_OCR_PASSWORD  the password, without --password-env or --password-file",
            "%nExit codes: see 'cora-ocr help wait' and 'cora-ocr help status'."
        })
public final class CoraOcrCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private CoraOcrCommand() {}

    public static void main(String[] args) {
        ConsoleLogging.quietUnlessConfigured();
        System.exit(execute(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs one command line to its end.
     *
     * @param env the environment to read CORA_OCR_* and {@code --password-env} variables from
     * @return the exit code
     */
    static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandContext context = new CommandContext(out, err, env);
        PrintWriter outWriter = new PrintWriter(out, true, Charset.defaultCharset());
        PrintWriter errWriter = new PrintWriter(err, true, Charset.defaultCharset());
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
                    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + failure);
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
