package io.jenkins.plugins.coraocr.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** A bad option value found after parsing: a usage error, so that it exits 2 before any request. */
final class OptionCheck {
    private OptionCheck() {}

    static ParameterException usage(CommandLine command, String message) {
        return new ParameterException(command, message);
    }
}
