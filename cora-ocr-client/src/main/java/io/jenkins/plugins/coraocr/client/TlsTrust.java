package io.jenkins.plugins.coraocr.client;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's own TLS trust: the JVM's default CAs plus the configured extra ones, in an SSLContext of
 * its own (the JVM's default context is never changed). It also shows the failure classification which
 * certificates the server presented, so that an "untrusted certificate" message can name them.
 */
final class TlsTrust {
    private TlsTrust() {}

    /**
     * @param seen receives every chain a server presents, before it is checked
     */
    static SSLContext context(TrustedCertificates extra, Consumer<X509Certificate[]> seen) {
        try {
            X509ExtendedTrustManager trust = trustManager(extra);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recording(trust, seen)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JVM's TLS trust cannot be set up: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(TrustedCertificates extra)
            throws GeneralSecurityException, IOException {
        X509ExtendedTrustManager jvm = from(null);
        if (extra.isEmpty()) {
            return jvm;
        }
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int index = 0;
        for (X509Certificate certificate : jvm.getAcceptedIssuers()) {
            anchors.setCertificateEntry("jvm-" + index++, certificate);
        }
        for (X509Certificate certificate : extra.certificates()) {
            anchors.setCertificateEntry("configured-" + index++, certificate);
        }
        return from(anchors);
    }

    private static X509ExtendedTrustManager from(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return Arrays.stream(factory.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /** Server checks only: this client never accepts connections. Host names are checked by HttpClient. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final Consumer<X509Certificate[]> seen;

        Recording(X509ExtendedTrustManager delegate, Consumer<X509Certificate[]> seen) {
            this.delegate = delegate;
            this.seen = seen;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            seen.accept(chain);
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            seen.accept(chain);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            seen.accept(chain);
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("this client does not accept TLS clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("this client does not accept TLS clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this client does not accept TLS clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
