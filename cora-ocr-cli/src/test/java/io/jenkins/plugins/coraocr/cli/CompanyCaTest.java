package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import io.jenkins.plugins.coraocr.client.testing.TlsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ca-file} against an HTTPS server on 127.0.0.1 whose certificate comes from a CA made in the test:
 * trusted with the CA's certificate, refused without it, with a message that names the certificate and the
 * option.
 */
class CompanyCaTest {
    @TempDir
    Path directory;

    @Test
    void withoutTheCaTheCertificateIsRefusedNamingSubjectIssuerAndCaFile() {
        try (TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            Cli.Result result = Cli.run("wait", "--url", server.url(), "--workflow-id", "7", "--poll-interval", "1s");

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(result.errLines())
                    .last()
                    .satisfies(line -> assertThat(line)
                            .contains("the server's certificate is not trusted: subject ")
                            .contains("issued by O=Cora OCR tests,CN=Cora OCR Test CA")
                            .endsWith("To fix: If the certificate comes from your company's own CA, add that CA's"
                                    + " certificate (--ca-file FILE)."));
            server.awaitHandshakeFailures(1, Duration.ofSeconds(30));
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void theCaFileMakesTheServerTrusted() throws IOException {
        Path ca = Files.writeString(
                directory.resolve("company-ca.pem"),
                TestCertificates.authority().pem());
        try (TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            Cli.Result result = Cli.run(
                    "wait",
                    "--url",
                    server.url(),
                    "--workflow-id",
                    "7",
                    "--poll-interval",
                    "1s",
                    "--ca-file",
                    ca.toString());

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.out()).contains("OCR workflow 7 PASSED");
            assertThat(server.requests()).hasSize(1);
            assertThat(server.handshakeFailures()).isEmpty();
        }
    }

    @Test
    void aBundleOfSeveralCasFromTheEnvironmentWorksToo() throws IOException {
        // The server's CA second, after an unrelated one, as in a company bundle.
        String bundle = TestCertificates.otherAuthority().pem()
                + TestCertificates.authority().pem();
        Path ca = Files.writeString(directory.resolve("bundle.pem"), bundle);
        try (TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            Cli.Result result = Cli.run(
                    Map.of("CORA_OCR_CA_FILE", ca.toString()), "status", "--url", server.url(), "--workflow-id", "7");

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.out()).isEqualTo("OCR workflow 7: Completed (NoError), ExternalContext \"x\"\n");
        }
    }

    @Test
    void aCertificateForAnotherHostSaysToUseItsName() throws IOException {
        Path ca = Files.writeString(
                directory.resolve("company-ca.pem"),
                TestCertificates.authority().pem());
        try (TlsServer server = TlsServer.start(TestCertificates.wrongHost())) {
            Cli.Result result =
                    Cli.run("status", "--url", server.url(), "--workflow-id", "7", "--ca-file", ca.toString());

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(result.err())
                    .contains("the server's certificate is issued for cora.example.com, not for 127.0.0.1")
                    .contains("(the host in the URL). To fix: Use a host name the certificate is issued for in the URL"
                            + " (--url).");
            assertThat(server.requests()).isEmpty();
        }
    }
}
