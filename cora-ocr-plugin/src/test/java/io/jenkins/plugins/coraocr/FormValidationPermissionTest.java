package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.coraocr.client.testing.NtlmServer;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class FormValidationPermissionTest {
    private static final String TEST_CONNECTION =
            "descriptorByName/io.jenkins.plugins.coraocr.CoraOcrServer/testConnection";

    private static void secure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("developer"));
    }

    @Test
    void onlyThoseWhoMayConfigureGetAnswersOrTriggerRequests(JenkinsRule r) throws Exception {
        try (CoraOcrSimulator simulator = CoraOcrSimulator.builder()
                .basicAuth(Fixtures.USER, Fixtures.PASSWORD)
                .start()) {
            Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
            Fixtures.globalCredentials("cora-wrong", Fixtures.USER, "not-the-password");
            Fixtures.onlyServer("prod", simulator.endpointUrl(), "cora");
            String url = simulator.endpointUrl().toString();
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            secure(r);

            CoraOcrServer.DescriptorImpl servers = r.jenkins.getDescriptorByType(CoraOcrServer.DescriptorImpl.class);
            WaitForOcrWorkflowStep.DescriptorImpl step =
                    r.jenkins.getDescriptorByType(WaitForOcrWorkflowStep.DescriptorImpl.class);

            try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
                assertEquals(FormValidation.Kind.OK, servers.doCheckUrl("ftp://nowhere", "cora").kind);
                assertEquals(FormValidation.Kind.OK, servers.doCheckName("not a name!").kind);
                assertEquals(FormValidation.Kind.OK, servers.doCheckCredentialsId("no-such-id", url).kind);
                ListBoxModel credentials = servers.doFillCredentialsIdItems("", url);
                assertTrue(
                        credentials.stream().noneMatch(o -> o.value.startsWith("cora")), "no credential ids revealed");
                assertThrows(
                        AccessDeniedException.class,
                        () -> servers.doTestConnection(url, "cora", "BASIC", "", "1.1", "5", "5"));
                assertEquals(FormValidation.Kind.OK, step.doCheckServer(job, "no-such-server").kind);
                assertEquals(FormValidation.Kind.OK, step.doCheckWorkflowId(job, "abc").kind);
                assertTrue(step.doFillServerItems(job, "").isEmpty(), "no server names revealed");
            }
            assertTrue(simulator.requests().isEmpty(), "a user without ADMINISTER triggered a request");

            try (ACLContext ignored = ACL.as2(User.getById("developer", true).impersonate2())) {
                assertEquals(FormValidation.Kind.ERROR, step.doCheckServer(job, "no-such-server").kind);
                assertEquals(FormValidation.Kind.ERROR, step.doCheckWorkflowId(job, "abc").kind);
                assertEquals(FormValidation.Kind.ERROR, step.doCheckWorkflowId(job, "").kind);
                assertEquals(FormValidation.Kind.ERROR, step.doCheckMaxErrors(job, "2.5").kind);
                assertEquals(FormValidation.Kind.ERROR, step.doCheckAcceptErrorCodes(job, "Bogus").kind);
                assertEquals(FormValidation.Kind.OK, step.doCheckUnstableErrorCodes(job, "TimedOut").kind);
                assertTrue(step.doFillServerItems(job, "").stream().anyMatch(o -> o.name.equals("prod")));
                assertThrows(
                        AccessDeniedException.class,
                        () -> servers.doTestConnection(url, "cora", "BASIC", "", "1.1", "5", "5"));
            }
            assertTrue(simulator.requests().isEmpty());

            try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
                assertEquals(FormValidation.Kind.ERROR, servers.doCheckUrl("ftp://nowhere", null).kind);
                assertEquals(FormValidation.Kind.WARNING, servers.doCheckUrl("http://cora.example.com", "cora").kind);
                assertEquals(FormValidation.Kind.OK, servers.doCheckUrl("https://cora.example.com", "cora").kind);
                assertEquals(FormValidation.Kind.ERROR, servers.doCheckName("not a name!").kind);
                assertEquals(FormValidation.Kind.WARNING, servers.doCheckCredentialsId("no-such-id", url).kind);
                assertEquals(FormValidation.Kind.ERROR, servers.doCheckTrustedCertificates("not a certificate").kind);
                assertTrue(servers.doFillCredentialsIdItems("", url).stream().anyMatch(o -> o.value.equals("cora")));

                FormValidation reachable = servers.doTestConnection(url, "cora", "BASIC", "", "1.1", "5", "5");
                assertEquals(FormValidation.Kind.OK, reachable.kind, reachable.getMessage());
                assertTrue(reachable.getMessage().contains("NotFound"), reachable.getMessage());

                FormValidation rejected = servers.doTestConnection(url, "cora-wrong", "BASIC", "", "1.1", "5", "5");
                assertEquals(FormValidation.Kind.ERROR, rejected.kind);
                assertTrue(rejected.getMessage().contains("rejected the user name or password"), rejected.getMessage());
                assertFalse(rejected.getMessage().contains("not-the-password"));

                FormValidation wrongPath = servers.doTestConnection(
                        url.replace("/SequenceServices/", "/NoSuchPath/"), "cora", "BASIC", "", "1.1", "5", "5");
                assertEquals(FormValidation.Kind.ERROR, wrongPath.kind, wrongPath.getMessage());

                FormValidation unreachable =
                        servers.doTestConnection("http://127.0.0.1:1", null, "BASIC", "", "1.1", "2", "2");
                assertEquals(FormValidation.Kind.WARNING, unreachable.kind);
                assertTrue(unreachable.getMessage().contains("connection refused"), unreachable.getMessage());
            }
            assertFalse(simulator.requests().isEmpty());
        }
    }

    @Test
    void testConnectionTellsARejectedWindowsLogonFromARejectedBasicLogin(JenkinsRule r) throws Exception {
        try (NtlmServer windows = NtlmServer.start(Fixtures.USER, "CORP", Fixtures.PASSWORD)) {
            Fixtures.globalCredentials("windows-wrong", "CORP\\" + Fixtures.USER, "wrong");
            Fixtures.globalCredentials("windows-right", "CORP\\" + Fixtures.USER, Fixtures.PASSWORD);
            CoraOcrServer.DescriptorImpl servers = r.jenkins.getDescriptorByType(CoraOcrServer.DescriptorImpl.class);
            String url = windows.endpointUrl();

            FormValidation rejected = servers.doTestConnection(url, "windows-wrong", "NTLM", "", "1.1", "5", "5");
            assertEquals(FormValidation.Kind.ERROR, rejected.kind);
            assertTrue(
                    rejected.getMessage().contains("rejected the Windows logon of CORP\\" + Fixtures.USER),
                    rejected.getMessage());

            FormValidation basicChosen = servers.doTestConnection(url, "windows-right", "BASIC", "", "1.1", "5", "5");
            assertTrue(
                    basicChosen.getMessage().contains("the server's Authentication field: NTLM"),
                    basicChosen.getMessage());

            FormValidation ntlm = servers.doTestConnection(url, "windows-right", "NTLM", "", "1.1", "5", "5");
            assertEquals(FormValidation.Kind.OK, ntlm.kind, ntlm.getMessage());
            assertEquals(1, windows.failedLogons().size());
        }
    }

    @Test
    void testConnectionOverHttpRefusesGetsAndPostsWithoutCrumbAndNonAdministrators(JenkinsRule r) throws Exception {
        try (CoraOcrSimulator simulator = CoraOcrSimulator.start()) {
            secure(r);
            URL endpoint = new URL(r.getURL(), TEST_CONNECTION);
            List<NameValuePair> form = List.of(
                    new NameValuePair("url", simulator.endpointUrl().toString()),
                    new NameValuePair("authentication", "BASIC"),
                    new NameValuePair("soapVersion", "1.1"));

            // Even an administrator's GET is refused (an anonymous one never gets past Overall/Read).
            JenkinsRule.WebClient admin = r.createWebClient()
                    .withThrowExceptionOnFailingStatusCode(false)
                    .login("admin");
            WebRequest get = new WebRequest(endpoint, HttpMethod.GET);
            get.setRequestParameters(form);
            assertEquals(405, admin.getPage(get).getWebResponse().getStatusCode());

            WebRequest noCrumb = new WebRequest(endpoint, HttpMethod.POST);
            noCrumb.setRequestParameters(form);
            assertEquals(403, admin.getPage(noCrumb).getWebResponse().getStatusCode());

            JenkinsRule.WebClient reader = r.createWebClient()
                    .withThrowExceptionOnFailingStatusCode(false)
                    .login("reader");
            WebRequest asReader = new WebRequest(endpoint, HttpMethod.POST);
            asReader.setRequestParameters(form);
            reader.addCrumb(asReader);
            assertEquals(403, reader.getPage(asReader).getWebResponse().getStatusCode());
            assertTrue(simulator.requests().isEmpty(), "a refused request reached the server");

            WebRequest asAdmin = new WebRequest(endpoint, HttpMethod.POST);
            asAdmin.setRequestParameters(form);
            admin.addCrumb(asAdmin);
            String answer = admin.getPage(asAdmin).getWebResponse().getContentAsString();
            assertTrue(answer.contains("Reachable"), answer);
            assertEquals(1, simulator.requests().size());
        }
    }
}
