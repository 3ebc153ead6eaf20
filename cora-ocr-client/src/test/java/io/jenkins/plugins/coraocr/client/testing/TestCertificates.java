package io.jenkins.plugins.coraocr.client.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for TLS tests, made with BouncyCastle and kept for the life of the JVM, so that many tests cost one
 * key generation each. Keys are EC P-256 and signatures SHA256withECDSA, made by the JDK's own providers (no
 * provider is registered).
 *
 * <p>Subject alternative names are written {@code "DNS:localhost"} or {@code "IP:127.0.0.1"}.
 */
public final class TestCertificates {
    /** The password of every key store made here. */
    public static final String KEY_STORE_PASSWORD = "changeit";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Authority> AUTHORITIES = new ConcurrentHashMap<>();
    private static final Map<String, ServerIdentity> IDENTITIES = new ConcurrentHashMap<>();

    private TestCertificates() {}

    /** A certificate authority: self-signed, {@code basicConstraints CA:true}, allowed to sign certificates. */
    public static final class Authority {
        private final KeyPair keys;
        private final X509Certificate certificate;

        private Authority(String commonName) {
            keys = newKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ", O=Cora OCR tests");
            certificate = sign(authorityExtensions(builder(name, name, keys), keys), keys.getPrivate());
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** The certificate as PEM text, as a user would paste it in an "extra CA certificates" field. */
        public String pem() {
            return TestCertificates.pem(certificate);
        }

        /** A server certificate for these names, signed by this authority; the same one on every call. */
        public ServerIdentity issue(String... subjectAlternativeNames) {
            String key = "issued " + certificate.getSubjectX500Principal() + " " + List.of(subjectAlternativeNames);
            return IDENTITIES.computeIfAbsent(key, k -> {
                KeyPair serverKeys = newKeyPair();
                X500Name issuer = X500Name.getInstance(
                        certificate.getSubjectX500Principal().getEncoded());
                X509Certificate leaf = sign(
                        serverExtensions(
                                builder(serverName(subjectAlternativeNames), issuer, serverKeys),
                                serverKeys,
                                certificate,
                                subjectAlternativeNames),
                        keys.getPrivate());
                return new ServerIdentity(serverKeys.getPrivate(), List.of(leaf, certificate));
            });
        }
    }

    /** A server's private key and certificate chain (leaf first), ready for a key store or an SSLContext. */
    public static final class ServerIdentity {
        private final PrivateKey privateKey;
        private final List<X509Certificate> chain;

        private ServerIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
            this.privateKey = privateKey;
            this.chain = List.copyOf(chain);
        }

        public PrivateKey privateKey() {
            return privateKey;
        }

        public List<X509Certificate> chain() {
            return chain;
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        public String certificatePem() {
            return pem(certificate());
        }

        /** A new PKCS12 key store holding the key and chain under alias "server", password {@link TestCertificates#KEY_STORE_PASSWORD}. */
        public KeyStore keyStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(
                        "server", privateKey, KEY_STORE_PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build a key store", e);
            }
        }

        /** A server-side SSLContext presenting this identity. */
        public SSLContext sslContext() {
            try {
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keyStore(), KEY_STORE_PASSWORD.toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build a server SSLContext", e);
            }
        }
    }

    /** The authority of these tests, "Cora OCR Test CA". */
    public static Authority authority() {
        return AUTHORITIES.computeIfAbsent("Cora OCR Test CA", Authority::new);
    }

    /** A second, unrelated authority: for "signed by someone else" and for a PEM of two CAs. */
    public static Authority otherAuthority() {
        return AUTHORITIES.computeIfAbsent("Other Test CA", Authority::new);
    }

    /** {@link #authority()}'s certificate for {@code DNS:localhost} and {@code IP:127.0.0.1}: right for the servers. */
    public static ServerIdentity localhost() {
        return authority().issue("DNS:localhost", "IP:127.0.0.1");
    }

    /** {@link #authority()}'s certificate for {@code DNS:cora.example.com} only: wrong for 127.0.0.1. */
    public static ServerIdentity wrongHost() {
        return authority().issue("DNS:cora.example.com");
    }

    /** A self-signed certificate (no CA) for {@code DNS:localhost} and {@code IP:127.0.0.1}. */
    public static ServerIdentity selfSigned() {
        return IDENTITIES.computeIfAbsent("self-signed", k -> {
            String[] names = {"DNS:localhost", "IP:127.0.0.1"};
            KeyPair keys = newKeyPair();
            X500Name name = serverName(names);
            X509Certificate certificate =
                    sign(serverExtensions(builder(name, name, keys), keys, null, names), keys.getPrivate());
            return new ServerIdentity(keys.getPrivate(), List.of(certificate));
        });
    }

    /** PEM text with two CA certificates: {@link #authority()} then {@link #otherAuthority()}. */
    public static String twoAuthoritiesPem() {
        return authority().pem() + otherAuthority().pem();
    }

    /**
     * PEM text a certificate parser must reject: correct armour and valid Base64, but the DER inside is cut off
     * half-way, as when a paste was truncated.
     */
    public static String brokenPem() {
        try {
            byte[] der = authority().certificate().getEncoded();
            byte[] half = Arrays.copyOf(der, der.length / 2);
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(half)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client-side SSLContext that trusts these certificates and nothing else (not the JDK's CAs). */
    public static SSLContext clientTrusting(X509Certificate... anchors) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                trusted.setCertificateEntry("anchor-" + i, anchors[i]);
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a client SSLContext", e);
        }
    }

    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                subject,
                keys.getPublic());
    }

    private static X500Name serverName(String... subjectAlternativeNames) {
        String first = subjectAlternativeNames.length == 0 ? "server" : subjectAlternativeNames[0];
        return new X500Name("CN=" + first.substring(first.indexOf(':') + 1) + ", O=Cora OCR tests");
    }

    private static X509v3CertificateBuilder authorityExtensions(X509v3CertificateBuilder builder, KeyPair keys) {
        try {
            return builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot add certificate extensions", e);
        }
    }

    /** Leaf extensions; {@code issuer} is null for a self-signed certificate. */
    private static X509v3CertificateBuilder serverExtensions(
            X509v3CertificateBuilder builder, KeyPair keys, X509Certificate issuer, String... subjectAlternativeNames) {
        try {
            GeneralName[] names = new GeneralName[subjectAlternativeNames.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = generalName(subjectAlternativeNames[i]);
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(
                            Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            if (issuer != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            }
            return builder;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot add certificate extensions", e);
        }
    }

    private static GeneralName generalName(String subjectAlternativeName) {
        if (subjectAlternativeName.startsWith("DNS:")) {
            return new GeneralName(GeneralName.dNSName, subjectAlternativeName.substring(4));
        }
        if (subjectAlternativeName.startsWith("IP:")) {
            return new GeneralName(GeneralName.iPAddress, subjectAlternativeName.substring(3));
        }
        throw new IllegalArgumentException("write DNS:name or IP:address, not " + subjectAlternativeName);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }
}
