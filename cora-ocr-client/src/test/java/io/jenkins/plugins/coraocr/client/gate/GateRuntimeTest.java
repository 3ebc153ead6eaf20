package io.jenkins.plugins.coraocr.client.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A shutdown stops every gate's polling without a report, and gives every client back. */
class GateRuntimeTest {
    @Test
    void shutdownSuspendsTheGatesStopsPollingAndClosesTheClients() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (CoraOcrSimulator simulator = CoraOcrSimulator.start()) {
            simulator.script(5, WorkflowScript.builder().status("Queued").build());
            GateRuntime runtime = new GateRuntime(Executors.defaultThreadFactory(), timers, 4);
            AtomicInteger released = new AtomicInteger();
            RecordingHost host = new RecordingHost(() -> {
                try {
                    SharedClients.Lease lease = runtime.clients()
                            .lease(
                                    "prod",
                                    new ServerSettings(
                                            simulator.endpointUrl().toString(),
                                            Authentication.BASIC,
                                            null,
                                            SoapVersion.SOAP_11,
                                            5,
                                            5),
                                    null,
                                    null,
                                    null);
                    return new GateTarget("prod", lease.waiter(), false, () -> {
                        released.incrementAndGet();
                        lease.close();
                    });
                } catch (SetupException e) {
                    throw new IllegalStateException(e);
                }
            });
            GateRequest request = new GateRequest(
                    5,
                    WaitOptions.builder().pollInterval(Duration.ofMillis(100)).build(),
                    "prod",
                    true,
                    true);
            Gate gate = new Gate(
                    request,
                    WaitState.begin(5, request.options(), Instant.now()),
                    host,
                    new GateConsole(line -> {}, line -> {}, true),
                    new Remedies(SettingNames.of("", "", "", "", "", "", "", "")),
                    runtime.executor(),
                    Clock.systemUTC());
            runtime.register(gate);
            gate.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> simulator.requests().size() >= 2);

            runtime.shutdown();
            int requests = simulator.requests().size();
            Thread.sleep(1_000);

            // A request already on its way may still arrive; polling on would send about ten more.
            assertThat(simulator.requests().size()).isLessThanOrEqualTo(requests + 1);
            assertThat(host.reports).isEmpty();
            assertThat(gate.isOver()).isTrue();
            assertThat(released).hasValue(1);
            assertThat(runtime.clients().open()).isZero();
            assertThat(runtime.executor().isShutdown()).isTrue();
        } finally {
            timers.shutdownNow();
        }
    }
}
