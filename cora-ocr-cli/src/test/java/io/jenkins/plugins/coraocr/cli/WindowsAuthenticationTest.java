package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.client.testing.HttpAnswer;
import io.jenkins.plugins.coraocr.client.testing.NtlmServer;
import io.jenkins.plugins.coraocr.client.testing.RecordedRequest;
import io.jenkins.plugins.coraocr.client.testing.SoapAnswers;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code --auth ntlm} against a server on 127.0.0.1 that checks NTLMv2 logons for real, and the messages of a
 * choice that does not match what the server offers. A rejected Windows logon counts towards the account's
 * lockout, so each mistake must cost exactly one.
 */
class WindowsAuthenticationTest {
    private static final String DOMAIN = "CORP";
    private static final Map<String, String> PASSWORD = Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD);

    @Test
    void ntlmLogsOnOnceAndPollsUntilCompleted() {
        try (NtlmServer server = NtlmServer.builder(Cli.USER, DOMAIN, Cli.PASSWORD)
                .answer(queuedThenCompleted())
                .start()) {
            Cli.Result result = Cli.run(PASSWORD, wait(server, "--auth", "ntlm", "--user", DOMAIN + "\\" + Cli.USER));

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.outLines().get(0)).contains(": SOAP 1.1, ntlm authentication, polling every 100ms");
            assertThat(result.out()).contains("status Queued", "OCR workflow 7 PASSED");
            // NTLM never sends the password, so there is nothing to warn about on plain http.
            assertThat(result.err()).isEmpty();
            assertThat(server.succeededLogons()).singleElement().satisfies(logon -> {
                assertThat(logon.user()).isEqualTo(Cli.USER);
                assertThat(logon.domain()).isEqualTo(DOMAIN);
            });
            assertThat(server.failedLogons()).isEmpty();
            assertThat(server.authorizationHeaders()).noneMatch(header -> header.startsWith("Basic"));
        }
    }

    @Test
    void theEnvironmentCanChooseNtlmInAnyCase() {
        try (NtlmServer server = NtlmServer.start(Cli.USER, DOMAIN, Cli.PASSWORD)) {
            Cli.Result result = Cli.run(
                    Map.of(
                            "CORA_OCR_PASSWORD",
                            Cli.PASSWORD,
                            "CORA_OCR_AUTH",
                            "NTLM",
                            "CORA_OCR_USER",
                            DOMAIN.toLowerCase(java.util.Locale.ROOT) + "\\" + Cli.USER),
                    wait(server));

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(server.succeededLogons()).hasSize(1);
        }
    }

    @Test
    void aWrongPasswordCostsOneFailedLogonAndSaysWhatToCheck() {
        try (NtlmServer server = NtlmServer.start(Cli.USER, DOMAIN, Cli.PASSWORD)) {
            Cli.Result result = Cli.run(
                    Map.of("CORA_OCR_PASSWORD", Cli.PASSWORD + "-wrong"),
                    wait(server, "--auth", "ntlm", "--user", DOMAIN + "\\" + Cli.USER, "--json"));

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(server.failedLogons()).hasSize(1);
            assertThat(server.authenticateMessages()).isEqualTo(1);
            assertThat(result.json().get("result").asText()).isEqualTo("ERROR");
            assertThat(result.errLines())
                    .last()
                    .satisfies(line -> assertThat(line)
                            .contains("HTTP 401 Unauthorized: the server rejected the Windows logon of CORP\\ocr-bot")
                            .endsWith("To fix: Check the domain, user name and password (--user and"
                                    + " --password-env/--password-file or CORA_OCR_PASSWORD); every rejected logon"
                                    + " counts towards the account's lockout."));
            assertThat(result.out() + result.err()).doesNotContain(Cli.PASSWORD + "-wrong");
        }
    }

    @Test
    void basicAgainstAWindowsOnlyServerCostsOneRequestAndSaysToUseNtlm() {
        try (NtlmServer server = NtlmServer.builder(Cli.USER, DOMAIN, Cli.PASSWORD)
                .offer("Negotiate", "NTLM")
                .start()) {
            Cli.Result result = Cli.run(PASSWORD, wait(server, "--user", Cli.USER));

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(server.requests()).hasSize(1);
            assertThat(server.logons())
                    .singleElement()
                    .satisfies(logon -> assertThat(logon.accepted()).isFalse());
            assertThat(result.errLines())
                    .last()
                    .satisfies(line -> assertThat(line)
                            .contains("the server wants Windows authentication (Negotiate, NTLM), not HTTP Basic;"
                                    + " nothing more was sent")
                            .endsWith("To fix: Choose Windows authentication (--auth ntlm) with a DOMAIN\\user name."));
        }
    }

    @Test
    void aNegotiateOnlyServerSaysKerberosIsNotSupportedYet() {
        try (NtlmServer server = NtlmServer.builder(Cli.USER, DOMAIN, Cli.PASSWORD)
                .offer("Negotiate")
                .start()) {
            Cli.Result result = Cli.run(PASSWORD, wait(server, "--auth", "ntlm", "--user", DOMAIN + "\\" + Cli.USER));

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(server.succeededLogons()).isEmpty();
            assertThat(result.errLines())
                    .last()
                    .satisfies(line -> assertThat(line)
                            .contains("the server offers only Negotiate (Kerberos), which is not supported yet")
                            .endsWith("To fix: Once NTLM is enabled, choose Windows authentication (--auth ntlm)."));
        }
    }

    @Test
    void ntlmAgainstABasicOnlyServerSaysToUseBasic() {
        try (NtlmServer server = NtlmServer.builder(Cli.USER, DOMAIN, Cli.PASSWORD)
                .offer("Basic realm=\"cora\"")
                .start()) {
            Cli.Result result = Cli.run(PASSWORD, wait(server, "--auth", "ntlm", "--user", DOMAIN + "\\" + Cli.USER));

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(result.errLines())
                    .last()
                    .satisfies(
                            line -> assertThat(line).endsWith("To fix: Choose Basic authentication (--auth basic)."));
        }
    }

    private static String[] wait(NtlmServer server, String... extra) {
        String[] base = {"wait", "--url", server.url(), "--workflow-id", "7", "--poll-interval", "100ms"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    /** Queued on the first poll, Completed afterwards: a wait that polls twice on its logged-on connection. */
    private static Function<RecordedRequest, HttpAnswer> queuedThenCompleted() {
        AtomicInteger polls = new AtomicInteger();
        return request -> SoapAnswers.getStatus(
                SoapAnswers.Version.of(request),
                polls.incrementAndGet() == 1 ? "Queued" : "Completed",
                "NoError",
                "batch 7");
    }
}
