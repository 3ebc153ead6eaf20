package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class RestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void restartMidWaitContinuesFromTheSavedStateAndFinishes() throws Throwable {
        try (CoraOcrSimulator simulator = CoraOcrSimulator.builder()
                .basicAuth(Fixtures.USER, Fixtures.PASSWORD)
                .scenario(Scenario.builder()
                        .workflow(
                                5,
                                WorkflowScript.builder()
                                        .status("ProcessingInput")
                                        .forDuration(Duration.ofHours(1))
                                        .build())
                        .build())
                .start()) {
            sessions.then(r -> {
                Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
                Fixtures.onlyServer("prod", simulator, "cora");
                WorkflowJob p = r.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition(
                        "def r = waitForOcrWorkflow workflowId: 5, pollIntervalSeconds: 0.2, timeoutMinutes: 30\n"
                                + "echo \"result=${r.result} status=${r.status} ctx=${r.externalContext}\"",
                        true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage("status ProcessingInput", b);
            });
            // While Jenkins is down the workflow finishes.
            simulator.script(
                    5,
                    WorkflowScript.builder()
                            .status("Completed", "NoError", "after-restart")
                            .build());
            sessions.then(r -> {
                WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
                assertNotNull(p);
                WorkflowRun b = p.getBuildByNumber(1);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                r.assertLogContains("Resuming the wait for OCR workflow 5 on Cora server 'prod'", b);
                r.assertLogContains("result=PASSED status=Completed ctx=after-restart", b);
                r.assertLogNotContains(Fixtures.PASSWORD, b);
            });
        }
    }
}
