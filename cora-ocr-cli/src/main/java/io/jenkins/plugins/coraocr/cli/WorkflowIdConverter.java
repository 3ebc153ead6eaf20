package io.jenkins.plugins.coraocr.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A MasterWorkflowInstanceId: a positive 64-bit integer, checked before any request is sent. */
final class WorkflowIdConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        long id;
        try {
            id = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (id <= 0) {
            throw invalid(text);
        }
        return id;
    }

    private static TypeConversionException invalid(String text) {
        // picocli puts "Invalid value for option '--workflow-id':" in front.
        return new TypeConversionException(
                "'" + text + "' is not a workflow id: it must be a whole number from 1 to " + Long.MAX_VALUE);
    }
}
