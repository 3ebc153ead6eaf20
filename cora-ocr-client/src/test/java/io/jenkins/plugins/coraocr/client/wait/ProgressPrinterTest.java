package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest extends EngineFixture {
    @Test
    void printsTheStartEachChangeEachRetryAndTheOutcome() throws Exception {
        script(
                70,
                steps().status("Queued")
                        .times(3)
                        .httpError(503)
                        .status("ProcessingInput")
                        .times(2)
                        .status("Completed", "NoError", "invoice-70")
                        .build());
        List<String> lines = new CopyOnWriteArrayList<>();
        ProgressPrinter printer = new ProgressPrinter(lines::add, false);
        WaitOptions options = fast().timeout(Duration.ofMinutes(2)).build();
        WaitState state = WaitState.begin(70, options, Instant.parse("2030-01-01T00:00:00Z"));
        printer.printStart("prod", client.endpoint(), state, options);
        waiter.resume(WaitState.begin(70, options, Instant.now()), options, printer)
                .get(60, TimeUnit.SECONDS);

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0))
                .isEqualTo("Waiting for OCR workflow 70 on prod (" + client.endpoint()
                        + "): polling every 100ms, deadline 2030-01-01T00:02:00Z (2m)");
        assertThat(lines.get(1)).matches("\\[\\+\\d+ms\\] status Queued \\(NoError\\)");
        assertThat(lines.get(2))
                .startsWith("poll failed (attempt 1), retrying in ")
                .contains("HTTP 503 Service Unavailable");
        assertThat(lines.get(3)).matches("\\[\\+[\\d.]+m?s\\] status ProcessingInput \\(NoError\\)");
        assertThat(lines.get(4))
                .matches("\\[\\+[\\d.]+m?s\\] status Completed \\(NoError\\), ExternalContext \"invoice-70\"");
        assertThat(lines.get(5)).startsWith("OCR workflow 70 PASSED: it completed without error.");
    }

    @Test
    void quietKeepsOnlyTheOutcome() throws Exception {
        script(
                71,
                steps().status("Queued")
                        .times(2)
                        .httpError(503)
                        .status("Failed", "InputFileNotFound")
                        .build());
        List<String> lines = new CopyOnWriteArrayList<>();
        ProgressPrinter printer = new ProgressPrinter(lines::add, true);
        WaitOptions options = fast().build();
        WaitState state = WaitState.begin(71, options, Instant.now());
        printer.printStart(null, client.endpoint(), state, options);
        waiter.resume(state, options, printer).get(60, TimeUnit.SECONDS);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("OCR workflow 71 FAILED: it ended Failed with error code InputFileNotFound.");
    }
}
