package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import hudson.PluginWrapper;
import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.net.URI;
import jenkins.model.Jenkins;
import org.apache.cxf.jaxws.DispatchImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * The step in a real Jenkins (its own JVM, plugins in their own class loaders, Spring in core): JenkinsRule puts
 * everything on one flat class path, so only here does CXF have to find its JAX-WS provider, StAX, JAXB and
 * bus factory from the plugin's class loader, as it will on a controller.
 */
class PluginClassLoaderTest {
    @RegisterExtension
    private final RealJenkinsExtension jenkins = new RealJenkinsExtension();

    private CoraOcrSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = CoraOcrSimulator.builder()
                .basicAuth(Fixtures.USER, Fixtures.PASSWORD)
                .scenario(Scenario.builder()
                        .workflow(
                                7,
                                WorkflowScript.builder()
                                        .status("Queued")
                                        .status("Completed", "NoError", "from-a-real-jenkins")
                                        .build())
                        .build())
                .start();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void theStepPollsWithTheClientAndCxfFromThePluginsOwnClassLoader() throws Throwable {
        String endpoint = simulator.endpointUrl().toString();
        jenkins.then((RealJenkinsExtension.Step) r -> waitsInARealJenkins(r, endpoint));
        assertEquals(2, simulator.requests().size());
    }

    private static void waitsInARealJenkins(JenkinsRule r, String endpoint) throws Exception {
        PluginWrapper client = Jenkins.get().getPluginManager().whichPlugin(CoraOcrClient.class);
        assertNotNull(client, "the client was not loaded by a plugin");
        assertEquals("cora-ocr", client.getShortName());
        PluginWrapper cxf = Jenkins.get().getPluginManager().whichPlugin(DispatchImpl.class);
        assertNotNull(cxf, "CXF was not loaded by a plugin");
        assertEquals("cora-ocr", cxf.getShortName());

        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", URI.create(endpoint), "cora");
        WorkflowJob p = r.createProject(WorkflowJob.class, "real");
        p.setDefinition(new CpsFlowDefinition(
                "def r = waitForOcrWorkflow workflowId: 7, pollIntervalSeconds: 0.2\n"
                        + "echo \"result=${r.result} ctx=${r.externalContext}\"",
                true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("result=PASSED ctx=from-a-real-jenkins", b);
        r.assertLogNotContains(Fixtures.PASSWORD, b);
    }
}
