package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A simulator, a client for it, and the two executors the engine runs on. */
abstract class EngineFixture {
    static final Duration FAST = Duration.ofMillis(100);

    CoraOcrSimulator simulator;
    CoraOcrClient client;
    ScheduledExecutorService scheduler;
    ExecutorService blocking;
    OcrWaiter waiter;

    @BeforeEach
    void startEngine() {
        simulator = CoraOcrSimulator.builder().start();
        client = CoraOcrClient.builder(simulator.endpointUrl().toString()).build();
        scheduler = Executors.newSingleThreadScheduledExecutor(named("timer"));
        blocking = Executors.newFixedThreadPool(4, named("blocking"));
        waiter = new OcrWaiter(client, scheduler, blocking);
    }

    @AfterEach
    void stopEngine() {
        scheduler.shutdownNow();
        blocking.shutdownNow();
        client.close();
        simulator.close();
    }

    /**
     * The first call in a JVM loads and links CXF, which a loaded machine may need seconds for; a test whose
     * deadline is short makes that call before its wait starts.
     */
    void warmUp() throws Exception {
        client.newCall(1).execute();
    }

    void script(long id, WorkflowScript script) {
        simulator.script(id, script);
    }

    static WaitOptions.Builder fast() {
        return WaitOptions.builder().pollInterval(FAST).timeout(Duration.ofSeconds(30));
    }

    static WorkflowScript.Builder steps() {
        return WorkflowScript.builder();
    }

    long requestsFor(long id) {
        String marker = ">" + id + "</";
        return simulator.requests().stream()
                .filter(r -> r.bodyText().contains(marker))
                .count();
    }

    static Scenario none() {
        return Scenario.EMPTY;
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
