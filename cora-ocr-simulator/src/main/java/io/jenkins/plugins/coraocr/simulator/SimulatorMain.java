package io.jenkins.plugins.coraocr.simulator;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java io.jenkins.plugins.coraocr.simulator.SimulatorMain [--host H] [--port N] [--scenario FILE]
 * [--user U --password-env VAR]}: runs a simulator until the process is interrupted.
 */
public final class SimulatorMain {

    static final String USAGE = "usage: SimulatorMain [--host HOST] [--port PORT] [--scenario FILE.json]"
            + " [--user USER --password-env VARIABLE]";

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        CoraOcrSimulator.Builder builder;
        try {
            builder = builder(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CoraOcrSimulator simulator;
        try {
            simulator = builder.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "cora-ocr-simulator-shutdown"));
        System.out.println("Cora OCR simulator listening on " + simulator.endpointUrl());
        new CountDownLatch(1).await();
    }

    /** Turns command-line arguments into a simulator builder; the password comes from the environment, never argv. */
    static CoraOcrSimulator.Builder builder(String[] args, Map<String, String> environment) {
        CoraOcrSimulator.Builder builder = CoraOcrSimulator.builder();
        String user = null;
        String passwordVariable = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("Runs a simulated Cora OCR SOAP service.");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(port(value));
                case "--scenario" -> builder.scenario(Scenario.fromJson(Path.of(value)));
                case "--user" -> user = value;
                case "--password-env" -> passwordVariable = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if ((user == null) != (passwordVariable == null)) {
            throw new IllegalArgumentException("--user and --password-env go together");
        }
        if (user != null) {
            String password = environment.get(passwordVariable);
            if (password == null) {
                throw new IllegalArgumentException("environment variable " + passwordVariable + " is not set");
            }
            builder.basicAuth(user, password);
        }
        return builder;
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, not " + value);
        }
    }
}
