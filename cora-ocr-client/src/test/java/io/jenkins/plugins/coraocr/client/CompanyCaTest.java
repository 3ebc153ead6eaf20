package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import io.jenkins.plugins.coraocr.client.testing.TlsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTPS to a server whose certificate comes from a CA the JVM does not know, as company CAs are. */
class CompanyCaTest {
    private TlsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CoraOcrClient.Builder client() {
        return CoraOcrClient.builder(server.endpointUrl().toString());
    }

    @Test
    void theCompanyCaGivenAsPemMakesTheServerTrusted() throws Exception {
        server = TlsServer.start(TestCertificates.localhost());
        try (CoraOcrClient client = client().trustedCertificates(
                        TrustedCertificates.fromPem(TestCertificates.authority().pem()))
                .build()) {
            assertThat(client.getStatus(3).rawStatus()).isEqualTo("Completed");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void withoutItTheCertificateIsUntrustedAndTheMessageNamesItsSubjectAndIssuer() {
        server = TlsServer.start(TestCertificates.localhost());
        try (CoraOcrClient client = client().build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(3));
            assertThat(failure.kind()).isEqualTo(FailureKind.CERTIFICATE_UNTRUSTED);
            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure.getMessage())
                    .contains("the server's certificate is not trusted: subject "
                            + TestCertificates.localhost()
                                    .certificate()
                                    .getSubjectX500Principal()
                                    .getName())
                    .contains("issued by "
                            + TestCertificates.authority()
                                    .certificate()
                                    .getSubjectX500Principal()
                                    .getName())
                    .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]+Exception");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anotherCaDoesNotHelp() {
        server = TlsServer.start(TestCertificates.localhost());
        try (CoraOcrClient client = client().trustedCertificates(TrustedCertificates.fromPem(
                        TestCertificates.otherAuthority().pem()))
                .build()) {
            assertThat(catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(3))
                            .kind())
                    .isEqualTo(FailureKind.CERTIFICATE_UNTRUSTED);
        }
    }

    @Test
    void aCertificateForAnotherNameFailsNamingTheHostAndTheCertificatesNames() {
        server = TlsServer.start(TestCertificates.wrongHost());
        try (CoraOcrClient client = client().trustedCertificates(
                        TrustedCertificates.fromPem(TestCertificates.authority().pem()))
                .build()) {
            CoraOcrException failure = catchThrowableOfType(CoraOcrException.class, () -> client.getStatus(3));
            assertThat(failure.kind()).isEqualTo(FailureKind.CERTIFICATE_NAME_MISMATCH);
            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure.getMessage())
                    .contains("the server's certificate is issued for cora.example.com, not for 127.0.0.1");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void severalCertificatesMayBeGivenAndABrokenOneIsNamedByItsPosition() {
        assertThat(TrustedCertificates.fromPem(TestCertificates.twoAuthoritiesPem())
                        .certificates())
                .hasSize(2);
        assertThatThrownBy(() -> TrustedCertificates.fromPem(TestCertificates.brokenPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("certificate 1 (line 1) is not an X.509 certificate");
        String second =
                TestCertificates.authority().pem() + "\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> TrustedCertificates.fromPem(second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate 2 (line ")
                .hasMessageContaining("is a PRIVATE KEY block, not a CERTIFICATE");
        assertThatThrownBy(() -> TrustedCertificates.fromPem("not a certificate"))
                .hasMessageStartingWith("no certificate found");
    }
}
