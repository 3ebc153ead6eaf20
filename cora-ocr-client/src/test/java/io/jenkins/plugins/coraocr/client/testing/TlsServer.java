package io.jenkins.plugins.coraocr.client.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS/1.1 server on 127.0.0.1 presenting a given certificate, answering every request with a configurable
 * answer (by default {@link SoapAnswers#completed}), with keep-alive. It records requests and failed TLS handshakes,
 * so tests can tell "trusted through the extra CA" from "untrusted without it" and "wrong host name".
 */
public final class TlsServer extends RecordingServer<RecordedRequest> {
    private final Function<RecordedRequest, HttpAnswer> answer;
    private final List<String> handshakeFailures = new ArrayList<>(); // guarded by acceptor

    private TlsServer(SSLContext context, Function<RecordedRequest, HttpAnswer> answer) {
        super("tls-server", serverSocket(context));
        this.answer = Objects.requireNonNull(answer, "answer");
        listen();
    }

    private static ServerSocket serverSocket(SSLContext context) {
        try {
            return context.getServerSocketFactory().createServerSocket();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a TLS server socket", e);
        }
    }

    /** Presents {@code identity} and answers with {@link SoapAnswers#completed}. */
    public static TlsServer start(TestCertificates.ServerIdentity identity) {
        return start(identity.sslContext(), SoapAnswers::completed);
    }

    public static TlsServer start(
            TestCertificates.ServerIdentity identity, Function<RecordedRequest, HttpAnswer> answer) {
        return start(identity.sslContext(), answer);
    }

    /** Uses any server-side SSLContext, for example one limited to some protocol versions. */
    public static TlsServer start(SSLContext serverContext, Function<RecordedRequest, HttpAnswer> answer) {
        return new TlsServer(serverContext, answer);
    }

    @Override
    public String url() {
        return "https://127.0.0.1:" + port();
    }

    /**
     * The exception (class and message) of every TLS handshake that failed, usually because the client did not
     * trust the certificate.
     */
    public List<String> handshakeFailures() {
        return acceptor.read(() -> List.copyOf(handshakeFailures));
    }

    public List<String> awaitHandshakeFailures(int count, Duration timeout) {
        acceptor.await(
                timeout,
                () -> handshakeFailures.size() >= count,
                () -> count + " failed handshake(s), got " + handshakeFailures);
        return handshakeFailures();
    }

    @Override
    void serve(Link link) throws IOException {
        try {
            ((SSLSocket) link.socket()).startHandshake();
        } catch (IOException e) {
            if (acceptor.isClosing()) {
                return;
            }
            // A client that distrusts the certificate sends an alert, or just closes or resets the connection.
            acceptor.update(() -> handshakeFailures.add(e.toString()));
            link.markClosedByClient();
            return;
        }
        while (true) {
            RecordedRequest request = HttpWire.readRequest(link.id(), link.in(), link.out());
            record(request);
            link.write(answer.apply(request).toBytes());
        }
    }
}
