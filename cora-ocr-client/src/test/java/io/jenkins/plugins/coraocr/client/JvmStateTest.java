package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.apache.cxf.BusFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client lives inside other people's JVMs (a Jenkins controller, a build tool). Building one, calling
 * with every authentication and a proxy, failing, and closing it must leave the JVM's defaults as they were.
 */
class JvmStateTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void aClientsWholeLifeLeavesTheJvmsDefaultsAlone() throws Exception {
        Map<String, Object> before = jvmDefaults();

        server.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("WWW-Authenticate", "NTLM")
                        .withHeader("WWW-Authenticate", "Basic realm=\"cora\"")));
        try (CoraOcrClient basic = CoraOcrClient.builder(server.baseUrl())
                        .credentials("bot", "pw")
                        .build();
                CoraOcrClient ntlm = CoraOcrClient.builder(server.baseUrl())
                        .authentication(Authentication.NTLM)
                        .credentials("CORP\\bot", "pw")
                        .build();
                CoraOcrClient proxied = CoraOcrClient.builder("https://cora.example.com")
                        .proxy(ProxySettings.of("127.0.0.1", server.getPort()).withCredentials("proxy-user", "pw"))
                        .trustedCertificates(TrustedCertificates.none())
                        .build()) {
            assertThat(catchThrowableOfType(CoraOcrException.class, () -> basic.getStatus(1)))
                    .isNotNull();
            assertThat(catchThrowableOfType(CoraOcrException.class, () -> ntlm.getStatus(1)))
                    .isNotNull();
            assertThat(catchThrowableOfType(CoraOcrException.class, () -> proxied.getStatus(1)))
                    .isNotNull();
        }

        assertThat(jvmDefaults()).isEqualTo(before);
    }

    private static Map<String, Object> jvmDefaults() throws Exception {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("Authenticator", Objects.toString(Authenticator.getDefault()));
        defaults.put("ProxySelector", ProxySelector.getDefault());
        defaults.put("CookieHandler", Objects.toString(CookieHandler.getDefault()));
        defaults.put("ResponseCache", Objects.toString(ResponseCache.getDefault()));
        defaults.put("SSLContext", SSLContext.getDefault());
        defaults.put("HttpsURLConnection socket factory", HttpsURLConnection.getDefaultSSLSocketFactory());
        defaults.put("HttpsURLConnection host name verifier", HttpsURLConnection.getDefaultHostnameVerifier());
        defaults.put("default CXF bus", Objects.toString(BusFactory.getDefaultBus(false)));
        defaults.put("system properties", new HashMap<>(System.getProperties()));
        return defaults;
    }
}
