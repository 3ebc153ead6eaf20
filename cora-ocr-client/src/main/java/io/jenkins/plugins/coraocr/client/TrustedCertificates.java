package io.jenkins.plugins.coraocr.client;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CA certificates trusted in addition to the JVM's own, for servers whose certificate comes from a
 * company CA. Read from PEM text: one or more {@code -----BEGIN CERTIFICATE-----} blocks; text around
 * the blocks (such as the {@code subject=} lines tools write) is ignored.
 */
public final class TrustedCertificates {
    private static final TrustedCertificates NONE = new TrustedCertificates(List.of());
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)(-----END \\1-----|\\z)", Pattern.DOTALL);

    private final List<X509Certificate> certificates;

    private TrustedCertificates(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /** Only the JVM's default trust. */
    public static TrustedCertificates none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException naming the certificate by its position (and line) and what is
     *     wrong with it; blank text is {@link #none()}
     */
    public static TrustedCertificates fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            return NONE;
        }
        List<X509Certificate> parsed = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        int position = 0;
        while (block.find()) {
            position++;
            String where = "certificate " + position + " (line " + line(pem, block.start()) + ")";
            if (!block.group(1).equals("CERTIFICATE")) {
                throw new IllegalArgumentException(where + " is a " + block.group(1)
                        + " block, not a CERTIFICATE; only CA certificates belong here");
            }
            if (block.group(3).isEmpty()) {
                throw new IllegalArgumentException(where + " has no -----END CERTIFICATE----- line");
            }
            parsed.add(certificate(where, block.group(2)));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(
                    "no certificate found: expected PEM text with -----BEGIN CERTIFICATE----- blocks");
        }
        return new TrustedCertificates(parsed);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedCertificates && ((TrustedCertificates) other).certificates.equals(certificates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificates);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            text.append(text.length() == 0 ? "" : "; ")
                    .append(certificate.getSubjectX500Principal().getName());
        }
        return certificates.isEmpty() ? "the JVM's trusted CAs" : "the JVM's trusted CAs and " + text;
    }

    private static X509Certificate certificate(String where, String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not valid base64");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(where + " is not an X.509 certificate");
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
