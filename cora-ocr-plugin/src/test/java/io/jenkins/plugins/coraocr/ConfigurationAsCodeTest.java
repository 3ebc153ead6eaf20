package io.jenkins.plugins.coraocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.coraocr.client.Authentication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void importsExportsExactlyAndRemovesTheLastServer(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<CoraOcrServer> servers = CoraOcrGlobalConfiguration.get().getServers();
        assertEquals(2, servers.size());
        CoraOcrServer prod = servers.get(0);
        assertEquals("prod", prod.getName());
        assertEquals("https://cora.example.com", prod.getUrl());
        assertEquals("cora-prod", prod.getCredentialsId());
        assertEquals(Authentication.NTLM, prod.getAuthentication());
        assertEquals("1.2", prod.getSoapVersion());
        assertEquals(5, prod.getConnectTimeoutSeconds());
        assertEquals(60, prod.getReadTimeoutSeconds());
        CoraOcrServer test = servers.get(1);
        assertNull(test.getCredentialsId());
        assertEquals(Authentication.BASIC, test.getAuthentication());

        // The export, read back as data: every value that differs from the defaults, and nothing else.
        String yaml = Util.toYamlString(Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("coraOcr"));
        Map<String, Object> prodExport = new LinkedHashMap<>();
        prodExport.put("authentication", "NTLM");
        prodExport.put("connectTimeoutSeconds", 5);
        prodExport.put("credentialsId", "cora-prod");
        prodExport.put("name", "prod");
        prodExport.put("readTimeoutSeconds", 60);
        prodExport.put("soapVersion", "1.2");
        prodExport.put("url", "https://cora.example.com");
        Map<String, Object> testExport = new LinkedHashMap<>();
        testExport.put("name", "test");
        testExport.put("url", "http://cora-test.example.com/SequenceServices/coraOcrIntegration_v1.0.0.asmx");
        assertEquals(Map.of("servers", List.of(prodExport, testExport)), new Yaml().load(yaml), yaml);

        // The same configuration applied again changes nothing ...
        ConfigurationAsCode.get().configure(getClass().getResource("casc.yml").toExternalForm());
        List<CoraOcrServer> again = CoraOcrGlobalConfiguration.get().getServers();
        for (int i = 0; i < servers.size(); i++) {
            r.assertEqualDataBoundBeans(servers.get(i), again.get(i));
        }
        // ... and an empty list removes every server, the last one included.
        ConfigurationAsCode.get()
                .configure(getClass().getResource("casc-no-servers.yml").toExternalForm());
        assertTrue(CoraOcrGlobalConfiguration.get().getServers().isEmpty());
    }

    @Test
    @ConfiguredWithCode("casc-no-servers.yml")
    void aBrokenCertificateIsRefusedNamingItsPosition(JenkinsConfiguredWithCodeRule r) {
        ConfiguratorException refused = assertThrows(
                ConfiguratorException.class,
                () -> ConfigurationAsCode.get()
                        .configure(getClass()
                                .getResource("casc-broken-certificate.yml")
                                .toExternalForm()));
        String messages = messages(refused);
        assertTrue(
                messages.contains("trustedCertificates: certificate 1 (line 1) is not an X.509 certificate"), messages);
        assertTrue(CoraOcrGlobalConfiguration.get().getServers().isEmpty());
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
