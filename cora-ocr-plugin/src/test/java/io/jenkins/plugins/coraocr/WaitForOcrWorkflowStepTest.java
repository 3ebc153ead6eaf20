package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class WaitForOcrWorkflowStepTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private CoraOcrSimulator simulator;

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private void simulate(long workflowId, WorkflowScript script) {
        simulator = CoraOcrSimulator.builder()
                .basicAuth(Fixtures.USER, Fixtures.PASSWORD)
                .scenario(Scenario.builder().workflow(workflowId, script).build())
                .start();
    }

    private WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void passesWithANumericStringIdAndReturnsTheResultMap(JenkinsRule r) throws Exception {
        simulate(
                42,
                WorkflowScript.builder()
                        .status("Queued")
                        .times(2)
                        .status("Completed", "NoError", "invoice-7")
                        .build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(r, """
                def r = waitForOcrWorkflow workflowId: '42', pollIntervalSeconds: 0.2
                echo "result=${r.result} status=${r.status} errorCode=${r.errorCode} ctx=${r.externalContext} server=${r.server} id=${r.workflowId} polls=${r.polls}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains(
                "result=PASSED status=Completed errorCode=NoError ctx=invoice-7 server=prod id=42 polls=3", b);
        r.assertLogContains("Waiting for OCR workflow 42 on prod (" + simulator.endpointUrl(), b);
        r.assertLogContains("status Queued", b);
        r.assertLogContains("status Completed", b);
        r.assertLogNotContains(Fixtures.PASSWORD, b);
    }

    @Test
    void failsWithOneMessageNamingEverything(JenkinsRule r) throws Exception {
        simulate(
                7,
                WorkflowScript.builder()
                        .status("ProcessingInput")
                        .status("Failed", "InputFileNotFound", "batch-9")
                        .build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(r, "waitForOcrWorkflow workflowId: 7, server: 'prod', pollIntervalSeconds: 0.2");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(
                "OCR workflow 7 on Cora server 'prod' ended FAILED: status Failed, error code InputFileNotFound,"
                        + " ExternalContext \"batch-9\".",
                b);
    }

    @Test
    void acceptedErrorCodePasses(JenkinsRule r) throws Exception {
        simulate(
                3,
                WorkflowScript.builder().status("Completed", "OutputFileExists").build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(
                r,
                "echo \"result=${waitForOcrWorkflow(workflowId: 3, acceptErrorCodes: 'OutputFileExists',"
                        + " pollIntervalSeconds: 0.2).result}\"");
        r.assertLogContains("result=PASSED", r.buildAndAssertSuccess(p));
    }

    @Test
    void unstableErrorCodeMarksStageAndBuild(JenkinsRule r) throws Exception {
        simulate(
                8,
                WorkflowScript.builder()
                        .status("Completed", "TimedOut", "slow-robot")
                        .build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(r, """
                def r = waitForOcrWorkflow workflowId: 8, unstableErrorCodes: 'TimedOut', pollIntervalSeconds: 0.2
                echo "after=${r.result}"
                """);
        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);
        r.assertLogContains("WARNING: OCR workflow 8 on Cora server 'prod' ended UNSTABLE", b);
        r.assertLogContains("after=UNSTABLE", b);
        FlowNode stepNode = stepNode(b);
        WarningAction warning = stepNode.getPersistentAction(WarningAction.class);
        assertNotNull(warning, "the step's node carries a WarningAction");
        assertEquals(Result.UNSTABLE, warning.getResult());
    }

    @Test
    void propagateFalseNeverFailsAndReturnsTheMap(JenkinsRule r) throws Exception {
        simulate(9, WorkflowScript.builder().status("Aborted", "InternalError").build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(r, """
                def r = waitForOcrWorkflow workflowId: 9, propagate: false, pollIntervalSeconds: 0.2
                echo "result=${r.result} status=${r.status} errorCode=${r.errorCode}"
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("result=FAILED status=Aborted errorCode=InternalError", b);
    }

    @Test
    void timesOutAtTheDeadline(JenkinsRule r) throws Exception {
        simulate(
                10,
                WorkflowScript.builder()
                        .status("ProcessingInput")
                        .forDuration(Duration.ofHours(1))
                        .build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(r, "waitForOcrWorkflow workflowId: 10, pollIntervalSeconds: 0.2, timeoutMinutes: 0.03");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("ended TIMED_OUT: status ProcessingInput", b);
    }

    @Test
    void credentialsFromAFolderAreFoundInTheRunsContext(JenkinsRule r) throws Exception {
        simulate(12, WorkflowScript.builder().status("Completed").build());
        Fixtures.onlyServer("prod", simulator, "cora-team");
        Folder folder = r.jenkins.createProject(Folder.class, "team");
        Fixtures.folderCredentials(folder, "cora-team", Fixtures.USER, Fixtures.PASSWORD);
        WorkflowJob inFolder = folder.createProject(WorkflowJob.class, "p");
        inFolder.setDefinition(
                new CpsFlowDefinition("waitForOcrWorkflow workflowId: 12, pollIntervalSeconds: 0.2", true));
        WorkflowRun b = r.buildAndAssertSuccess(inFolder);
        r.assertLogNotContains(Fixtures.PASSWORD, b);
        int requests = simulator.requests().size();

        // Outside the folder the credentials do not exist, and nothing is sent.
        WorkflowJob atRoot = job(r, "waitForOcrWorkflow workflowId: 12, pollIntervalSeconds: 0.2");
        r.assertLogContains(
                "The credentials 'cora-team' of Cora OCR server 'prod' were not found",
                r.buildAndAssertStatus(Result.FAILURE, atRoot));
        assertEquals(requests, simulator.requests().size());
    }

    @Test
    void rejectedCredentialsEndTheWaitAtOnceWithoutLeakingThePassword(JenkinsRule r) throws Exception {
        simulate(13, WorkflowScript.builder().status("Queued").build());
        String wrong = "Wr0ng-Pa55word";
        Fixtures.globalCredentials("cora", Fixtures.USER, wrong);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(r, "waitForOcrWorkflow workflowId: 13, pollIntervalSeconds: 0.2, maxErrors: 5");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("ended ERROR", b);
        r.assertLogNotContains(wrong, b);
        assertEquals(1, simulator.requests().size(), "an authentication failure is not retried");
    }

    @Test
    void missingCredentialsFailBeforeAnyRequest(JenkinsRule r) throws Exception {
        simulate(14, WorkflowScript.builder().status("Completed").build());
        Fixtures.onlyServer("prod", simulator, "no-such-credentials");
        WorkflowJob p = job(r, "waitForOcrWorkflow workflowId: 14");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("The credentials 'no-such-credentials' of Cora OCR server 'prod' were not found", b);
        assertTrue(simulator.requests().isEmpty());
    }

    @Test
    void propagateFalseTurnsMissingCredentialsIntoAnErrorResult(JenkinsRule r) throws Exception {
        simulate(18, WorkflowScript.builder().status("Completed").build());
        Fixtures.onlyServer("prod", simulator, "no-such-credentials");
        WorkflowRun b = r.buildAndAssertSuccess(
                job(r, "echo \"result=${waitForOcrWorkflow(workflowId: 18, propagate: false).result}\""));
        r.assertLogContains("result=ERROR", b);
        r.assertLogContains("The credentials 'no-such-credentials' of Cora OCR server 'prod' were not found", b);
        assertTrue(simulator.requests().isEmpty());
    }

    @Test
    void badArgumentsFailBeforeAnyRequestNamingTheParameter(JenkinsRule r) throws Exception {
        simulate(15, WorkflowScript.builder().status("Completed").build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        r.assertLogContains(
                "maxErrors: ",
                r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 15, maxErrors: 0")));
        r.assertLogContains(
                "acceptErrorCodes: unknown error code 'Bogus'",
                r.buildAndAssertStatus(
                        Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 15, acceptErrorCodes: 'Bogus'")));
        r.assertLogContains(
                "pollIntervalSeconds: ",
                r.buildAndAssertStatus(
                        Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 15, pollIntervalSeconds: 0.01")));
        r.assertLogContains(
                "timeoutMinutes: ",
                r.buildAndAssertStatus(
                        Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 15, timeoutMinutes: -1")));
        r.assertLogContains(
                "workflowId: must be a positive number",
                r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 0")));
        r.assertLogContains(
                "workflowId", r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 'abc'")));
        r.assertLogContains(
                "No Cora OCR server is named 'test'. Configured servers: 'prod'.",
                r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 15, server: 'test'")));
        assertTrue(simulator.requests().isEmpty());
    }

    @Test
    void serverMayBeOmittedOnlyWhenThereIsOne(JenkinsRule r) throws Exception {
        simulate(16, WorkflowScript.builder().status("Completed").build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        Fixtures.addServer("test", simulator, "cora");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 16"));
        r.assertLogContains(
                "Several Cora OCR servers are configured ('prod', 'test'); say which one with server: '<name>'.", b);
        r.assertLogContains(
                "server=test",
                r.buildAndAssertSuccess(job(
                        r,
                        "echo \"server=${waitForOcrWorkflow(workflowId: 16, server: 'test',"
                                + " pollIntervalSeconds: 0.2).server}\"")));
    }

    @Test
    void quietKeepsOnlyTheFinalLine(JenkinsRule r) throws Exception {
        simulate(
                17,
                WorkflowScript.builder().status("Queued").status("Completed").build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowRun b = r.buildAndAssertSuccess(
                job(r, "waitForOcrWorkflow workflowId: 17, quiet: true, pollIntervalSeconds: 0.2"));
        r.assertLogNotContains("Waiting for OCR workflow", b);
        r.assertLogNotContains("status Queued", b);
        r.assertLogContains("OCR workflow 17 PASSED", b);
    }

    @Test
    void abortStopsPollingAtOnce(JenkinsRule r) throws Exception {
        simulate(
                11,
                WorkflowScript.builder()
                        .status("ProcessingInput")
                        .forDuration(Duration.ofHours(1))
                        .build());
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator, "cora");
        WorkflowJob p = job(r, "waitForOcrWorkflow workflowId: 11, pollIntervalSeconds: 0.2");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("status ProcessingInput", b);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        int requests = simulator.requests().size();
        Thread.sleep(1500);
        assertEquals(requests, simulator.requests().size(), "no poll after the build was aborted");
    }

    @Test
    void snippetGeneratorWritesOnlyWhatDiffersFromTheDefaults(JenkinsRule r) {
        assertEquals("waitForOcrWorkflow 42", Snippetizer.object2Groovy(new WaitForOcrWorkflowStep(42)));
        WaitForOcrWorkflowStep step = new WaitForOcrWorkflowStep(42);
        step.setServer("prod");
        step.setUnstableErrorCodes("TimedOut");
        step.setPropagate(false);
        String snippet = Snippetizer.object2Groovy(step);
        assertTrue(snippet.startsWith("waitForOcrWorkflow "), snippet);
        assertTrue(snippet.contains("workflowId: 42"), snippet);
        assertTrue(snippet.contains("server: 'prod'"), snippet);
        assertTrue(snippet.contains("unstableErrorCodes: 'TimedOut'"), snippet);
        assertTrue(snippet.contains("propagate: false"), snippet);
        assertTrue(!snippet.contains("pollIntervalSeconds") && !snippet.contains("quiet"), snippet);
    }

    private static FlowNode stepNode(WorkflowRun b) {
        List<FlowNode> nodes = new DepthFirstScanner().allNodes(b.getExecution().getCurrentHeads());
        return nodes.stream()
                .filter(n -> "waitForOcrWorkflow".equals(n.getDisplayFunctionName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no waitForOcrWorkflow node in " + nodes));
    }
}
