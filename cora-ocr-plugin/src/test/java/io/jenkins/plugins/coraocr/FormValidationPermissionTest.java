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
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class FormValidationPermissionTest {

    @Test
    void onlyThoseWhoMayConfigureGetAnswersOrTriggerRequests(JenkinsRule r) throws Exception {
        try (CoraOcrSimulator simulator = CoraOcrSimulator.builder()
                .basicAuth(Fixtures.USER, Fixtures.PASSWORD)
                .start()) {
            Fixtures.globalCredentials("cora", Fixtures.USER, Fixtures.PASSWORD);
            Fixtures.globalCredentials("cora-wrong", Fixtures.USER, "not-the-password");
            Fixtures.onlyServer("prod", simulator, "cora");
            String url = simulator.endpointUrl().toString();
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");

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
                assertThrows(AccessDeniedException.class, () -> servers.doTestConnection(url, "cora", "1.1", "5", "5"));
                assertEquals(FormValidation.Kind.OK, step.doCheckServer(job, "no-such-server").kind);
                assertEquals(FormValidation.Kind.OK, step.doCheckWorkflowId(job, "abc").kind);
                assertTrue(step.doFillServerItems(job, "").isEmpty(), "no server names revealed");
            }
            assertTrue(simulator.requests().isEmpty(), "a user without ADMINISTER triggered a request");

            try (ACLContext ignored = ACL.as2(User.getById("developer", true).impersonate2())) {
                assertEquals(FormValidation.Kind.ERROR, step.doCheckServer(job, "no-such-server").kind);
                assertEquals(FormValidation.Kind.ERROR, step.doCheckWorkflowId(job, "abc").kind);
                assertEquals(FormValidation.Kind.ERROR, step.doCheckAcceptErrorCodes(job, "Bogus").kind);
                assertEquals(FormValidation.Kind.OK, step.doCheckUnstableErrorCodes(job, "TimedOut").kind);
                assertTrue(step.doFillServerItems(job, "").stream().anyMatch(o -> o.name.equals("prod")));
                assertThrows(AccessDeniedException.class, () -> servers.doTestConnection(url, "cora", "1.1", "5", "5"));
            }
            assertTrue(simulator.requests().isEmpty());

            try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
                assertEquals(FormValidation.Kind.ERROR, servers.doCheckUrl("ftp://nowhere", null).kind);
                assertEquals(FormValidation.Kind.WARNING, servers.doCheckUrl("http://cora.example.com", "cora").kind);
                assertEquals(FormValidation.Kind.OK, servers.doCheckUrl("https://cora.example.com", "cora").kind);
                assertEquals(FormValidation.Kind.ERROR, servers.doCheckName("not a name!").kind);
                assertEquals(FormValidation.Kind.WARNING, servers.doCheckCredentialsId("no-such-id", url).kind);
                ListBoxModel credentials = servers.doFillCredentialsIdItems("", url);
                assertTrue(credentials.stream().anyMatch(o -> o.value.equals("cora")));

                FormValidation reachable = servers.doTestConnection(url, "cora", "1.1", "5", "5");
                assertEquals(FormValidation.Kind.OK, reachable.kind, reachable.getMessage());
                assertTrue(reachable.getMessage().contains("NotFound"), reachable.getMessage());

                FormValidation rejected = servers.doTestConnection(url, "cora-wrong", "1.1", "5", "5");
                assertEquals(FormValidation.Kind.ERROR, rejected.kind);
                assertTrue(rejected.getMessage().contains("Authentication rejected"), rejected.getMessage());
                assertFalse(rejected.getMessage().contains("not-the-password"));

                FormValidation wrongPath = servers.doTestConnection(
                        url.replace("/SequenceServices/", "/NoSuchPath/"), "cora", "1.1", "5", "5");
                assertEquals(FormValidation.Kind.ERROR, wrongPath.kind, wrongPath.getMessage());

                FormValidation unreachable = servers.doTestConnection("http://127.0.0.1:1", null, "1.1", "2", "2");
                assertEquals(FormValidation.Kind.ERROR, unreachable.kind);
                assertTrue(unreachable.getMessage().contains("Cannot reach"), unreachable.getMessage());
            }
            assertFalse(simulator.requests().isEmpty());
        }
    }
}
