package io.jenkins.plugins.coraocr.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestCertificatesTest {
    @Test
    void theAuthorityIsASelfSignedCaWhosePemParsesBack() throws Exception {
        X509Certificate ca = TestCertificates.authority().certificate();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        ca.checkValidity();

        String pem = TestCertificates.authority().pem();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
        assertThat(parse(pem)).containsExactly(ca);
        assertThat(TestCertificates.authority()).isSameAs(TestCertificates.authority());
    }

    @Test
    void theLocalhostIdentityIsIssuedByTheAuthorityForTheLoopbackNames() throws Exception {
        TestCertificates.ServerIdentity identity = TestCertificates.localhost();
        X509Certificate leaf = identity.certificate();
        assertThat(subjectAlternativeNames(leaf))
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(identity.chain())
                .containsExactly(leaf, TestCertificates.authority().certificate());
        validate(identity.chain(), TestCertificates.authority().certificate());
        assertThat(parse(identity.certificatePem())).containsExactly(leaf);
        assertThat(TestCertificates.localhost()).isSameAs(identity);
    }

    @Test
    void theWrongHostIdentityNamesOnlyCoraExampleCom() throws Exception {
        X509Certificate leaf = TestCertificates.wrongHost().certificate();
        assertThat(subjectAlternativeNames(leaf)).containsExactly(List.of(2, "cora.example.com"));
        validate(
                TestCertificates.wrongHost().chain(),
                TestCertificates.authority().certificate());
    }

    @Test
    void theSelfSignedIdentityHasNoIssuerButItself() throws Exception {
        X509Certificate leaf = TestCertificates.selfSigned().certificate();
        assertThat(TestCertificates.selfSigned().chain()).containsExactly(leaf);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(leaf.getSubjectX500Principal());
        leaf.verify(leaf.getPublicKey());
        assertThatThrownBy(() ->
                        leaf.verify(TestCertificates.authority().certificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void theTwoAuthoritiesPemHoldsTwoDistinctCas() throws Exception {
        assertThat(parse(TestCertificates.twoAuthoritiesPem()))
                .containsExactly(
                        TestCertificates.authority().certificate(),
                        TestCertificates.otherAuthority().certificate());
        assertThatThrownBy(() -> validate(
                        TestCertificates.localhost().chain(),
                        TestCertificates.otherAuthority().certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void theBrokenPemIsRejectedByTheJdkParser() {
        String broken = TestCertificates.brokenPem();
        assertThat(broken).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> parse(broken)).isInstanceOf(CertificateException.class);
    }

    @Test
    void theKeyStoreHoldsTheKeyAndTheChain() throws Exception {
        KeyStore store = TestCertificates.localhost().keyStore();
        assertThat(store.isKeyEntry("server")).isTrue();
        assertThat(store.getCertificateChain("server")).hasSize(2);
        assertThat(store.getKey("server", TestCertificates.KEY_STORE_PASSWORD.toCharArray()))
                .isEqualTo(TestCertificates.localhost().privateKey());
    }

    private static List<Certificate> parse(String pem) throws CertificateException {
        return List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    }

    private static Collection<List<?>> subjectAlternativeNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames();
    }

    private static void validate(List<X509Certificate> chain, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1)), parameters);
    }
}
