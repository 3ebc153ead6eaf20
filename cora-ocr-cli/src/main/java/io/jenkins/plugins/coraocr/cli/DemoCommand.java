package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a simulated Cora server on a free local port, starts an OCR workflow there with a real"
                    + " FileBatch call, and waits on it with 1s polls exactly as `cora-ocr wait --poll-interval 1s` would.",
            "Takes about ten seconds and ends PASSED (exit code 0)."
        })
final class DemoCommand implements Callable<Integer> {
    /** Three stages (Queued, ProcessingInput, WaitingForOutput) of about 3s: a wait of about ten seconds. */
    static final Duration STAGE_DURATION = Duration.ofSeconds(3);

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final CommandContext context;

    DemoCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        try (EarlyStops stops = new EarlyStops(context.signals());
                CoraOcrSimulator simulator =
                        CoraOcrSimulator.builder().stageDuration(STAGE_DURATION).start()) {
            URI endpoint = simulator.endpointUrl();
            context.out().println("Simulated Cora server listening on " + endpoint);
            long workflowId;
            try {
                workflowId = FileBatchRequest.send(endpoint);
            } catch (IOException e) {
                context.err().println("cora-ocr demo: " + e.getMessage());
                return ExitCodes.ERROR;
            }
            context.out()
                    .println("OCR FileBatch started workflow " + workflowId + " (ExternalContext \""
                            + FileBatchRequest.EXTERNAL_CONTEXT + "\"); waiting on it like:");
            context.out()
                    .println("  cora-ocr wait --url " + endpoint + " --workflow-id " + workflowId
                            + " --poll-interval 1s");
            WaitOptions options =
                    WaitOptions.builder().pollInterval(POLL_INTERVAL).build();
            try (CoraOcrClient client =
                    CoraOcrClient.builder(endpoint.toString()).build()) {
                return new GateRun(context, false)
                        .run(
                                new ConnectionOptions.Connection(client, false, CliSettingNames.REMEDIES),
                                workflowId,
                                options,
                                stops);
            }
        }
    }
}
