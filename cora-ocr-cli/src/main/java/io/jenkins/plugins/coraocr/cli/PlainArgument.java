package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.gate.ArgumentException;
import picocli.CommandLine.TypeConversionException;

/**
 * The gate's argument checks inside picocli converters. picocli puts "Invalid value for option '--x':"
 * in front of a converter's message, so the parameter the gate's message starts with is left out.
 */
final class PlainArgument {
    private PlainArgument() {}

    static TypeConversionException invalid(ArgumentException e) {
        String prefix = e.parameter() + ": ";
        String message = e.getMessage();
        return new TypeConversionException(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
}
