package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a simulated Cora OCR SOAP service on 127.0.0.1 until stopped (Ctrl-C), for trying gates"
                    + " and pipelines without a Cora server. It prints its endpoint URL first.",
            "Workflows started with FileBatch get ids from 1001 and pass through Queued, ProcessingInput and"
                    + " WaitingForOutput to Completed; a scenario file scripts other ids (see the simulator's README)."
        })
final class SimulateCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8089;

    private final CommandContext context;

    @Spec
    private CommandSpec spec;

    /** A scenario scripts a few workflows; a file this big is the wrong file. */
    static final int MAX_SCENARIO_BYTES = 1024 * 1024;

    @Option(
            names = "--port",
            paramLabel = "N",
            converter = WholeNumberConverter.Port.class,
            defaultValue = "" + DEFAULT_PORT,
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scripted workflows, as JSON.")
    private Path scenarioFile;

    @Option(names = "--user", paramLabel = "USER", description = "Require HTTP Basic authentication with this user.")
    private String user;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "The environment variable holding that user's password.")
    private String passwordVariable;

    SimulateCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Scenario scenario = scenario();
        CoraOcrSimulator.Builder builder = configure(scenario);
        CoraOcrSimulator simulator;
        try {
            simulator = builder.start();
        } catch (RuntimeException e) {
            context.err().println("cora-ocr simulate: cannot start the simulator: " + rootMessage(e));
            return ExitCodes.ERROR;
        }
        announce(simulator, scenario);
        runUntilStopped(simulator);
        return ExitCodes.PASSED;
    }

    /** @throws ParameterException naming the file, the place in it and the problem */
    private Scenario scenario() {
        if (scenarioFile == null) {
            return Scenario.EMPTY;
        }
        try {
            // Checked here so that a missing file, a directory or a device is named in plain words.
            SmallFile.check("--scenario", scenarioFile, MAX_SCENARIO_BYTES);
            return Scenario.fromJson(scenarioFile);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new ParameterException(
                    spec.commandLine(), message.startsWith("--scenario") ? message : "--scenario: " + message);
        }
    }

    /** @throws ParameterException for bad options, before anything listens */
    private CoraOcrSimulator.Builder configure(Scenario scenario) {
        try {
            CoraOcrSimulator.Builder builder =
                    CoraOcrSimulator.builder().port(port).scenario(scenario);
            if ((user == null) != (passwordVariable == null)) {
                throw new IllegalArgumentException("--user and --password-env go together");
            }
            if (user != null) {
                builder.basicAuth(user, PasswordSource.requireVariable(passwordVariable, context.env()));
            }
            return builder;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void announce(CoraOcrSimulator simulator, Scenario scenario) {
        context.out().println("Cora OCR simulator listening on " + simulator.endpointUrl());
        if (!scenario.workflows().isEmpty()) {
            context.out()
                    .println("Scripted workflows: "
                            + scenario.workflows().keySet().stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(", ")));
        }
        context.out().println("Stop it with Ctrl-C.");
        context.out().flush();
    }

    /** Until Ctrl-C (the shutdown hook closes it) or, in-process, until this thread is interrupted. */
    private static void runUntilStopped(CoraOcrSimulator simulator) {
        Thread closeOnCtrlC = new Thread(simulator::close, "cora-ocr-simulator-stop");
        Runtime.getRuntime().addShutdownHook(closeOnCtrlC);
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        // Closed before the interrupt flag is restored: an interrupted close does not wait for answers being given.
        simulator.close();
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnCtrlC);
        } catch (IllegalStateException shuttingDown) {
            // The hook is closing the simulator already.
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return failure.getMessage() + (root == failure ? "" : " (" + root.getMessage() + ")");
    }
}
