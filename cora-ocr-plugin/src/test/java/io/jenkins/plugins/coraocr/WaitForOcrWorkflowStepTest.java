package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import hudson.model.ItemGroup;
import hudson.model.Result;
import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy;
import io.jenkins.plugins.coraocr.client.testing.HostileServer;
import io.jenkins.plugins.coraocr.client.testing.NtlmServer;
import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import io.jenkins.plugins.coraocr.client.testing.TlsServer;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class WaitForOcrWorkflowStepTest {
    /** Upper bounds only: a loaded machine may take longer to build, never make a server faster. */
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private CoraOcrSimulator simulator;

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private void simulate(long workflowId, WorkflowScript script) throws Exception {
        simulator = CoraOcrSimulator.builder()
                .basicAuth(Fixtures.USER, Fixtures.PASSWORD)
                .scenario(Scenario.builder().workflow(workflowId, script).build())
                .start();
        Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.onlyServer("prod", simulator.endpointUrl(), "cora");
    }

    private static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void passesAndReturnsTheResultMap(JenkinsRule r) throws Exception {
        simulate(
                42,
                WorkflowScript.builder()
                        .status("Queued")
                        .times(2)
                        .status("Completed", "NoError", "invoice-7")
                        .build());
        WorkflowRun b = r.buildAndAssertSuccess(job(r, """
                def r = waitForOcrWorkflow workflowId: '42', pollIntervalSeconds: 0.2
                echo "result=${r.result} status=${r.status} errorCode=${r.errorCode} ctx=${r.externalContext} server=${r.server} id=${r.workflowId} polls=${r.polls}"
                """));
        r.assertLogContains(
                "result=PASSED status=Completed errorCode=NoError ctx=invoice-7 server=prod id=42 polls=3", b);
        r.assertLogContains(
                "Waiting for OCR workflow 42 on Cora server 'prod' (" + simulator.endpointUrl()
                        + "): SOAP 1.1, basic authentication, polling every 200ms, deadline ",
                b);
        r.assertLogContains("] status Queued (NoError)", b);
        r.assertLogContains("OCR workflow 42 on Cora server 'prod' PASSED: it completed without error.", b);
        r.assertLogNotContains(Fixtures.PASSWORD, b);
    }

    @Test
    void workflowIdTakesWhatPipelinesPass(JenkinsRule r) throws Exception {
        simulate(42, WorkflowScript.builder().status("Completed").build());
        for (String id : List.of("42", "'42'", "\"42\\n\"", "42L", "env.OCR_ID")) {
            WorkflowRun b = r.buildAndAssertSuccess(job(
                    r,
                    "withEnv(['OCR_ID=42']) { echo \"id=${waitForOcrWorkflow(workflowId: " + id
                            + ", pollIntervalSeconds: 0.2).workflowId}\" }"));
            r.assertLogContains("id=42", b);
        }
    }

    @Test
    void mistakesInTheArgumentsFailEvenWithPropagateFalseAndSendNothing(JenkinsRule r) throws Exception {
        simulate(15, WorkflowScript.builder().status("Completed").build());
        String[][] cases = {
            {"workflowId: 12.7", "workflowId: 12.7 is not a workflow id"},
            {"workflowId: 'abc'", "workflowId: 'abc' is not a workflow id"},
            {"workflowId: 0", "workflowId: 0 is not a workflow id"},
            {"workflowId: -1", "workflowId: -1 is not a workflow id"},
            {"workflowId: 18446744073709551616G", "workflowId: 18446744073709551616 is not a workflow id"},
            {"workflowId: 15, maxErrors: 2.5", "maxErrors: 2.5 is not a whole number"},
            {"workflowId: 15, pollIntervalSeconds: 0.01", "pollIntervalSeconds: must be at least 0.1 seconds"},
            {"workflowId: 15, acceptErrorCodes: 'Bogus'", "acceptErrorCodes: unknown error code 'Bogus'"},
            {"workflowId: 15, server: 'test'", "server: no Cora OCR server is named 'test'; configured servers: 'prod'"
            },
        };
        for (String[] c : cases) {
            WorkflowRun b =
                    r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow " + c[0] + ", propagate: false"));
            r.assertLogContains(c[1], b);
        }
        Fixtures.addServer("test", simulator.endpointUrl(), "cora");
        r.assertLogContains(
                "server: several Cora OCR servers are configured ('prod', 'test'); say which one with server: '<name>'",
                r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 15, propagate: false")));
        assertTrue(simulator.requests().isEmpty());
    }

    @Test
    void aFailedWorkflowFailsTheBuildWithOneMessageNamingEverything(JenkinsRule r) throws Exception {
        simulate(
                7,
                WorkflowScript.builder()
                        .status("ProcessingInput")
                        .status("Failed", "InputFileNotFound", "batch-9")
                        .build());
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 7, server: 'prod', pollIntervalSeconds: 0.2"));
        r.assertLogContains(
                "ERROR: OCR workflow 7 on Cora server 'prod' FAILED: it ended Failed with error code"
                        + " InputFileNotFound. Last status: Failed (InputFileNotFound), ExternalContext \"batch-9\". 2 polls in",
                b);
    }

    @Test
    void anUnstableCodeMarksTheStageAndTheBuild(JenkinsRule r) throws Exception {
        simulate(
                8,
                WorkflowScript.builder()
                        .status("Completed", "TimedOut", "slow-robot")
                        .build());
        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, job(r, """
                def r = waitForOcrWorkflow workflowId: 8, unstableErrorCodes: 'TimedOut', pollIntervalSeconds: 0.2
                echo "after=${r.result}"
                """));
        r.assertLogContains("WARNING: OCR workflow 8 on Cora server 'prod' UNSTABLE", b);
        r.assertLogContains("after=UNSTABLE", b);
        WarningAction warning = stepNode(b).getPersistentAction(WarningAction.class);
        assertNotNull(warning, "the step's node carries a WarningAction");
        assertEquals(Result.UNSTABLE, warning.getResult());
    }

    @Test
    void withoutPropagateEveryOutcomeAfterTheArgumentsComesBackAsTheMap(JenkinsRule r) throws Exception {
        simulate(9, WorkflowScript.builder().status("Aborted", "InternalError").build());
        r.assertLogContains(
                "result=FAILED status=Aborted errorCode=InternalError", r.buildAndAssertSuccess(job(r, """
                        def r = waitForOcrWorkflow workflowId: 9, propagate: false, pollIntervalSeconds: 0.2
                        echo "result=${r.result} status=${r.status} errorCode=${r.errorCode}"
                        """)));
        Fixtures.onlyServer("prod", simulator.endpointUrl(), "no-such-credentials");
        WorkflowRun missing = r.buildAndAssertSuccess(
                job(r, "echo \"result=${waitForOcrWorkflow(workflowId: 9, propagate: false).result}\""));
        r.assertLogContains("result=ERROR", missing);
        r.assertLogContains("The credentials 'no-such-credentials' of Cora OCR server 'prod' were not found", missing);
        assertEquals(1, simulator.requests().size(), "missing credentials send nothing");
    }

    @Test
    void theDeadlineEndsTheWait(JenkinsRule r) throws Exception {
        simulate(
                10,
                WorkflowScript.builder()
                        .status("ProcessingInput")
                        .forDuration(Duration.ofHours(1))
                        .build());
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE,
                job(r, "waitForOcrWorkflow workflowId: 10, pollIntervalSeconds: 0.2, timeoutMinutes: 0.03"));
        r.assertLogContains("TIMED_OUT: the 1.8s timeout ran out before a final status", b);
    }

    @Test
    void credentialsFromAFolderAreFoundInTheRunsContext(JenkinsRule r) throws Exception {
        simulate(12, WorkflowScript.builder().status("Completed").build());
        Fixtures.onlyServer("prod", simulator.endpointUrl(), "cora-team");
        Folder folder = r.jenkins.createProject(Folder.class, "team");
        Fixtures.folderCredentials(folder, "cora-team", Fixtures.USER, Fixtures.PASSWORD);
        WorkflowJob inFolder = folder.createProject(WorkflowJob.class, "p");
        inFolder.setDefinition(
                new CpsFlowDefinition("waitForOcrWorkflow workflowId: 12, pollIntervalSeconds: 0.2", true));
        r.assertLogNotContains(Fixtures.PASSWORD, r.buildAndAssertSuccess(inFolder));
        int requests = simulator.requests().size();

        WorkflowRun atRoot = r.buildAndAssertStatus(
                Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 12, pollIntervalSeconds: 0.2"));
        r.assertLogContains("The credentials 'cora-team' of Cora OCR server 'prod' were not found", atRoot);
        assertEquals(requests, simulator.requests().size());
    }

    @Test
    void rejectedCredentialsEndTheWaitAtOnceSayingWhatToChange(JenkinsRule r) throws Exception {
        simulate(13, WorkflowScript.builder().status("Queued").build());
        String wrong = "Wr0ng-Pa55word";
        Fixtures.globalCredentials("cora-wrong", Fixtures.USER, wrong);
        Fixtures.onlyServer("prod", simulator.endpointUrl(), "cora-wrong");
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 13, pollIntervalSeconds: 0.2, maxErrors: 5"));
        r.assertLogContains(
                "ERROR: could not read the status: HTTP 401 Unauthorized: the server rejected the user name or"
                        + " password",
                b);
        r.assertLogContains(
                "To fix: Check the user name and password (the server's credentials under Manage Jenkins »"
                        + " System » Cora OCR, or a folder's credentials with that id).",
                b);
        r.assertLogNotContains(wrong, b);
        assertEquals(1, simulator.requests().size(), "an authentication failure is not retried");
    }

    @Test
    void aWindowsOnlyServerSaysWhichFieldToChangeAndNtlmLogsOn(JenkinsRule r) throws Exception {
        try (NtlmServer windows = NtlmServer.start(Fixtures.USER, "CORP", Fixtures.PASSWORD)) {
            Fixtures.globalCredentials("windows", "CORP\\" + Fixtures.USER, Fixtures.PASSWORD);
            CoraOcrServer server = Fixtures.onlyServer("prod", URI.create(windows.endpointUrl()), "windows");
            WorkflowRun basic = r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 4"));
            r.assertLogContains(
                    "To fix: Choose Windows authentication (the server's Authentication field: NTLM under"
                            + " Manage Jenkins » System » Cora OCR) with a DOMAIN\\user name.",
                    basic);
            assertEquals(1, windows.requests().size());

            server.setAuthentication(Authentication.NTLM);
            CoraOcrGlobalConfiguration.get().setServers(List.of(server));
            WorkflowRun ntlm = r.buildAndAssertSuccess(job(r, "waitForOcrWorkflow workflowId: 4"));
            r.assertLogContains("SOAP 1.1, ntlm authentication", ntlm);
            assertEquals(1, windows.succeededLogons().size());
            r.assertLogNotContains(Fixtures.PASSWORD, ntlm);
        }
    }

    @Test
    void aCompanyCaIsTrustedThroughTheServersField(JenkinsRule r) throws Exception {
        try (TlsServer tls = TlsServer.start(TestCertificates.localhost())) {
            CoraOcrServer server = Fixtures.onlyServer("prod", URI.create(tls.endpointUrl()), null);
            WorkflowRun untrusted = r.buildAndAssertStatus(Result.FAILURE, job(r, "waitForOcrWorkflow workflowId: 4"));
            r.assertLogContains("the server's certificate is not trusted: subject ", untrusted);
            r.assertLogContains("the server's Trusted CA certificates field", untrusted);

            server.setTrustedCertificates(TestCertificates.authority().pem());
            CoraOcrGlobalConfiguration.get().setServers(List.of(server));
            r.buildAndAssertSuccess(job(r, "waitForOcrWorkflow workflowId: 4"));
            assertEquals(1, tls.requests().size());
        }
    }

    @Test
    void requestsGoThroughJenkinsProxyUnlessItsNoProxyHostsNameTheServer(JenkinsRule r) throws Exception {
        simulate(5, WorkflowScript.builder().status("Completed").build());
        try (ForwardingProxy proxy =
                ForwardingProxy.builder().basicAuth("proxy-user", "proxy-pw").start()) {
            r.jenkins.setProxy(
                    new ProxyConfiguration("127.0.0.1", proxy.port(), "proxy-user", "proxy-pw", "cora.example.com"));
            WorkflowRun proxied = r.buildAndAssertSuccess(job(r, "waitForOcrWorkflow workflowId: 5"));
            r.assertLogContains("through the proxy 127.0.0.1:" + proxy.port(), proxied);
            assertTrue(proxy.requests().stream()
                    .anyMatch(request -> request.outcome() == ForwardingProxy.Outcome.FORWARDED));
            r.assertLogNotContains("proxy-pw", proxied);

            int proxiedRequests = proxy.requests().size();
            r.jenkins.setProxy(
                    new ProxyConfiguration("127.0.0.1", proxy.port(), "proxy-user", "proxy-pw", "127.0.0.*"));
            r.buildAndAssertSuccess(job(r, "waitForOcrWorkflow workflowId: 5"));
            assertEquals(proxiedRequests, proxy.requests().size(), "a no-proxy host is reached directly");
        }
    }

    @Test
    void quietKeepsOnlyTheFinalLine(JenkinsRule r) throws Exception {
        simulate(
                17,
                WorkflowScript.builder().status("Queued").status("Completed").build());
        WorkflowRun b = r.buildAndAssertSuccess(
                job(r, "waitForOcrWorkflow workflowId: 17, quiet: true, pollIntervalSeconds: 0.2"));
        r.assertLogNotContains("Waiting for OCR workflow", b);
        r.assertLogNotContains("status Queued", b);
        r.assertLogContains("OCR workflow 17 on Cora server 'prod' PASSED", b);
    }

    @Test
    void abortingTheBuildAbortsThePollInFlight(JenkinsRule r) throws Exception {
        try (HostileServer stalling = HostileServer.start(HostileServer.stallHeaders())) {
            patient("prod", URI.create(stalling.endpointUrl()));
            WorkflowRun b = job(r, "waitForOcrWorkflow workflowId: 11")
                    .scheduleBuild2(0)
                    .waitForStart();
            stalling.awaitRequests(1, GENEROUS);
            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            int connection = stalling.connections().get(0).id();
            assertTrue(stalling.awaitClosedByClient(connection, GENEROUS).closedByClient());
            assertEquals(1, stalling.requests().size());
        }
    }

    @Test
    void anEnclosingTimeoutEndsTheStepPromptlyAndNoRequestFollows(JenkinsRule r) throws Exception {
        try (HostileServer stalling = HostileServer.start(HostileServer.stallHeaders())) {
            patient("prod", URI.create(stalling.endpointUrl()));
            WorkflowRun b = r.buildAndAssertStatus(
                    Result.ABORTED,
                    job(
                            r,
                            "timeout(time: 5, unit: 'SECONDS') { waitForOcrWorkflow workflowId: 11, pollIntervalSeconds: 0.2 }"));
            // The timeout step kills a step that ignores it only after a grace period, and says so.
            r.assertLogNotContains("terminating with extreme prejudice", b);
            int connection = stalling.connections().get(0).id();
            assertTrue(stalling.awaitClosedByClient(connection, GENEROUS).closedByClient());
            assertEquals(1, stalling.requests().size());
        }
    }

    @Test
    void abortingWhileTheCredentialsAreStillLookedUpSendsNothing(JenkinsRule r) throws Exception {
        simulate(19, WorkflowScript.builder().status("Completed").build());
        Fixtures.onlyServer("prod", simulator.endpointUrl(), "slow");
        SlowCredentials.arm();
        try {
            WorkflowRun b = job(r, "waitForOcrWorkflow workflowId: 19")
                    .scheduleBuild2(0)
                    .waitForStart();
            SlowCredentials.awaitLookup();
            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        } finally {
            SlowCredentials.release();
        }
        // The lookup ends after the abort; nothing may be sent for a build that is over.
        SlowCredentials.awaitReturned();
        assertTrue(simulator.requests().isEmpty());
    }

    /** A server whose calls only the step's end can cut short: its read timeout is far away. */
    private static void patient(String name, URI endpoint) {
        CoraOcrServer server = Fixtures.server(name, endpoint, null);
        server.setReadTimeoutSeconds(3600);
        CoraOcrGlobalConfiguration.get().setServers(List.of(server));
    }

    private static FlowNode stepNode(WorkflowRun b) {
        List<FlowNode> nodes = new DepthFirstScanner().allNodes(b.getExecution().getCurrentHeads());
        return nodes.stream()
                .filter(n -> "waitForOcrWorkflow".equals(n.getDisplayFunctionName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no waitForOcrWorkflow node in " + nodes));
    }

    /**
     * A credentials store as slow as a remote vault can be: a lookup blocks until the test lets it go on. Nested,
     * because the harness registers a test extension only for tests of the class that encloses it.
     */
    @TestExtension("abortingWhileTheCredentialsAreStillLookedUpSendsNothing")
    public static final class SlowCredentials extends CredentialsProvider {
        private static volatile CountDownLatch entered = new CountDownLatch(0);
        private static volatile CountDownLatch proceed = new CountDownLatch(0);
        private static volatile CountDownLatch returned = new CountDownLatch(0);

        static void arm() {
            entered = new CountDownLatch(1);
            proceed = new CountDownLatch(1);
            returned = new CountDownLatch(1);
        }

        static void awaitLookup() throws InterruptedException {
            if (!entered.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the step never looked its credentials up");
            }
        }

        static void release() {
            proceed.countDown();
        }

        static void awaitReturned() throws InterruptedException {
            if (!returned.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the lookup never returned");
            }
        }

        @NonNull
        @Override
        @SuppressWarnings("rawtypes") // as the method it overrides
        public <C extends Credentials> List<C> getCredentialsInItemGroup(
                @NonNull Class<C> type,
                ItemGroup itemGroup,
                org.springframework.security.core.Authentication authentication,
                @NonNull List<DomainRequirement> domainRequirements) {
            if (entered.getCount() > 0) {
                entered.countDown();
                try {
                    proceed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                returned.countDown();
            }
            UsernamePasswordCredentialsImpl slow;
            try {
                slow = new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "slow", "slow vault", Fixtures.USER, Fixtures.PASSWORD);
            } catch (hudson.model.Descriptor.FormException e) {
                throw new IllegalStateException(e);
            }
            return type.isInstance(slow) ? List.of(type.cast(slow)) : List.of();
        }
    }
}
