package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy;
import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import io.jenkins.plugins.coraocr.client.testing.TlsServer;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Through a real forwarding proxy on 127.0.0.1: plain requests, CONNECT tunnels, proxy logons, bypass. */
class ProxyTest {
    private CoraOcrSimulator simulator;
    private ForwardingProxy proxy;

    @BeforeEach
    void start() {
        simulator = CoraOcrSimulator.builder().basicAuth("bot", "pw").start();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        simulator.close();
    }

    private CoraOcrClient.Builder viaProxy(String url, ProxySettings settings) {
        return CoraOcrClient.builder(url).credentials("bot", "pw").proxy(settings);
    }

    @Test
    void plainHttpGoesThroughTheProxy() throws Exception {
        proxy = ForwardingProxy.start();
        try (CoraOcrClient client = viaProxy(
                        simulator.endpointUrl().toString(), ProxySettings.of("127.0.0.1", proxy.port()))
                .build()) {
            assertThat(client.getStatus(5).status()).isEqualTo(OcrStatus.NOT_FOUND);
            assertThat(client.proxy()).isPresent();
        }
        assertThat(proxy.requests()).singleElement().satisfies(request -> {
            assertThat(request.outcome()).isEqualTo(ForwardingProxy.Outcome.FORWARDED);
            assertThat(request.target()).isEqualTo(simulator.endpointUrl().toString());
        });
        assertThat(simulator.requests()).hasSize(1);
    }

    @Test
    void httpsGoesThroughAConnectTunnelWithProxyCredentials() throws Exception {
        proxy = ForwardingProxy.builder().basicAuth("proxy-user", "proxy-pw").start();
        try (TlsServer server = TlsServer.start(TestCertificates.localhost());
                CoraOcrClient client = CoraOcrClient.builder(
                                server.endpointUrl().toString())
                        .trustedCertificates(TrustedCertificates.fromPem(
                                TestCertificates.authority().pem()))
                        .proxy(ProxySettings.of("127.0.0.1", proxy.port()).withCredentials("proxy-user", "proxy-pw"))
                        .build()) {
            assertThat(client.getStatus(5).rawStatus()).isEqualTo("Completed");
            assertThat(server.requests()).hasSize(1);
        }
        assertThat(proxy.requests())
                .extracting(ForwardingProxy.ProxiedRequest::outcome)
                .contains(ForwardingProxy.Outcome.TUNNELLED);
    }

    @Test
    void rejectedProxyCredentialsFailAtOnceNamingTheProxy() {
        proxy = ForwardingProxy.builder().basicAuth("proxy-user", "proxy-pw").start();
        try (CoraOcrClient client = viaProxy(
                        simulator.endpointUrl().toString(),
                        ProxySettings.of("127.0.0.1", proxy.port()).withCredentials("proxy-user", "wrong-proxy-pw"))
                .build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(5));
            assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_AUTHENTICATION);
            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure.getMessage())
                    .contains("HTTP 407 from the proxy 127.0.0.1:" + proxy.port())
                    .contains("rejected the proxy user name or password")
                    .doesNotContain("wrong-proxy-pw");
        }
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void aProxyThatWantsCredentialsWhereNoneAreGivenSaysSo() {
        proxy = ForwardingProxy.builder().basicAuth("proxy-user", "proxy-pw").start();
        try (TlsServer server = TlsServer.start(TestCertificates.localhost());
                CoraOcrClient client = CoraOcrClient.builder(
                                server.endpointUrl().toString())
                        .proxy(ProxySettings.of("127.0.0.1", proxy.port()))
                        .build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(5));
            assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_AUTHENTICATION);
            assertThat(failure.getMessage()).contains("it wants a user name and password");
        }
    }

    @Test
    void aGatewayErrorOfTheProxyItselfSaysSo() {
        proxy = ForwardingProxy.builder().answerItself(502).start();
        try (CoraOcrClient client = viaProxy(
                        simulator.endpointUrl().toString(), ProxySettings.of("127.0.0.1", proxy.port()))
                .build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(5));
            assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_GATEWAY);
            assertThat(failure.getMessage()).contains("HTTP 502 Bad Gateway from the proxy 127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void aHostOnTheNoProxyListIsReachedDirectly() throws Exception {
        proxy = ForwardingProxy.start();
        ProxySettings settings =
                ProxySettings.of("127.0.0.1", proxy.port()).withNoProxy(NoProxyList.parse("example.com, 127.0.0.0/8"));
        try (CoraOcrClient client =
                viaProxy(simulator.endpointUrl().toString(), settings).build()) {
            assertThat(client.getStatus(5).status()).isEqualTo(OcrStatus.NOT_FOUND);
            assertThat(client.proxy()).isEmpty();
        }
        assertThat(proxy.requests()).isEmpty();
        assertThat(simulator.requests()).hasSize(1);
    }
}
