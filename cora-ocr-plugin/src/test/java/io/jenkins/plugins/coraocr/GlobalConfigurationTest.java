package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import java.util.List;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.jvnet.hudson.test.junit.jupiter.WithLocalData;
import org.kohsuke.stapler.StaplerRequest2;

@WithJenkins
class GlobalConfigurationTest {

    private static CoraOcrServer server(String name, String url) {
        CoraOcrServer server = new CoraOcrServer(name, url);
        server.setCredentialsId("cora-" + name);
        server.setAuthentication(Authentication.NTLM);
        server.setTrustedCertificates(TestCertificates.twoAuthoritiesPem());
        server.setSoapVersion("1.2");
        server.setConnectTimeoutSeconds(7);
        server.setReadTimeoutSeconds(45);
        return server;
    }

    @Test
    void formRoundTripKeepsEveryField(JenkinsRule r) throws Exception {
        Fixtures.globalCredentials("cora-prod", Fixtures.USER, Fixtures.PASSWORD);
        Fixtures.globalCredentials("cora-test", Fixtures.USER, Fixtures.PASSWORD);
        List<CoraOcrServer> servers =
                List.of(server("prod", "https://cora.example.com"), server("test", "http://cora-test.example.com"));
        CoraOcrGlobalConfiguration.get().setServers(servers);
        r.configRoundtrip();
        List<CoraOcrServer> after = CoraOcrGlobalConfiguration.get().getServers();
        assertEquals(servers.size(), after.size());
        for (int i = 0; i < servers.size(); i++) {
            r.assertEqualDataBoundBeans(servers.get(i), after.get(i));
        }
    }

    @Test
    @WithLocalData
    void aConfigurationWrittenByHandTakesTheDefaults(JenkinsRule r) {
        CoraOcrServer prod = CoraOcrGlobalConfiguration.get().server("prod").orElseThrow();
        assertEquals("https://cora.example.com", prod.getUrl());
        assertEquals("cora", prod.getCredentialsId());
        assertEquals(Authentication.BASIC, prod.getAuthentication());
        assertEquals("1.1", prod.getSoapVersion());
        assertEquals(10, prod.getConnectTimeoutSeconds());
        assertEquals(30, prod.getReadTimeoutSeconds());
    }

    @Test
    void aFormWithoutServersRemovesTheLastOne(JenkinsRule r) throws Exception {
        CoraOcrGlobalConfiguration config = CoraOcrGlobalConfiguration.get();
        config.setServers(List.of(server("prod", "https://cora.example.com")));
        // The form sends no "servers" key at all once the last entry is deleted; no binding happens then.
        config.configure((StaplerRequest2) null, new JSONObject());
        assertTrue(config.getServers().isEmpty());
    }

    @Test
    void namesMustBeUniqueAndEveryFieldUsable(JenkinsRule r) {
        CoraOcrGlobalConfiguration config = CoraOcrGlobalConfiguration.get();
        IllegalArgumentException duplicate = assertThrows(
                IllegalArgumentException.class,
                () -> config.setServers(
                        List.of(server("prod", "https://a.example.com"), server("PROD", "https://b.example.com"))));
        assertTrue(duplicate.getMessage().contains("'PROD'"), duplicate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CoraOcrServer("prod", "ftp://cora.example.com"));
        IllegalArgumentException credentialsInUrl = assertThrows(
                IllegalArgumentException.class, () -> new CoraOcrServer("prod", "https://user:pw@cora.example.com"));
        assertTrue(!credentialsInUrl.getMessage().contains("pw@"), credentialsInUrl.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CoraOcrServer("has space", "https://cora.example.com"));
        CoraOcrServer server = server("prod", "https://cora.example.com");
        assertThrows(IllegalArgumentException.class, () -> server.setReadTimeoutSeconds(0));
        assertThrows(IllegalArgumentException.class, () -> server.setSoapVersion("2.0"));
        IllegalArgumentException pem = assertThrows(
                IllegalArgumentException.class, () -> server.setTrustedCertificates(TestCertificates.brokenPem()));
        assertTrue(pem.getMessage().startsWith("trustedCertificates: certificate 1 (line 1)"), pem.getMessage());
    }
}
