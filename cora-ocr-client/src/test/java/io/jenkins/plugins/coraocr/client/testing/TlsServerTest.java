package io.jenkins.plugins.coraocr.client.testing;

import static io.jenkins.plugins.coraocr.client.testing.RawClient.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsServerTest {
    private static final String GET_STATUS = SoapAnswers.envelope(
            SoapAnswers.Version.SOAP_11, "<GetStatus xmlns=\"" + SoapAnswers.API_NAMESPACE + "\"/>");

    @Test
    void aClientTrustingTheExtraCaGetsTheAnswer() throws Exception {
        try (TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            HttpResponse<String> response = post(
                    TestCertificates.clientTrusting(TestCertificates.authority().certificate()), server);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
            assertThat(response.body()).contains("<Status>Completed</Status>");
            assertThat(server.requests()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.target()).isEqualTo(LoopbackServer.ENDPOINT_PATH);
                assertThat(r.bodyText()).isEqualTo(GET_STATUS);
            });
            assertThat(server.handshakeFailures()).isEmpty();
            assertThat(server.url()).startsWith("https://127.0.0.1:");
        }
    }

    @Test
    void aClientWithoutTheCaRejectsTheCertificate() throws Exception {
        try (TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            assertThatThrownBy(() -> post(SSLContext.getDefault(), server)).isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> post(
                            TestCertificates.clientTrusting(
                                    TestCertificates.otherAuthority().certificate()),
                            server))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(server.awaitHandshakeFailures(2, PATIENCE)).hasSize(2);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aCertificateForAnotherNameIsRejectedEvenWhenItsCaIsTrusted() throws Exception {
        try (TlsServer server = TlsServer.start(TestCertificates.wrongHost())) {
            assertThatThrownBy(() -> post(
                            TestCertificates.clientTrusting(
                                    TestCertificates.authority().certificate()),
                            server))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aSelfSignedCertificateIsTrustedOnlyWhenItIsTheAnchor() throws Exception {
        try (TlsServer server = TlsServer.start(TestCertificates.selfSigned())) {
            assertThat(post(
                                    TestCertificates.clientTrusting(
                                            TestCertificates.selfSigned().certificate()),
                                    server)
                            .statusCode())
                    .isEqualTo(200);
            assertThatThrownBy(() -> post(
                            TestCertificates.clientTrusting(
                                    TestCertificates.authority().certificate()),
                            server))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theAnswerIsConfigurableAndTheConnectionIsKept() throws Exception {
        try (TlsServer server = TlsServer.start(
                TestCertificates.localhost(),
                request ->
                        SoapAnswers.fault(SoapAnswers.Version.of(request), "Server was unable to process request."))) {
            SSLContext trusting =
                    TestCertificates.clientTrusting(TestCertificates.authority().certificate());
            HttpClient client = client(trusting);
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = client.send(request(server), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(response.body())
                        .contains("<faultstring>Server was unable to process request.</faultstring>");
            }
            assertThat(server.requests())
                    .extracting(RecordedRequest::connection)
                    .containsExactly(1, 1);
        }
    }

    private static HttpResponse<String> post(SSLContext trust, TlsServer server)
            throws IOException, InterruptedException {
        return client(trust).send(request(server), HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient client(SSLContext trust) {
        return HttpClient.newBuilder()
                .sslContext(trust)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(PATIENCE)
                .build();
    }

    static HttpRequest request(LoopbackServer server) {
        return HttpRequest.newBuilder(URI.create(server.endpointUrl()))
                .timeout(PATIENCE)
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(GET_STATUS))
                .build();
    }
}
