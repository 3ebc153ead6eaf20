package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class SnippetGeneratorTest {

    @Test
    void snippetsRoundTripAndLeaveTheDefaultsOut(JenkinsRule r) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(new WaitForOcrWorkflowStep(42), "waitForOcrWorkflow 42");
        WaitForOcrWorkflowStep step = new WaitForOcrWorkflowStep("42");
        step.setServer("prod");
        step.setUnstableErrorCodes("TimedOut");
        step.setPollIntervalSeconds("0.5");
        step.setMaxErrors(10);
        step.setPropagate(false);
        snippets.assertRoundTrip(
                step,
                "waitForOcrWorkflow pollIntervalSeconds: 0.5, propagate: false, server: 'prod', unstableErrorCodes:"
                        + " 'TimedOut', workflowId: 42");
    }

    @Test
    void theFormOfTheSnippetGeneratorGivesASnippet(JenkinsRule r) throws Exception {
        new SnippetizerTester(r)
                .assertGenerateSnippet(
                        "{'stapler-class':'" + WaitForOcrWorkflowStep.class.getName() + "','workflowId':'42',"
                                + "'server':'','pollIntervalSeconds':'15','timeoutMinutes':'60','maxErrors':'10',"
                                + "'acceptErrorCodes':'','unstableErrorCodes':'','propagate':true,'quiet':false}",
                        "waitForOcrWorkflow 42",
                        null);
    }

    @Test
    void anEmptyWorkflowIdSaysItIsRequiredInsteadOfGivingASnippet(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        WebRequest request =
                new WebRequest(new URL(r.getURL(), p.getUrl() + Snippetizer.GENERATE_URL), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair(
                "json", "{'stapler-class':'" + WaitForOcrWorkflowStep.class.getName() + "','workflowId':''}")));
        wc.addCrumb(request);
        String answer = wc.getPage(request).getWebResponse().getContentAsString();
        assertTrue(answer.contains("workflowId: required"), answer);
        assertTrue(!answer.contains("waitForOcrWorkflow ''") && !answer.contains("waitForOcrWorkflow 0"), answer);
    }

    @Test
    void theFormsValuesAreCheckedAsThePipelinesAre(JenkinsRule r) throws Exception {
        WaitForOcrWorkflowStep.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(WaitForOcrWorkflowStep.DescriptorImpl.class);
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        assertEquals(
                "workflowId: required: the MasterWorkflowInstanceId that OCR FileBatch returned",
                descriptor.doCheckWorkflowId(p, "").getMessage());
        assertEquals(
                "maxErrors: &#039;2.5&#039; is not a whole number",
                descriptor.doCheckMaxErrors(p, "2.5").getMessage());
    }
}
