package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import io.jenkins.plugins.coraocr.client.gate.Remedies;
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
            "  5  no status could be read",
            HelpText.ENVIRONMENT,
            HelpText.URL,
            HelpText.AUTH,
            HelpText.USER,
            HelpText.PASSWORD,
            HelpText.CA_FILE,
            HelpText.PROXY_PASSWORD,
            HelpText.PROXY_1,
            HelpText.PROXY_2,
            HelpText.PROXY_3,
            HelpText.PROXY_4,
            HelpText.PROXY_5,
            HelpText.PROXY_6,
            HelpText.PROXY_7
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
        ConnectionOptions.Connection server = connection.connect(context);
        try {
            WorkflowStatus status;
            try {
                status = server.client().getStatus(workflowId);
            } catch (CoraOcrException e) {
                return noStatus(e, server.remedies());
            }
            if (json) {
                JsonOutput.print(context.out(), toMap(status));
            } else {
                context.out().println("OCR workflow " + workflowId + ": " + status.describe());
            }
            return ExitCodes.PASSED;
        } finally {
            server.client().close();
        }
    }

    /** The client's reason, and what to change as the wait's ERROR line says it. */
    private int noStatus(CoraOcrException e, Remedies remedies) {
        String why = remedies.appendTo(e.getMessage(), e.kind());
        context.err().println("cora-ocr status: " + why);
        if (json) {
            Map<String, Object> object = toMap(null);
            object.put("error", why);
            JsonOutput.print(context.out(), object);
        }
        return ExitCodes.ERROR;
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
