package io.jenkins.plugins.coraocr.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Where a command prints, which environment and JVM properties it reads, and which signals stop it.
 * Passed in rather than taken from {@code System}, so that tests run the real entry point with their own
 * streams, variables and properties, without changing the JVM's.
 *
 * @param properties the JVM's system properties as strings (proxy settings are read from them)
 */
record CommandContext(
        PrintStream out,
        PrintStream err,
        Map<String, String> env,
        Map<String, String> properties,
        StopSignals signals) {
    CommandContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        properties = Map.copyOf(properties);
        Objects.requireNonNull(signals, "signals");
    }

    /** No JVM properties and no signal handlers: what most tests need. */
    CommandContext(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, Map.of(), StopSignals.NONE);
    }
}
