package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.gate.ArgumentException;
import io.jenkins.plugins.coraocr.client.gate.Arguments;
import picocli.CommandLine.ITypeConverter;

/** A MasterWorkflowInstanceId, checked by the gate's own rule before any request is sent. */
final class WorkflowIdConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        try {
            return Arguments.workflowId("--workflow-id", text);
        } catch (ArgumentException e) {
            throw PlainArgument.invalid(e);
        }
    }
}
