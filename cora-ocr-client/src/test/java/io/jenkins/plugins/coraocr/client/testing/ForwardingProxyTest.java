package io.jenkins.plugins.coraocr.client.testing;

import static io.jenkins.plugins.coraocr.client.testing.HostileServer.respond;
import static io.jenkins.plugins.coraocr.client.testing.HostileServer.trickleBody;
import static io.jenkins.plugins.coraocr.client.testing.RawClient.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy.Outcome;
import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy.ProxiedRequest;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.NTCredentials;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.NTLMSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // NTLM: deprecated in HttpClient 5, and what the product uses
class ForwardingProxyTest {
    private static final Duration SHORT = Duration.ofMillis(500);
    private static final String BODY = SoapAnswers.envelope(
            SoapAnswers.Version.SOAP_11, "<GetStatus xmlns=\"" + SoapAnswers.API_NAMESPACE + "\"/>");

    @Test
    void absoluteUriRequestsAreForwardedAndTheAnswerRelayed() throws Exception {
        HttpAnswer answer = SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Queued", "NoError", "z");
        try (HostileServer origin = HostileServer.start(respond(answer));
                ForwardingProxy proxy = ForwardingProxy.start()) {
            HttpResponse<String> response =
                    viaProxy(proxy, null).send(TlsServerTest.request(origin), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("<Status>Queued</Status>");
            assertThat(response.headers().allValues("Via")).contains("1.1 " + ForwardingProxy.NAME);

            assertThat(origin.requests()).singleElement().satisfies(r -> {
                assertThat(r.target()).isEqualTo(LoopbackServer.ENDPOINT_PATH);
                assertThat(r.bodyText()).isEqualTo(BODY);
                assertThat(r.header("Via")).isEqualTo("1.1 " + ForwardingProxy.NAME);
            });
            assertThat(proxy.requests())
                    .containsExactly(
                            new ProxiedRequest(1, "POST", origin.endpointUrl(), false, null, Outcome.FORWARDED));
        }
    }

    @Test
    void aWindowsLogonWorksThroughTheProxyBecauseItPinsTheOriginConnection() throws Exception {
        try (NtlmServer origin = NtlmServer.start("cora", "CORP", "s3cret!");
                ForwardingProxy proxy = ForwardingProxy.start();
                CloseableHttpClient client = apacheClient(proxy, ntCredentials(), null)) {
            HttpClientContext context = HttpClientContext.create();
            assertThat(apachePost(client, origin, context)).isEqualTo(200);
            assertThat(apachePost(client, origin, context)).isEqualTo(200);
            assertThat(origin.succeededLogons()).hasSize(1);
            assertThat(origin.connections()).hasSize(1);
            assertThat(proxy.requests()).hasSize(4).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.FORWARDED);
                assertThat(r.connection()).isEqualTo(1);
            });
        }
    }

    @Test
    void connectOpensATunnelSoHttpsWorksThroughTheProxy() throws Exception {
        try (TlsServer origin = TlsServer.start(TestCertificates.localhost());
                ForwardingProxy proxy = ForwardingProxy.start()) {
            SSLContext trusting =
                    TestCertificates.clientTrusting(TestCertificates.authority().certificate());
            HttpResponse<String> response =
                    viaProxy(proxy, trusting).send(TlsServerTest.request(origin), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("<Status>Completed</Status>");
            assertThat(origin.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.bodyText()).isEqualTo(BODY));
            assertThat(proxy.requests())
                    .containsExactly(new ProxiedRequest(
                            1, "CONNECT", "127.0.0.1:" + origin.port(), false, null, Outcome.TUNNELLED));
        }
    }

    @Test
    void basicProxyAuthenticationIsDemandedForRequestsAndTunnels() throws Exception {
        try (HostileServer origin = HostileServer.start(respond(HttpAnswer.status(204)));
                TlsServer tlsOrigin = TlsServer.start(TestCertificates.localhost());
                ForwardingProxy proxy =
                        ForwardingProxy.builder().basicAuth("squid", "pr0xy").start()) {
            HttpResponse<String> refused =
                    viaProxy(proxy, null).send(TlsServerTest.request(origin), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(407);
            assertThat(refused.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"proxy\"");
            assertThat(origin.requests()).isEmpty();

            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(
                    new AuthScope("127.0.0.1", proxy.port()),
                    new UsernamePasswordCredentials("squid", "pr0xy".toCharArray()));
            try (CloseableHttpClient client = apacheClient(
                    proxy,
                    credentials,
                    TestCertificates.clientTrusting(TestCertificates.authority().certificate()))) {
                assertThat(apachePost(client, origin, HttpClientContext.create()))
                        .isEqualTo(204);
                assertThat(apachePost(client, tlsOrigin, HttpClientContext.create()))
                        .isEqualTo(200);
            }
            String expected = "Basic c3F1aWQ6cHIweHk="; // squid:pr0xy
            assertThat(proxy.requests())
                    .extracting(
                            ProxiedRequest::method,
                            ProxiedRequest::authenticated,
                            ProxiedRequest::proxyAuthorization,
                            ProxiedRequest::outcome)
                    .containsExactly(
                            tuple("POST", false, null, Outcome.PROXY_AUTHENTICATION_REQUIRED),
                            tuple("POST", false, null, Outcome.PROXY_AUTHENTICATION_REQUIRED),
                            tuple("POST", true, expected, Outcome.FORWARDED),
                            tuple("CONNECT", false, null, Outcome.PROXY_AUTHENTICATION_REQUIRED),
                            tuple("CONNECT", true, expected, Outcome.TUNNELLED));
            assertThat(origin.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.header("Proxy-Authorization")).isNull());
        }
    }

    @Test
    void inFailureModeTheProxyAnswers502Or504ItselfAndForwardsNothing() throws Exception {
        try (HostileServer origin = HostileServer.start(respond(HttpAnswer.status(204)))) {
            for (int status : List.of(502, 504)) {
                try (ForwardingProxy proxy =
                        ForwardingProxy.builder().answerItself(status).start()) {
                    HttpResponse<String> response = viaProxy(proxy, null)
                            .send(TlsServerTest.request(origin), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(status);
                    assertThat(response.headers().firstValue("Server")).hasValue(ForwardingProxy.NAME);
                    assertThat(response.headers().firstValue("Via")).hasValue("1.1 " + ForwardingProxy.NAME);
                    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
                    assertThat(response.body())
                            .contains("<title>" + status + " ")
                            .contains(ForwardingProxy.NAME);
                    try (RawClient raw = new RawClient(proxy)) {
                        assertThat(raw.send("CONNECT 127.0.0.1:" + origin.port() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                                        .readAnswer())
                                .startsWith("HTTP/1.1 " + status + " ");
                    }
                    assertThat(proxy.requests())
                            .extracting(ProxiedRequest::outcome)
                            .containsOnly(Outcome.ANSWERED_ITSELF);
                }
            }
            assertThat(origin.connections()).isEmpty();
        }
    }

    @Test
    void everyHostButTheLoopbackIsRefusedWithoutAConnectionAttempt() throws Exception {
        try (ForwardingProxy proxy = ForwardingProxy.start();
                RawClient raw = new RawClient(proxy)) {
            for (String target : List.of(
                    "http://example.com/",
                    "http://10.0.0.1:8080/x",
                    "http://127.0.0.2/",
                    "http://127.0.0.1.example.com/")) {
                assertThat(raw.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n")
                                .readAnswer())
                        .startsWith("HTTP/1.1 403 ");
            }
            assertThat(raw.send("CONNECT 192.168.1.1:443 HTTP/1.1\r\nHost: x\r\n\r\n")
                            .readAnswer())
                    .startsWith("HTTP/1.1 403 ");
            assertThat(raw.send("GET /not/absolute HTTP/1.1\r\nHost: x\r\n\r\n").readAnswer())
                    .startsWith("HTTP/1.1 400 ");
            assertThat(raw.send("GET https://127.0.0.1/ HTTP/1.1\r\nHost: x\r\n\r\n")
                            .readAnswer())
                    .startsWith("HTTP/1.1 400 ");
            assertThat(proxy.requests())
                    .extracting(ProxiedRequest::outcome)
                    .containsExactly(
                            Outcome.REFUSED,
                            Outcome.REFUSED,
                            Outcome.REFUSED,
                            Outcome.REFUSED,
                            Outcome.REFUSED,
                            Outcome.NOT_A_PROXY_REQUEST,
                            Outcome.NOT_A_PROXY_REQUEST);
        }
    }

    @Test
    void anUnreachableOriginIsA502FromTheProxy() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, Loopback.ADDRESS)) {
            closedPort = gone.getLocalPort();
        }
        try (ForwardingProxy proxy = ForwardingProxy.start();
                RawClient raw = new RawClient(proxy)) {
            String answer = raw.send(RawClient.post("http://127.0.0.1:" + closedPort + "/", ""))
                    .readAnswer();
            assertThat(answer).startsWith("HTTP/1.1 502 ").contains("Server: " + ForwardingProxy.NAME);
            assertThat(proxy.requests())
                    .extracting(ProxiedRequest::outcome)
                    .containsExactly(Outcome.ORIGIN_UNREACHABLE);
        }
    }

    @Test
    void aSlowOriginStaysSlowAndAClientGivingUpClosesTheOriginConnection() throws Exception {
        String envelope = SoapAnswers.getStatusEnvelope(SoapAnswers.Version.SOAP_11, "Queued", "NoError", null);
        try (HostileServer origin = HostileServer.start(trickleBody(envelope, Duration.ofSeconds(60)));
                ForwardingProxy proxy = ForwardingProxy.start()) {
            try (RawClient raw = new RawClient(proxy)) {
                String head =
                        raw.send(RawClient.post(origin.endpointUrl(), BODY)).readHead();
                assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Via: 1.1 " + ForwardingProxy.NAME);
                assertThat(raw.silentFor(SHORT)).isTrue();
            }
            assertThat(origin.awaitClosedByClient(1, PATIENCE).closedByClient()).isTrue();
            assertThat(proxy.awaitConnections(1, PATIENCE)).isNotEmpty();
        }
    }

    private static HttpClient viaProxy(ForwardingProxy proxy, SSLContext trust) throws Exception {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(proxy.address()))
                .sslContext(trust == null ? SSLContext.getDefault() : trust)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(PATIENCE)
                .build();
    }

    private static BasicCredentialsProvider ntCredentials() {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(
                new AuthScope(null, -1), new NTCredentials("cora", "s3cret!".toCharArray(), null, "CORP"));
        return credentials;
    }

    private static CloseableHttpClient apacheClient(
            ForwardingProxy proxy, BasicCredentialsProvider credentials, SSLContext trust) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create();
        if (trust != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(trust));
        }
        return HttpClients.custom()
                .setProxy(new HttpHost("http", "127.0.0.1", proxy.port()))
                .setConnectionManager(connections.build())
                .setDefaultCredentialsProvider(credentials)
                .setDefaultAuthSchemeRegistry(RegistryBuilder.<AuthSchemeFactory>create()
                        .register(StandardAuthScheme.NTLM, NTLMSchemeFactory.INSTANCE)
                        .register(
                                StandardAuthScheme.BASIC,
                                org.apache.hc.client5.http.impl.auth.BasicSchemeFactory.INSTANCE)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setTargetPreferredAuthSchemes(List.of(StandardAuthScheme.NTLM))
                        .setProxyPreferredAuthSchemes(List.of(StandardAuthScheme.BASIC))
                        .setResponseTimeout(Timeout.ofSeconds(20))
                        .build())
                .build();
    }

    private static int apachePost(CloseableHttpClient client, LoopbackServer origin, HttpClientContext context)
            throws Exception {
        HttpPost post = new HttpPost(origin.endpointUrl());
        post.setEntity(new StringEntity(BODY, ContentType.create("text/xml", "utf-8")));
        return client.execute(post, context, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }
}
