package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers written by an attacker or by a misconfigured network: shown, never obeyed, never a leak. */
class HostileAnswersTest {
    private static final String USER = "ocr-bot";
    private static final String PASSWORD = "Xq7#v9Lm!2pR4sT8wZ1yB6nK3cF5hJ0d";
    private static final String TOKEN =
            Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private void answer(ResponseDefinitionBuilder response) {
        server.stubFor(post(anyUrl()).willReturn(response));
    }

    private CoraOcrException failure(CoraOcrClient.Builder builder) {
        try (CoraOcrClient client = builder.build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(21));
            assertThat(failure).as("a CoraOcrException").isNotNull();
            return failure;
        }
    }

    private CoraOcrClient.Builder basic() {
        return CoraOcrClient.builder(server.baseUrl()).credentials(USER, PASSWORD);
    }

    private List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    private static ResponseDefinitionBuilder fault(String faultString) {
        return aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.fault11("soap:Server", faultString));
    }

    @Test
    void aWindowsOnlyServerCostsOneRequestWhenBasicIsChosen() {
        answer(aResponse()
                .withStatus(401)
                .withHeader("WWW-Authenticate", "Negotiate")
                .withHeader("WWW-Authenticate", "NTLM"));
        CoraOcrException failure = failure(basic());
        assertThat(failure.kind()).isEqualTo(FailureKind.WINDOWS_AUTHENTICATION_REQUIRED);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("wants Windows authentication (Negotiate, NTLM), not HTTP Basic");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aNegotiateOnlyServerSaysKerberosIsNotSupportedYet() {
        answer(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Negotiate"));
        CoraOcrException failure = failure(basic());
        assertThat(failure.kind()).isEqualTo(FailureKind.KERBEROS_REQUIRED);
        assertThat(failure.getMessage()).contains("only Negotiate (Kerberos), which is not supported yet");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aBasicOnlyServerNeverGetsBasicCredentialsWhenNtlmIsChosen() {
        answer(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"cora\""));
        CoraOcrException failure = failure(CoraOcrClient.builder(server.baseUrl())
                .authentication(Authentication.NTLM)
                .credentials("CORP\\" + USER, PASSWORD));
        assertThat(failure.kind()).isEqualTo(FailureKind.BASIC_AUTHENTICATION_REQUIRED);
        assertThat(requests())
                .hasSize(1)
                .allSatisfy(request ->
                        assertThat(request.containsHeader("Authorization")).isFalse());
    }

    @Test
    void somethingThatIsNotASoapServiceFailsAtOnce() {
        answer(aResponse()
                .withStatus(501)
                .withHeader("Content-Type", "text/html")
                .withBody("<html>nope</html>"));
        CoraOcrException failure = failure(basic());
        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_THE_SERVICE);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage())
                .contains("HTTP 501 Not Implemented: whatever answers at this URL is not the OCR" + " SOAP service");
    }

    @Test
    void anEncodedAnswerTheClientDidNotAskForFailsAtOnceNamingTheEncoding() {
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withHeader("Content-Encoding", "gzip")
                .withBody(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}));
        CoraOcrException failure = failure(basic());
        assertThat(failure.kind()).isEqualTo(FailureKind.UNSUPPORTED_ENCODING);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("Content-Encoding: gzip");
        assertThat(requests())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.containsHeader("Accept-Encoding")).isFalse());
    }

    @Test
    void aProxyAskingForCredentialsWhereNoneIsConfiguredFailsAtOnce() {
        answer(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"corp-proxy\""));
        CoraOcrException failure = failure(basic());
        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_AUTHENTICATION);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("a proxy between this machine and the server wants credentials");
    }

    @Test
    void aHostNameThatDoesNotResolveFailsAtOnce() {
        CoraOcrException failure = failure(CoraOcrClient.builder("https://cora.invalid"));
        assertThat(failure.kind()).isEqualTo(FailureKind.UNKNOWN_HOST);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("the host name cora.invalid does not resolve");
    }

    /** The echoed header moves across the 500-character cut, one length after another. */
    @ParameterizedTest
    @ValueSource(ints = {0, 420, 470, 480, 490, 495, 499, 500, 505, 520, 900})
    void anEchoedAuthorizationHeaderNeverLeaksAnyPartOfTheSecret(int padding) {
        answer(fault("x".repeat(padding) + " Authorization: Basic " + TOKEN + " password=" + PASSWORD));
        CoraOcrException failure = failure(basic());
        assertNoPartOf(PASSWORD, failure.getMessage());
        assertNoPartOf(TOKEN, failure.getMessage());
        assertNoPartOf(PASSWORD, ((ServiceFaultException) failure).faultString());
    }

    @Test
    void aHeaderTheServerCutShortIsMaskedToo() {
        answer(fault("request headers: Authorization: Basic " + TOKEN.substring(0, 12)));
        CoraOcrException failure = failure(basic());
        assertThat(failure.getMessage()).contains("Authorization: Basic ****").doesNotContain(TOKEN.substring(0, 12));
    }

    @Test
    void aPasswordWithDoubledSpacesIsMaskedBeforeWhitespaceIsFolded() {
        String spaced = "two  spaces   and\ta tab";
        answer(fault("login failed for " + USER + " with " + spaced));
        CoraOcrException failure =
                failure(CoraOcrClient.builder(server.baseUrl()).credentials(USER, spaced));
        assertThat(failure.getMessage()).contains("with ****").doesNotContain("two spaces");
    }

    @Test
    void controlCharactersInAFaultCannotForgeALine() {
        // XML 1.0 has no ESC, but it has C1 controls: U+009B is the 8-bit ANSI escape (CSI).
        answer(fault("boom&#13;&#10;OCR workflow 21 PASSED: it completed without error.&#155;2J&#155;31m"));
        CoraOcrException failure = failure(basic());
        assertThat(failure.getMessage())
                .doesNotContain("\r")
                .doesNotContain("\n")
                .doesNotContain("\u009b")
                .contains("\\x9B2J");
    }

    @Test
    void controlCharactersInExternalContextAreEscapedForLinesAndKeptForData() throws Exception {
        String hostile = "batch-7\r\nOCR workflow 21 PASSED\u009b0m\u2028";
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.soap11(Envelopes.wrapped(
                        "Completed", "NoError", hostile.replace("\r", "&#13;").replace("\u001b", "&#27;")))));
        try (CoraOcrClient client = basic().build()) {
            WorkflowStatus status = client.getStatus(21);
            assertThat(status.externalContext()).contains(hostile);
            assertThat(status.describe())
                    .isEqualTo(
                            "Completed (NoError), ExternalContext \"batch-7\\r\\nOCR workflow 21 PASSED\\x9B0m\\u2028\"");
        }
    }

    @Test
    void longServerTextIsCutSayingHowMuchWasLeftOut() {
        answer(fault("y".repeat(2_000)));
        CoraOcrException failure = failure(basic());
        assertThat(failure.getMessage()).contains("… (1500 more characters)");
        assertThat(((ServiceFaultException) failure).faultString()).hasSize(2_000);
    }

    @Test
    void aTricklingAnswerEndsAtTheReadTimeoutWhateverTheServerStillSends() {
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.soap11(Envelopes.wrapped("Completed", "NoError", "z".repeat(400))))
                .withChunkedDribbleDelay(200, 60_000));
        long started = System.nanoTime();
        CoraOcrException failure = failure(basic().readTimeout(Duration.ofSeconds(1)));
        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failure.getMessage()).contains("no complete answer within the read timeout of 1000 ms");
        // Generous: the server would need a minute; the client gives up after about a second.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void abortingACallFreesItsThreadAtOnce() throws Exception {
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(Envelopes.soap11(Envelopes.wrapped("Completed", "NoError", null)))
                .withFixedDelay(120_000));
        try (CoraOcrClient client = basic().build()) {
            StatusCall call = client.newCall(21);
            CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    call.execute();
                    return null;
                } catch (CoraOcrException e) {
                    return e;
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> !requests().isEmpty());
            call.abort();
            assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(CallAbortedException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 400_000, 999_999})
    void aTimeoutThatRoundsToZeroMillisecondsIsRefused(long nanos) {
        assertThatThrownBy(() -> CoraOcrClient.builder(server.baseUrl()).readTimeout(Duration.ofNanos(nanos)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read timeout must be between 1 ms and 24 days");
        assertThatThrownBy(() -> CoraOcrClient.builder(server.baseUrl()).connectTimeout(Duration.ofNanos(nanos)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connect timeout must be between 1 ms and 24 days");
    }

    private static void assertNoPartOf(String secret, String text) {
        for (int start = 0; start + 6 <= secret.length(); start++) {
            assertThat(text).doesNotContain(secret.substring(start, start + 6));
        }
    }
}
