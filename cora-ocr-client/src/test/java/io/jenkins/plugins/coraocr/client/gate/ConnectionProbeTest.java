package io.jenkins.plugins.coraocr.client.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.client.testing.NtlmServer;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import org.junit.jupiter.api.Test;

/** "Test connection": any status proves the settings; a failure says what to change there. */
class ConnectionProbeTest {
    private static final Remedies REMEDIES = new Remedies(SettingNames.of(
            "the URL field",
            "Authentication: NTLM",
            "Authentication: Basic",
            "the credentials",
            "the CA field",
            "the proxy field",
            "the proxy's credentials",
            "the SOAP field"));

    private static ServerSettings settings(String url, Authentication authentication) {
        return new ServerSettings(url, authentication, null, SoapVersion.SOAP_11, 5, 5);
    }

    @Test
    void anAnswerOfAnyKindMeansTheSettingsWork() {
        try (CoraOcrSimulator simulator =
                CoraOcrSimulator.builder().basicAuth("bot", "pw").start()) {
            Advice advice = ConnectionProbe.probe(
                    settings(simulator.endpointUrl().toString(), Authentication.BASIC), "bot", "pw", null, REMEDIES);
            assertThat(advice.level()).isEqualTo(Advice.Level.OK);
            assertThat(advice.message()).contains("answered GetStatus over SOAP 1.1 (status NotFound (NoError)");
        }
    }

    @Test
    void aRejectedBasicLoginAndARejectedWindowsLogonAreToldApart() {
        try (CoraOcrSimulator simulator =
                        CoraOcrSimulator.builder().basicAuth("bot", "pw").start();
                NtlmServer windows = NtlmServer.start("bot", "CORP", "pw")) {
            Advice basic = ConnectionProbe.probe(
                    settings(simulator.endpointUrl().toString(), Authentication.BASIC), "bot", "wrong", null, REMEDIES);
            Advice ntlm = ConnectionProbe.probe(
                    settings(windows.endpointUrl().toString(), Authentication.NTLM),
                    "CORP\\bot",
                    "wrong",
                    null,
                    REMEDIES);

            assertThat(basic.level()).isEqualTo(Advice.Level.ERROR);
            assertThat(basic.message()).contains("the server rejected the user name or password");
            assertThat(ntlm.level()).isEqualTo(Advice.Level.ERROR);
            assertThat(ntlm.message())
                    .contains("the server rejected the Windows logon of CORP\\bot")
                    .contains("every rejected logon counts towards the account's lockout");
        }
    }

    @Test
    void aWindowsOnlyServerSaysWhichFieldToChange() {
        try (NtlmServer windows = NtlmServer.start("bot", "CORP", "pw")) {
            Advice advice = ConnectionProbe.probe(
                    settings(windows.endpointUrl().toString(), Authentication.BASIC), "bot", "pw", null, REMEDIES);
            assertThat(advice.message())
                    .endsWith("Choose Windows authentication (Authentication: NTLM) with a DOMAIN\\user name.");
        }
    }

    @Test
    void aPassingFailureIsOnlyAWarning() {
        try (CoraOcrSimulator simulator = CoraOcrSimulator.start()) {
            simulator.script(
                    Long.MAX_VALUE, WorkflowScript.builder().httpError(503).build());
            Advice advice = ConnectionProbe.probe(
                    settings(simulator.endpointUrl().toString(), Authentication.BASIC), null, null, null, REMEDIES);
            assertThat(advice.level()).isEqualTo(Advice.Level.WARNING);
            assertThat(advice.message()).contains("HTTP 503 Service Unavailable");
        }
    }

    @Test
    void credentialsTheClientCannotUseAreAnError() {
        Advice advice = ConnectionProbe.probe(
                settings("https://cora.example.com", Authentication.BASIC), "a:b", "pw", null, REMEDIES);
        assertThat(advice).isEqualTo(Advice.error("user name must not contain ':' (HTTP Basic cannot carry it)"));
    }
}
