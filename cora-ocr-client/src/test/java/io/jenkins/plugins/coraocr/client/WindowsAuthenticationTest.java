package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.coraocr.client.testing.NtlmServer;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import io.jenkins.plugins.coraocr.client.wait.WaitListener;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** NTLMv2 against a verifier that checks the proof computed from the password, as IIS's domain controller does. */
class WindowsAuthenticationTest {
    private static final String PASSWORD = "Winter2026!lockout";

    private NtlmServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CoraOcrClient client(String user, String password) {
        return CoraOcrClient.builder(server.endpointUrl().toString())
                .authentication(Authentication.NTLM)
                .credentials(user, password)
                .build();
    }

    @Test
    void logsOnOncePerConnectionAndLaterPollsCostOneRequest() throws Exception {
        server = NtlmServer.start("ocr-bot", "CORP", PASSWORD);
        try (CoraOcrClient client = client("CORP\\ocr-bot", PASSWORD)) {
            assertThat(client.getStatus(7).rawStatus()).isEqualTo("Completed");
            int afterLogon = server.requests().size();
            assertThat(client.getStatus(7).rawStatus()).isEqualTo("Completed");
            assertThat(client.getStatus(7).rawStatus()).isEqualTo("Completed");

            assertThat(server.requests()).hasSize(afterLogon + 2);
        }
        assertThat(server.succeededLogons()).hasSize(1);
        assertThat(server.authenticateMessages()).isEqualTo(1);
        assertThat(server.connections()).hasSize(1);
        assertThat(server.authorizationHeaders())
                .allSatisfy(value -> assertThat(value).startsWith("NTLM "));
    }

    @Test
    void aWrongPasswordCostsExactlyOneFailedLogonAndIsNotRetried() {
        server = NtlmServer.start("ocr-bot", "CORP", PASSWORD);
        try (CoraOcrClient client = client("CORP\\ocr-bot", "Winter2025!")) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(7));
            assertThat(failure.kind()).isEqualTo(FailureKind.WINDOWS_LOGON_REJECTED);
            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure.getMessage())
                    .contains("the server rejected the Windows logon of CORP\\ocr-bot")
                    .doesNotContain("Winter2025!");
        }
        assertThat(server.failedLogons()).hasSize(1);
        assertThat(server.authorizationHeaders()).noneMatch(value -> value.startsWith("Basic"));
    }

    @Test
    void aWaitWithAWrongPasswordEndsInErrorAfterOneFailedLogon() throws Exception {
        server = NtlmServer.start("ocr-bot", "CORP", PASSWORD);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        ExecutorService blocking = Executors.newFixedThreadPool(2);
        try (CoraOcrClient client = client("CORP\\ocr-bot", "guess")) {
            WaitOutcome outcome = new OcrWaiter(client, timers, blocking)
                    .start(
                            7,
                            WaitOptions.builder()
                                    .pollInterval(Duration.ofMillis(100))
                                    .maxConsecutiveErrors(10)
                                    .build(),
                            new WaitListener() {})
                    .get(30, TimeUnit.SECONDS);
            assertThat(outcome.result()).isEqualTo(WaitResult.ERROR);
        } finally {
            timers.shutdownNow();
            blocking.shutdownNow();
        }
        assertThat(server.failedLogons()).hasSize(1);
    }

    @Test
    void aWrongDomainIsRejected() {
        server = NtlmServer.start("ocr-bot", "CORP", PASSWORD);
        try (CoraOcrClient client = client("OTHER\\ocr-bot", PASSWORD)) {
            assertThat(catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(7))
                            .kind())
                    .isEqualTo(FailureKind.WINDOWS_LOGON_REJECTED);
        }
        assertThat(server.failedLogons())
                .singleElement()
                .satisfies(logon -> assertThat(logon.domain()).isEqualTo("OTHER"));
    }

    @Test
    void aServerOfferingNegotiateAndNtlmGetsNtlm() throws Exception {
        server = NtlmServer.builder("ocr-bot", "CORP", PASSWORD)
                .offer("Negotiate", "NTLM")
                .start();
        try (CoraOcrClient client = client("CORP\\ocr-bot", PASSWORD)) {
            assertThat(client.getStatus(7).rawStatus()).isEqualTo("Completed");
        }
        assertThat(server.succeededLogons()).hasSize(1);
    }
}
