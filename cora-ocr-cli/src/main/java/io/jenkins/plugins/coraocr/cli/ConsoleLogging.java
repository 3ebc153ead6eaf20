package io.jenkins.plugins.coraocr.cli;

import java.util.logging.LogManager;

/**
 * CXF logs through java.util.logging, whose default console handler would mix library INFO and
 * WARNING lines into the command's output (HttpClient's SLF4J goes to slf4j-nop). The command prints
 * everything the user needs itself, so library logging is off unless the user configures it.
 */
final class ConsoleLogging {
    private ConsoleLogging() {}

    static void quietUnlessConfigured() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            LogManager.getLogManager().reset();
        }
    }
}
