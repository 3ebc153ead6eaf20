package io.jenkins.plugins.coraocr.client.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A thousand pipelines waiting at once share four threads for their calls and one for their timers. */
class ManyWaitsTest {
    private static final int WAITS = 1_000;

    @Test
    void aThousandConcurrentWaitsOnAFourThreadExecutorAllFinish() throws Exception {
        Scenario.Builder scenario = Scenario.builder();
        for (long id = 1; id <= WAITS; id++) {
            scenario.workflow(
                    id,
                    WorkflowScript.builder()
                            .status("Queued")
                            .times(2)
                            .status("Completed", id % 10 == 0 ? "InputFileNotFound" : "NoError", "ctx-" + id)
                            .build());
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(EngineFixture.named("timer"));
        ExecutorService blocking = Executors.newFixedThreadPool(4, EngineFixture.named("blocking"));
        try (CoraOcrSimulator simulator =
                        CoraOcrSimulator.builder().scenario(scenario.build()).start();
                CoraOcrClient client = CoraOcrClient.builder(
                                simulator.endpointUrl().toString())
                        .build()) {
            OcrWaiter waiter = new OcrWaiter(client, scheduler, blocking);
            WaitOptions options = EngineFixture.fast().build();
            Set<String> pollThreads = ConcurrentHashMap.newKeySet();
            WaitListener threadRecorder = new WaitListener() {
                @Override
                public void onPoll(WorkflowStatus status, int polls) {
                    pollThreads.add(Thread.currentThread().getName());
                }
            };

            List<CompletableFuture<WaitOutcome>> waits = new ArrayList<>();
            for (long id = 1; id <= WAITS; id++) {
                waits.add(waiter.start(id, options, threadRecorder));
            }
            CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);

            for (int i = 0; i < WAITS; i++) {
                long id = i + 1;
                WaitOutcome outcome = waits.get(i).get();
                assertThat(outcome.workflowId()).isEqualTo(id);
                assertThat(outcome.result()).isEqualTo(id % 10 == 0 ? WaitResult.FAILED : WaitResult.PASSED);
                assertThat(outcome.lastStatus().orElseThrow().externalContext()).contains("ctx-" + id);
                assertThat(outcome.polls()).isEqualTo(3);
            }
            assertThat(simulator.requests()).hasSize(3 * WAITS);
            // Three thousand calls, and not one of them on a thread other than the four given.
            assertThat(pollThreads)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(name).matches("blocking-[1-4]"));
        } finally {
            scheduler.shutdownNow();
            blocking.shutdownNow();
        }
    }
}
