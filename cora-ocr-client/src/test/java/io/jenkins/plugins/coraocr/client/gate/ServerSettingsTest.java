package io.jenkins.plugins.coraocr.client.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of each field of a configured server, as a form or a configuration file meets them. */
class ServerSettingsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | name: a server name is required",
                "has space | name: 'has space' is not a valid server name",
                "-dash | name: '-dash' is not a valid server name",
            })
    void namesAreShortWordsAndTheMessageShowsTheValue(String name, String message) {
        assertThatThrownBy(() -> ServerSettings.checkName(name)).hasMessageStartingWith(message);
    }

    @Test
    void aValidNameIsTrimmed() {
        assertThat(ServerSettings.checkName(" prod-1.eu_west ")).isEqualTo("prod-1.eu_west");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | url: the server URL is required",
                "ftp://cora.example.com | url: server URL 'ftp://cora.example.com' must start with http:// or https://",
                "https://user:pw@cora.example.com | must not contain a user name or password",
                "cora.example.com | has no scheme: write https://cora.example.com",
                "http://cora.example.com:70000 | has the port 70000",
            })
    void urlsFollowTheEndpointRule(String url, String message) {
        assertThatThrownBy(() -> ServerSettings.checkUrl(url)).hasMessageContaining(message);
    }

    @Test
    void timeoutsAndCertificatesAreCheckedWithTheFieldNamed() {
        assertThatThrownBy(() -> ServerSettings.checkTimeout("readTimeoutSeconds", 0))
                .hasMessage("readTimeoutSeconds: must be between 1 and 3600 seconds, got 0");
        assertThatThrownBy(() -> ServerSettings.checkTrustedCertificates(TestCertificates.brokenPem()))
                .hasMessageStartingWith("trustedCertificates: certificate 1 (line 1) is not an X.509 certificate");
        assertThat(ServerSettings.checkTrustedCertificates("  ")).isNull();
    }

    @Test
    void aTimeoutMissingFromASavedConfigurationTakesItsDefault() {
        assertThat(ServerSettings.savedTimeout("connectTimeoutSeconds", 0)).isEqualTo(10);
        assertThat(ServerSettings.savedTimeout("readTimeoutSeconds", 0)).isEqualTo(30);
        assertThat(ServerSettings.savedTimeout("readTimeoutSeconds", 45)).isEqualTo(45);
    }

    @Test
    void aSavedTimeoutOutOfRangeLoadsAndIsReportedWhenTheSettingsAreUsed() {
        // Refusing it while loading would drop the server from the configuration at its next save.
        int loaded = ServerSettings.savedTimeout("readTimeoutSeconds", -5);
        assertThat(loaded).isEqualTo(-5);
        assertThatThrownBy(() -> new ServerSettings(
                        "https://cora.example.com", Authentication.BASIC, null, SoapVersion.SOAP_11, 10, loaded))
                .hasMessage("readTimeoutSeconds: must be between 1 and 3600 seconds, got -5");
    }

    @Test
    void certificatesPastedInABrowserEqualTheSameCertificatesFromAConfigurationFile() {
        String pem = TestCertificates.twoAuthoritiesPem();
        String fromBrowser = "\r\n" + pem.replace("\n", "\r\n") + "\r\n";
        assertThat(ServerSettings.checkTrustedCertificates(fromBrowser))
                .isEqualTo(ServerSettings.checkTrustedCertificates(pem))
                .doesNotContain("\r");
    }

    @Test
    void aFormsStringsTakeTheDefaultsWhenBlank() {
        ServerSettings fromForm = ServerSettings.fromForm("https://cora.example.com", "", null, "", "", null);
        assertThat(fromForm)
                .isEqualTo(new ServerSettings(
                        "https://cora.example.com", Authentication.BASIC, null, SoapVersion.SOAP_11, 10, 30));
        assertThat(ServerSettings.fromForm("https://cora.example.com", "NTLM", null, "1.2", "5", "60"))
                .isEqualTo(new ServerSettings(
                        "https://cora.example.com", Authentication.NTLM, null, SoapVersion.SOAP_12, 5, 60));
        assertThatThrownBy(() -> ServerSettings.fromForm("https://cora.example.com", null, null, null, "ten", null))
                .hasMessage("connectTimeoutSeconds: 'ten' is not a whole number");
    }

    @Test
    void theUrlAdviceShowsTheEndpointAndWarnsAboutPasswordsOverPlainHttp() {
        assertThat(ServerSettings.urlAdvice("https://cora.example.com", true))
                .isEqualTo(Advice.ok(
                        "GetStatus goes to https://cora.example.com/SequenceServices/coraOcrIntegration_v1.0.0.asmx"));
        assertThat(ServerSettings.urlAdvice("http://cora.example.com", true).level())
                .isEqualTo(Advice.Level.WARNING);
        assertThat(ServerSettings.urlAdvice("http://cora.example.com", false).level())
                .isEqualTo(Advice.Level.OK);
        assertThat(ServerSettings.urlAdvice("gopher://x", false).level()).isEqualTo(Advice.Level.ERROR);
    }
}
