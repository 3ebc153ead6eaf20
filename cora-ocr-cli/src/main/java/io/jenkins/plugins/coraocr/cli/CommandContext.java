package io.jenkins.plugins.coraocr.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Where a command prints and which environment it reads. Passed in rather than taken from
 * {@code System}, so that tests run the real entry point with their own streams and variables.
 */
record CommandContext(PrintStream out, PrintStream err, Map<String, String> env) {
    CommandContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
    }
}
