package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a GetStatus call can fail, as the caller sees it. */
class GetStatusFailureTest {
    private static final String PASSWORD = "Tr0ub4dor&3-secret";
    private static final String TOKEN =
            Base64.getEncoder().encodeToString(("ocr-bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final long WORKFLOW = 4711;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final List<LogRecord> loud = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                synchronized (loud) {
                    loud.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listenToTheConsole() {
        Logger.getLogger("").addHandler(recorder);
    }

    @AfterEach
    void consoleStayedQuiet() {
        Logger.getLogger("").removeHandler(recorder);
        assertThat(loud)
                .as("log records at INFO or above")
                .extracting(r -> r.getLoggerName() + ": " + r.getMessage())
                .isEmpty();
    }

    private void answer(ResponseDefinitionBuilder response) {
        server.stubFor(post(anyUrl()).willReturn(response));
    }

    private CoraOcrException failure(CoraOcrClient.Builder builder) {
        try (CoraOcrClient client = builder.build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(WORKFLOW));
            assertThat(failure).as("a CoraOcrException").isNotNull();
            assertThat(failure.getMessage())
                    .contains(client.endpoint().toString())
                    .contains(Long.toString(WORKFLOW))
                    .doesNotContain(PASSWORD)
                    .doesNotContain(TOKEN);
            assertThat(failure.workflowId()).isEqualTo(WORKFLOW);
            return failure;
        }
    }

    private CoraOcrException failure() {
        return failure(CoraOcrClient.builder(server.baseUrl()).credentials("ocr-bot", PASSWORD));
    }

    private static ResponseDefinitionBuilder html(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(body);
    }

    @Test
    void basicChallengeWithWrongCredentialsSaysTheyWereRejected() {
        answer(html(401, "<html>401 - Unauthorized: Access is denied due to invalid credentials.</html>")
                .withHeader("WWW-Authenticate", "Basic realm=\"cora.example.com\""));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(AuthenticationRejectedException.class);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage())
                .contains("rejected the user name or password")
                .contains("Basic realm=\"cora.example.com\"");
        assertThat(((AuthenticationRejectedException) failure).challenges())
                .containsExactly("Basic realm=\"cora.example.com\"");
    }

    @Test
    void basicChallengeWithoutCredentialsSaysNoneAreConfigured() {
        answer(html(401, "<html>401</html>").withHeader("WWW-Authenticate", "Basic realm=\"cora\""));
        CoraOcrException failure = failure(CoraOcrClient.builder(server.baseUrl()));
        assertThat(failure).isInstanceOf(AuthenticationRejectedException.class);
        assertThat(failure.getMessage()).contains("requires a user name and password and none is configured");
    }

    @Test
    void windowsAuthenticationIsNamedAsSuch() {
        answer(html(401, "<html>401</html>")
                .withHeader("WWW-Authenticate", "Negotiate")
                .withHeader("WWW-Authenticate", "NTLM"));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(AuthenticationRejectedException.class);
        assertThat(failure.getMessage())
                .contains("Windows authentication (")
                .contains("Negotiate")
                .contains("NTLM");
    }

    @Test
    void forbiddenIsAnAuthenticationFailure() {
        answer(html(403, "<html>403 - Forbidden</html>"));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(AuthenticationRejectedException.class);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("HTTP 403");
    }

    @ParameterizedTest
    @CsvSource({"404, HTTP 404 Not Found", "405, HTTP 405 Method Not Allowed"})
    void wrongPathsAreEndpointNotFound(int status, String text) {
        answer(html(status, "<html>The resource cannot be found.</html>"));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(EndpointNotFoundException.class);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains(text).contains("/SequenceServices/coraOcrIntegration_v1.0.0.asmx");
    }

    @Test
    void anHtmlPageWhereSoapWasExpectedIsEndpointNotFound() {
        answer(html(200, "<!DOCTYPE html><html><body>Welcome to IIS</body></html>"));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(EndpointNotFoundException.class);
        assertThat(failure.getMessage()).contains("HTML page instead of SOAP");
    }

    @Test
    void aRedirectIsNotFollowedAndNamesWhereItLeads() {
        answer(aResponse().withStatus(302).withHeader("Location", "https://login.example.com/adfs"));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(EndpointNotFoundException.class);
        assertThat(failure.getMessage()).contains("HTTP 302 redirect to https://login.example.com/adfs");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
        "408, Request Timeout",
        "429, Too Many Requests",
        "500, Internal Server Error",
        "502, Bad Gateway",
        "503, Service Unavailable",
        "504, Gateway Timeout"
    })
    void overloadAndServerErrorsAreTransient(int status, String reason) {
        answer(html(
                status,
                "<html><head><title>Service Unavailable</title></head><body><h1>HTTP Error " + status
                        + "</h1></body></html>"));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(TransientServiceException.class);
        assertThat(failure.isRetryable()).isTrue();
        assertThat(((TransientServiceException) failure).httpStatus()).isEqualTo(status);
        assertThat(failure.getMessage()).contains("HTTP " + status + " " + reason);
    }

    @Test
    void aSoap11FaultIsTransientAndCarriesItsFaultString() {
        answer(
                aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "text/xml; charset=utf-8")
                        .withBody(
                                Envelopes.fault11(
                                        "soap:Server",
                                        "Server was unable to process request. ---&gt; Object reference not set to an instance of an object.")));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(ServiceFaultException.class);
        assertThat(failure.isRetryable()).isTrue();
        assertThat(((ServiceFaultException) failure).faultString())
                .isEqualTo(
                        "Server was unable to process request. ---> Object reference not set to an instance of an object.");
        assertThat(failure.getMessage())
                .contains("soap:Server")
                .contains("Server was unable to process request. ---> Object reference");
    }

    @Test
    void aSoap12FaultCarriesItsReason() {
        answer(aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "application/soap+xml; charset=utf-8")
                .withBody(Envelopes.fault12("soap12:Receiver", "Server was unable to process request. ---&gt; boom")));
        CoraOcrException failure =
                failure(CoraOcrClient.builder(server.baseUrl()).soapVersion(SoapVersion.SOAP_12));
        assertThat(failure).isInstanceOf(ServiceFaultException.class);
        assertThat(((ServiceFaultException) failure).faultString())
                .isEqualTo("Server was unable to process request. ---> boom");
    }

    @Test
    void anEchoedPasswordIsMaskedInFaults() {
        answer(aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.fault11(
                        "soap:Server",
                        "login ocr-bot/" + PASSWORD.replace("&", "&amp;") + " failed; header was Basic " + TOKEN)));
        CoraOcrException failure = failure();
        assertThat(failure.getMessage()).contains("login ocr-bot/**** failed; header was Basic ****");
    }

    @Test
    void malformedXmlIsAProtocolError() {
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody("<soap:Envelope xmlns:soap=\"" + Envelopes.SOAP11
                        + "\"><soap:Body><GetStatusResponse xmlns=\"" + Envelopes.NS + "\"><Status>Que"));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).contains("not well-formed SOAP XML");
    }

    @Test
    void aSoap12AnswerToASoap11RequestIsAVersionMismatch() {
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/soap+xml; charset=utf-8")
                .withBody(Envelopes.soap12(Envelopes.wrapped("Completed", "NoError", null))));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
        assertThat(failure.getMessage())
                .contains("SOAP version mismatch")
                .contains("the server speaks the other SOAP version");
    }

    @Test
    void anExternalEntityIsNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "LOCAL-FILE-CONTENT-93847");
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<soap:Envelope xmlns:soap=\"" + Envelopes.SOAP11 + "\"><soap:Body>"
                + Envelopes.wrapped("&xxe;", "NoError", "&xxe;") + "</soap:Body></soap:Envelope>";
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(hostile));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
        assertThat(failure.getMessage()).contains("DOCTYPE").doesNotContain("LOCAL-FILE-CONTENT-93847");
        assertThat(failure).hasNoCause();
    }

    @Test
    void anExternalEntityInUtf16IsRefusedByTheParser(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "LOCAL-FILE-CONTENT-55120");
        String hostile = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>"
                + "<soap:Envelope xmlns:soap=\"" + Envelopes.SOAP11 + "\"><soap:Body>"
                + Envelopes.wrapped("&xxe;", "NoError", "&xxe;") + "</soap:Body></soap:Envelope>";
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-16")
                .withBody(hostile.getBytes(StandardCharsets.UTF_16)));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
        assertThat(failure.getMessage()).doesNotContain("LOCAL-FILE-CONTENT-55120");
    }

    @Test
    void aBodyOverOneMebibyteIsRefused() {
        String padding = "<Padding>" + "x".repeat(1024 * 1024) + "</Padding>";
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.soap11(Envelopes.wrapped("Queued", "NoError", null) + padding)));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
        assertThat(failure.getMessage()).contains("larger than 1024 KiB");
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsRefusedWhileReading() {
        String padding = "<Padding>" + "x".repeat(1024 * 1024) + "</Padding>";
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.soap11(Envelopes.wrapped("Queued", "NoError", null) + padding))
                .withChunkedDribbleDelay(4, 20));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
        assertThat(failure.getMessage()).contains("larger than 1024 KiB");
    }

    @Test
    void aSlowServerHitsTheReadTimeout() {
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.soap11(Envelopes.wrapped("Queued", "NoError", null)))
                .withFixedDelay(3_000));
        CoraOcrException failure =
                failure(CoraOcrClient.builder(server.baseUrl()).readTimeout(Duration.ofMillis(300)));
        assertThat(failure).isInstanceOf(TransientServiceException.class);
        assertThat(failure.getMessage())
                .contains("no complete answer within the read timeout of 300 ms; the connection was closed");
    }

    @ParameterizedTest
    @CsvSource({"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE", "MALFORMED_RESPONSE_CHUNK"})
    void aDroppedConnectionIsTransient(Fault fault) {
        answer(aResponse().withFault(fault));
        CoraOcrException failure = failure();
        assertThat(failure).isInstanceOf(TransientServiceException.class);
        assertThat(failure.isRetryable()).isTrue();
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CoraOcrException failure =
                failure(CoraOcrClient.builder("http://127.0.0.1:" + closedPort).credentials("ocr-bot", PASSWORD));
        assertThat(failure).isInstanceOf(TransientServiceException.class);
        assertThat(failure.getMessage()).contains("connection refused").contains("127.0.0.1:" + closedPort);
    }
}
