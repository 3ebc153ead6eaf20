package io.jenkins.plugins.coraocr.client.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP/1.1 forward proxy on raw sockets, that forwards to 127.0.0.1 only.
 *
 * <p>Absolute-URI requests ({@code POST http://127.0.0.1:PORT/path HTTP/1.1}) are sent on to the origin and the
 * answer relayed back as its bytes arrive (a slow origin stays slow). Each client connection keeps its own origin
 * connection while it asks the same origin, as proxies pin connections for NTLM, so a Windows logon through the
 * proxy works. {@code CONNECT host:port} opens a tunnel that relays bytes both ways, so HTTPS works through it.
 *
 * <p>Options: Basic proxy authentication ({@code 407} with {@code Proxy-Authenticate: Basic realm="proxy"} to
 * anything without the right {@code Proxy-Authorization}), and answering {@code 502} or {@code 504} itself, with a
 * page and headers naming {@value #NAME}, instead of forwarding. Any other target host than 127.0.0.1 or
 * localhost gets {@code 403} from the proxy itself, without a connection attempt or a name lookup.
 */
public final class ForwardingProxy extends RecordingServer<ForwardingProxy.ProxiedRequest> {
    /** In {@code Server} and {@code Via} of everything the proxy adds or answers itself, and in its pages. */
    public static final String NAME = "test-proxy";

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String expectedAuthorization;
    private final int ownStatus;

    /**
     * One request the proxy handled.
     *
     * @param target the request target as the client sent it: an absolute URI, or host:port for CONNECT
     * @param authenticated whether it carried the right Proxy-Authorization (false when none is required)
     * @param proxyAuthorization the Proxy-Authorization value it carried, or null
     */
    public record ProxiedRequest(
            int connection,
            String method,
            String target,
            boolean authenticated,
            String proxyAuthorization,
            Outcome outcome) {}

    public enum Outcome {
        FORWARDED,
        TUNNELLED,
        /** Answered 407. */
        PROXY_AUTHENTICATION_REQUIRED,
        /** Answered 403: the target is not 127.0.0.1 or localhost. */
        REFUSED,
        /** Answered 400: not an absolute http URI nor a CONNECT. */
        NOT_A_PROXY_REQUEST,
        /** Answered 502: the origin could not be reached or broke off before a head. */
        ORIGIN_UNREACHABLE,
        /** Answered the configured 502 or 504 itself. */
        ANSWERED_ITSELF
    }

    public static final class Builder {
        private String user;
        private String password;
        private int ownStatus;

        private Builder() {}

        /** Requires {@code Proxy-Authorization: Basic base64(user:password)} on every request and CONNECT. */
        public Builder basicAuth(String proxyUser, String proxyPassword) {
            this.user = Objects.requireNonNull(proxyUser, "proxyUser");
            this.password = Objects.requireNonNull(proxyPassword, "proxyPassword");
            return this;
        }

        /** Answers every (authenticated) request and CONNECT with this status (502 or 504) and forwards nothing. */
        public Builder answerItself(int status) {
            if (status != 502 && status != 504) {
                throw new IllegalArgumentException("a proxy fails with 502 or 504, not " + status);
            }
            this.ownStatus = status;
            return this;
        }

        public ForwardingProxy start() {
            return new ForwardingProxy(this);
        }
    }

    private ForwardingProxy(Builder builder) {
        super("forwarding-proxy");
        expectedAuthorization = builder.user == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (builder.user + ":" + builder.password).getBytes(StandardCharsets.UTF_8));
        ownStatus = builder.ownStatus;
        listen();
    }

    /** A proxy without authentication that forwards everything to 127.0.0.1. */
    public static ForwardingProxy start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The origin connection a client connection keeps while it asks the same origin. */
    private static final class Upstream {
        final String authority;
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Upstream(String authority, Socket socket) throws IOException {
            this.authority = authority;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }
    }

    /** One client connection: what the client sends, and the origin connection it has pinned. */
    private static final class Session {
        final Link link;
        final InputStream fromClient;
        final AtomicReference<Upstream> upstream = new AtomicReference<>();

        Session(Link link, InputStream fromClient) {
            this.link = link;
            this.fromClient = fromClient;
        }

        void dropUpstream() {
            Upstream gone = upstream.getAndSet(null);
            if (gone != null) {
                Link.closeQuietly(gone.socket);
            }
        }
    }

    @Override
    void serve(Link link) throws IOException, InterruptedException {
        // A second thread reads the client, so that a client giving up is seen at once and its origin connection
        // closed, as a real proxy does, even while this thread waits for a slow origin.
        PipedInputStream fromClient = new PipedInputStream(64 * 1024);
        Session session = new Session(link, fromClient);
        link.pumpInput(new PipedOutputStream(fromClient), session::dropUpstream);
        try {
            while (true) {
                RecordedRequest request = HttpWire.readRequest(link.id(), fromClient, link.out());
                String authorization = request.header("Proxy-Authorization");
                boolean authenticated = expectedAuthorization != null && expectedAuthorization.equals(authorization);
                Outcome refusal = refusal(request, authenticated);
                if (refusal != null) {
                    record(request, authenticated, refusal);
                    link.write(ownAnswer(refusal).toBytes());
                } else if (request.method().equals("CONNECT")) {
                    tunnel(session, request, authenticated);
                    return;
                } else if (!forward(session, request, authenticated)) {
                    return;
                }
            }
        } finally {
            session.dropUpstream();
        }
    }

    /** Why the proxy answers this request itself, or null if it goes on to the origin. */
    private Outcome refusal(RecordedRequest request, boolean authenticated) {
        if (expectedAuthorization != null && !authenticated) {
            return Outcome.PROXY_AUTHENTICATION_REQUIRED;
        }
        Target target = Target.of(request);
        if (target == null) {
            return Outcome.NOT_A_PROXY_REQUEST;
        }
        if (!Loopback.isLoopbackName(target.host)) {
            return Outcome.REFUSED;
        }
        return ownStatus != 0 ? Outcome.ANSWERED_ITSELF : null;
    }

    /** Where a proxy request goes: host, port and (for absolute URIs) the origin-form target. */
    private record Target(String host, int port, String originForm) {
        static Target of(RecordedRequest request) {
            if (request.method().equals("CONNECT")) {
                int colon = request.target().lastIndexOf(':');
                if (colon <= 0) {
                    return null;
                }
                try {
                    return new Target(
                            request.target().substring(0, colon),
                            Integer.parseInt(request.target().substring(colon + 1)),
                            null);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            try {
                URI uri = new URI(request.target());
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    return null;
                }
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                return new Target(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), path + query);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        String authority() {
            return host + ":" + port;
        }
    }

    /**
     * Forwards one request on the pinned origin connection (opening one if needed) and relays the answer. A
     * failure is answered with 502 and never retried, so that an origin sees each request exactly once.
     *
     * @return whether the client connection can carry another request
     */
    private boolean forward(Session session, RecordedRequest request, boolean authenticated) throws IOException {
        Link link = session.link;
        Target target = Target.of(request);
        Upstream upstream = session.upstream.get();
        if (upstream != null && !upstream.authority.equals(target.authority())) {
            session.dropUpstream();
            upstream = null;
        }
        try {
            if (upstream == null) {
                Socket socket = connect(target);
                link.adopt(socket);
                upstream = new Upstream(target.authority(), socket);
                session.upstream.set(upstream);
            }
            upstream.out.write(originRequest(request, target));
            upstream.out.flush();
        } catch (IOException e) {
            session.dropUpstream();
            record(request, authenticated, Outcome.ORIGIN_UNREACHABLE);
            link.write(ownAnswer(Outcome.ORIGIN_UNREACHABLE).toBytes());
            return false;
        }
        record(request, authenticated, Outcome.FORWARDED);
        boolean headRelayed = false;
        try {
            HttpWire.Head answer = HttpWire.readHead(upstream.in);
            while (HttpWire.statusCode(answer) / 100 == 1) {
                answer = HttpWire.readHead(upstream.in); // interim answers: the proxy answered Expect itself
            }
            List<HttpHeader> headers = new ArrayList<>(answer.headers());
            headers.add(new HttpHeader("Via", "1.1 " + NAME));
            link.write(new HttpWire.Head(answer.startLine(), headers).toBytes());
            headRelayed = true;
            boolean endsWithConnection =
                    HttpWire.relayResponseBody(answer, request.method().equals("HEAD"), upstream.in, link.out());
            return !endsWithConnection
                    && !answer.hasToken("Connection", "close")
                    && !"close".equalsIgnoreCase(request.header("Connection"));
        } catch (IOException e) {
            // The origin broke off, or the client left and its origin connection was closed for it. A 502 can
            // only replace an answer that has not begun; a broken-off body ends with the client connection.
            session.dropUpstream();
            if (!headRelayed && !link.closedByClient()) {
                link.writeQuietly(ownAnswer(Outcome.ORIGIN_UNREACHABLE).toBytes());
            }
            return false;
        }
    }

    private static Socket connect(Target target) throws IOException {
        Socket socket = new Socket();
        try {
            // Never the name from the request: Target was checked to name 127.0.0.1.
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, target.port()), CONNECT_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            Link.closeQuietly(socket);
            throw e;
        }
    }

    /** The request in origin form, without the hop-by-hop headers meant for the proxy, body by Content-Length. */
    private static byte[] originRequest(RecordedRequest request, Target target) {
        List<HttpHeader> headers = new ArrayList<>();
        for (HttpHeader header : request.headers()) {
            if (!header.is("Proxy-Authorization")
                    && !header.is("Proxy-Connection")
                    && !header.is("Transfer-Encoding")
                    && !header.is("Content-Length")
                    && !header.is("Expect")) {
                headers.add(header);
            }
        }
        byte[] body = request.body();
        if (body.length > 0
                || request.header("Content-Length") != null
                || request.header("Transfer-Encoding") != null) {
            headers.add(new HttpHeader("Content-Length", Integer.toString(body.length)));
        }
        headers.add(new HttpHeader("Via", "1.1 " + NAME));
        byte[] head = new HttpWire.Head(request.method() + " " + target.originForm() + " HTTP/1.1", headers).toBytes();
        byte[] wire = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, wire, head.length, body.length);
        return wire;
    }

    /** Opens the tunnel of a CONNECT and relays both ways until either side ends. */
    private void tunnel(Session session, RecordedRequest request, boolean authenticated)
            throws IOException, InterruptedException {
        Link link = session.link;
        Socket origin;
        try {
            origin = connect(Target.of(request));
        } catch (IOException e) {
            record(request, authenticated, Outcome.ORIGIN_UNREACHABLE);
            link.write(ownAnswer(Outcome.ORIGIN_UNREACHABLE).toBytes());
            return;
        }
        link.adopt(origin);
        record(request, authenticated, Outcome.TUNNELLED);
        link.write(("HTTP/1.1 200 Connection established\r\nVia: 1.1 " + NAME + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Thread back = link.spawn("tunnel-back", () -> {
            try {
                HttpWire.copy(origin.getInputStream(), link.out(), Long.MAX_VALUE);
                link.socket().shutdownOutput();
            } catch (IOException ended) {
                // either side went away; the link's end closes the rest
            }
        });
        try {
            HttpWire.copy(session.fromClient, origin.getOutputStream(), Long.MAX_VALUE);
            origin.shutdownOutput();
        } catch (IOException originGone) {
            // the origin ended first; what it sent still goes back to the client
        }
        back.join();
    }

    private HttpAnswer ownAnswer(Outcome outcome) {
        return switch (outcome) {
            case PROXY_AUTHENTICATION_REQUIRED ->
                page(407, "The proxy needs your credentials.")
                        .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"");
            case REFUSED -> page(403, NAME + " forwards to 127.0.0.1 and localhost only.");
            case NOT_A_PROXY_REQUEST -> page(400, NAME + " takes absolute http URIs and CONNECT only.");
            case ORIGIN_UNREACHABLE -> page(502, NAME + " could not reach the origin server.");
            case ANSWERED_ITSELF ->
                page(
                        ownStatus,
                        ownStatus == 504
                                ? NAME + " timed out waiting for the origin server."
                                : NAME + " received an invalid answer from the origin server.");
            case FORWARDED, TUNNELLED -> throw new IllegalArgumentException(outcome + " is not an own answer");
        };
    }

    private static HttpAnswer page(int status, String message) {
        String title = status + " " + HttpAnswer.status(status).reason();
        return HttpAnswer.of(
                        status,
                        "text/html; charset=utf-8",
                        "<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + message
                                + "</p><hr><address>" + NAME + "</address></body></html>")
                .withHeader("Server", NAME)
                .withHeader("Via", "1.1 " + NAME);
    }

    private void record(RecordedRequest request, boolean authenticated, Outcome outcome) {
        ProxiedRequest entry = new ProxiedRequest(
                request.connection(),
                request.method(),
                request.target(),
                authenticated,
                request.header("Proxy-Authorization"),
                outcome);
        record(entry);
    }
}
