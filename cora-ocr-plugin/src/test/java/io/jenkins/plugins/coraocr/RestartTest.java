package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.flow.FlowDurabilityHint;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.job.properties.DurabilityHintJobProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller that restarts (cleanly, as JenkinsSessionExtension does) while a build waits. */
class RestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private CoraOcrSimulator simulator;

    @BeforeEach
    void start() {
        simulator = CoraOcrSimulator.builder()
                .basicAuth(Fixtures.USER, Fixtures.PASSWORD)
                .scenario(Scenario.builder()
                        .workflow(
                                5,
                                WorkflowScript.builder()
                                        .status("ProcessingInput")
                                        .forDuration(Duration.ofHours(1))
                                        .build())
                        .build())
                .start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** Starts a build of job {@code p} that waits on workflow 5, and returns once it has seen a status. */
    private WorkflowRun waiting(JenkinsRule r, String arguments, FlowDurabilityHint durability) throws Exception {
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator.endpointUrl(), "cora");
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.addProperty(new DurabilityHintJobProperty(durability));
        p.setDefinition(new CpsFlowDefinition(
                "def r = waitForOcrWorkflow workflowId: 5, pollIntervalSeconds: 0.2" + arguments + "\n"
                        + "echo \"result=${r.result} status=${r.status} ctx=${r.externalContext}\"",
                true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("status ProcessingInput", b);
        return b;
    }

    private static WorkflowRun build(JenkinsRule r) {
        WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
        assertNotNull(p);
        return p.getBuildByNumber(1);
    }

    private void finishWhileJenkinsIsDown() {
        simulator.script(
                5,
                WorkflowScript.builder()
                        .status("Completed", "NoError", "after-restart")
                        .build());
    }

    @Test
    void aWaitContinuesAfterARestartFromItsSavedStateAndPollingStopsWhileJenkinsIsDown() throws Throwable {
        sessions.then(r -> waiting(r, ", timeoutMinutes: 30", FlowDurabilityHint.MAX_SURVIVABILITY));
        // Jenkins is down: its terminator stopped the pool, so no poll goes out now.
        int whileDown = simulator.requests().size();
        Thread.sleep(1_000);
        // One request already on its way may still arrive; a wait still polling would send about five more.
        assertTrue(simulator.requests().size() <= whileDown + 1, "polls went out while Jenkins was down");
        finishWhileJenkinsIsDown();
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("Resuming the wait for OCR workflow 5 on Cora server 'prod'", b);
            r.assertLogContains("result=PASSED status=Completed ctx=after-restart", b);
            r.assertLogNotContains(Fixtures.PASSWORD, b);
        });
    }

    @Test
    void aWaitResumesUnderPerformanceOptimizedDurabilityToo() throws Throwable {
        sessions.then(r -> waiting(r, "", FlowDurabilityHint.PERFORMANCE_OPTIMIZED));
        finishWhileJenkinsIsDown();
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("Resuming the wait for OCR workflow 5", b);
        });
    }

    @Test
    void aDeadlineThatPassedWhileJenkinsWasDownEndsTheBuildAtOnceWithOneLine() throws Throwable {
        Duration timeout = Duration.ofSeconds(30);
        Instant beforeStart = Instant.now();
        AtomicReference<Instant> seenWaiting = new AtomicReference<>();
        sessions.then(r -> {
            waiting(r, ", timeoutMinutes: 0.5", FlowDurabilityHint.MAX_SURVIVABILITY);
            seenWaiting.set(Instant.now());
        });
        // The deadline lies between beforeStart + 30 s and seenWaiting + 30 s. A machine so slow that it
        // passed before the first session ended cannot show what this test is about.
        assumeTrue(Instant.now().isBefore(beforeStart.plus(timeout)), "the first session outlived the wait's deadline");
        finishWhileJenkinsIsDown();
        Thread.sleep(Math.max(
                0,
                Duration.between(Instant.now(), seenWaiting.get().plus(timeout).plusSeconds(1))
                        .toMillis()));
        int requestsWhileDown = simulator.requests().size();
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatus(hudson.model.Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("TIMED_OUT: the 30s timeout ran out while the wait was not running", b);
            r.assertLogNotContains("Resuming the wait", b);
        });
        assertEquals(
                requestsWhileDown, simulator.requests().size(), "the resumed wait sent a request after its deadline");
    }

    @Test
    void aServerRemovedBeforeTheRestartEndsTheResumedWaitWithAnError() throws Throwable {
        sessions.then(r -> {
            waiting(r, ", timeoutMinutes: 30", FlowDurabilityHint.MAX_SURVIVABILITY);
            CoraOcrGlobalConfiguration.get().setServers(List.of());
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatus(hudson.model.Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("ERROR: Cora server 'prod' is no longer configured", b);
        });
    }
}
