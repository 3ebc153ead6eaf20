package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void importsExportsAndRemovesTheLastServer(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<CoraOcrServer> servers = CoraOcrGlobalConfiguration.get().getServers();
        assertEquals(2, servers.size());
        CoraOcrServer prod = servers.get(0);
        assertEquals("prod", prod.getName());
        assertEquals("https://cora.example.com", prod.getUrl());
        assertEquals("cora-prod", prod.getCredentialsId());
        assertEquals("1.2", prod.getSoapVersion());
        assertEquals(5, prod.getConnectTimeoutSeconds());
        assertEquals(60, prod.getReadTimeoutSeconds());
        CoraOcrServer test = servers.get(1);
        assertEquals("test", test.getName());
        assertNull(test.getCredentialsId());
        assertEquals("1.1", test.getSoapVersion());
        assertEquals(CoraOcrServer.DEFAULT_CONNECT_TIMEOUT_SECONDS, test.getConnectTimeoutSeconds());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("coraOcr");
        String yaml = Util.toYamlString(exported);
        assertTrue(yaml.contains("name: \"prod\""), yaml);
        assertTrue(yaml.contains("url: \"https://cora.example.com\""), yaml);
        assertTrue(yaml.contains("credentialsId: \"cora-prod\""), yaml);
        assertTrue(yaml.contains("soapVersion: \"1.2\""), yaml);
        assertTrue(yaml.contains("name: \"test\""), yaml);

        // The same configuration applied again is idempotent ...
        ConfigurationAsCode.get().configure(getClass().getResource("casc.yml").toExternalForm());
        assertEquals(servers, CoraOcrGlobalConfiguration.get().getServers());
        // ... and an empty list removes every server, the last one included.
        ConfigurationAsCode.get()
                .configure(getClass().getResource("casc-no-servers.yml").toExternalForm());
        assertTrue(CoraOcrGlobalConfiguration.get().getServers().isEmpty());
    }
}
