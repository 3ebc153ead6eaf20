package io.jenkins.plugins.coraocr.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns a library's IllegalArgumentException about one option into a usage error naming that
 * option, so that bad input exits 2 before any request.
 */
final class OptionCheck {
    private OptionCheck() {}

    static void apply(CommandLine command, String option, Runnable setting) {
        try {
            setting.run();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw usage(command, message.startsWith(option) ? message : option + ": " + message);
        }
    }

    static ParameterException usage(CommandLine command, String message) {
        return new ParameterException(command, message);
    }
}
