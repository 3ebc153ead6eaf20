package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Reads the status of one OCR workflow once.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  a status was read, whatever it is",
            "  2  bad usage or input (nothing was sent)",
            "  5  no status could be read"
        })
final class StatusCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(
            names = "--workflow-id",
            paramLabel = "ID",
            required = true,
            converter = WorkflowIdConverter.class,
            description = "The MasterWorkflowInstanceId that OCR FileBatch returned.")
    private long workflowId;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--json", description = "Print one JSON object: workflowId, status, errorCode, externalContext.")
    private boolean json;

    StatusCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (CoraOcrClient client = connection.createClient(context.env())) {
            WorkflowStatus status;
            try {
                status = client.getStatus(workflowId);
            } catch (CoraOcrException e) {
                context.err().println("cora-ocr status: " + e.getMessage());
                if (json) {
                    Map<String, Object> object = toMap(null);
                    object.put("error", e.getMessage());
                    JsonOutput.print(context.out(), object);
                }
                return ExitCodes.ERROR;
            }
            if (json) {
                JsonOutput.print(context.out(), toMap(status));
            } else {
                context.out().println("OCR workflow " + workflowId + ": " + status);
            }
            return ExitCodes.PASSED;
        }
    }

    private Map<String, Object> toMap(WorkflowStatus status) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("workflowId", workflowId);
        object.put("status", status == null ? null : status.rawStatus());
        object.put("errorCode", status == null ? null : status.rawErrorCode());
        object.put(
                "externalContext",
                status == null ? null : status.externalContext().orElse(null));
        return object;
    }
}
