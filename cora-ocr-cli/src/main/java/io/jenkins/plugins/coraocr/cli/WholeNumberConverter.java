package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.gate.ArgumentException;
import io.jenkins.plugins.coraocr.client.gate.Arguments;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A whole number within a range, checked by the gate's rule: "x is not a whole number" or "must be from
 * 1 to 1000000", never picocli's "is not an int". picocli needs a class per range.
 */
abstract class WholeNumberConverter implements ITypeConverter<Integer> {
    private final int min;
    private final int max;

    WholeNumberConverter(int min, int max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Integer convert(String text) {
        if (text.isBlank()) {
            // The gate takes a blank value for "the default"; typed on a command line it is a mistake.
            throw new TypeConversionException("a whole number from " + min + " to " + max + " is required");
        }
        try {
            return Arguments.wholeNumber("N", text, min, min, max);
        } catch (ArgumentException e) {
            throw PlainArgument.invalid(e);
        }
    }

    /** {@code --max-errors}: as many as the Pipeline step allows. */
    static final class MaxErrors extends WholeNumberConverter {
        MaxErrors() {
            super(1, 1_000_000);
        }
    }

    /** {@code simulate --port}: 0 picks a free one. */
    static final class Port extends WholeNumberConverter {
        Port() {
            super(0, 65_535);
        }
    }
}
