package io.jenkins.plugins.coraocr.client.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP server on raw sockets that misbehaves on purpose, to test what a client does when the network or the
 * service is slow, silent or broken.
 *
 * <p>It follows a script of {@link Behaviour}s: each time it is ready for a request (on a new connection, or when
 * another request starts on a kept connection) it takes the next behaviour; the last one repeats for good. So
 * {@code start(respond(a))} answers every request with {@code a}, and {@code start(stallHeaders(), respond(a))}
 * stalls the first request and answers the others.
 *
 * <p>It records every connection (with who closed it) and every request it read.
 */
public final class HostileServer extends RecordingServer<RecordedRequest> {
    private final List<Behaviour> script;
    private int nextBehaviour; // guarded by acceptor

    /** What the server does with one request slot. Made by the static methods of {@link HostileServer}. */
    public static final class Behaviour {
        private final String description;
        private final Step step;

        private Behaviour(String description, Step step) {
            this.description = description;
            this.step = step;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private interface Step {
        /** Serves one slot; true if the connection stays open for another request. */
        boolean serve(HostileServer server, Link link) throws IOException, InterruptedException;
    }

    private HostileServer(List<Behaviour> script) {
        super("hostile-server");
        this.script = script;
        listen();
    }

    public static HostileServer start(Behaviour first, Behaviour... then) {
        List<Behaviour> script = new ArrayList<>();
        script.add(Objects.requireNonNull(first, "first"));
        script.addAll(List.of(then));
        return new HostileServer(List.copyOf(script));
    }

    /**
     * Reads the request, then never answers; keeps reading so that it sees the client close the connection (as
     * {@link ConnectionRecord.State#CLOSED_BY_CLIENT}). Sends no {@code 100 Continue} either.
     */
    public static Behaviour stallHeaders() {
        return new Behaviour("stallHeaders", (server, link) -> {
            server.read(link, false);
            link.drainUntilClientCloses();
            return false;
        });
    }

    /**
     * Accepts the connection and never reads from it or writes to it, until the server is closed. As nothing
     * reads, the server cannot see the client leave: the connection stays {@link ConnectionRecord.State#OPEN} in
     * the records; use {@link #stallHeaders()} to observe the client giving up.
     */
    public static Behaviour neverRead() {
        return new Behaviour("neverRead", (server, link) -> {
            link.awaitEnd();
            return false;
        });
    }

    /**
     * Reads the request and sends the status line and headers at once, then the body one byte every {@code
     * perByte}. Watches for the client closing meanwhile, and closes the connection after the last byte.
     */
    public static Behaviour trickleBody(HttpAnswer answer, Duration perByte) {
        return new Behaviour("trickleBody(" + answer + ", " + perByte + ")", (server, link) -> {
            server.read(link, true);
            link.watchForClientClose();
            link.write(answer.head());
            trickle(link, answer.body(), perByte);
            return false;
        });
    }

    /** {@link #trickleBody(HttpAnswer, Duration)} of a 200 {@code text/xml} answer with this body. */
    public static Behaviour trickleBody(byte[] body, Duration perByte) {
        return trickleBody(HttpAnswer.status(200).withBody(SoapAnswers.Version.SOAP_11.contentType(), body), perByte);
    }

    /** {@link #trickleBody(HttpAnswer, Duration)} of a 200 {@code text/xml} answer with this UTF-8 body. */
    public static Behaviour trickleBody(String body, Duration perByte) {
        return trickleBody(body.getBytes(StandardCharsets.UTF_8), perByte);
    }

    /**
     * Reads the request and sends the status line and headers one byte every {@code perByte}, then the body at
     * once. Watches for the client closing meanwhile, and closes the connection after the answer.
     */
    public static Behaviour trickleHeaders(HttpAnswer answer, Duration perByte) {
        return new Behaviour("trickleHeaders(" + answer + ", " + perByte + ")", (server, link) -> {
            server.read(link, true);
            link.watchForClientClose();
            if (trickle(link, answer.head(), perByte)) {
                link.write(answer.body());
            }
            return false;
        });
    }

    /** Reads the request and sends a well-formed answer; the connection stays open for the next request. */
    public static Behaviour respond(HttpAnswer answer) {
        return respondRaw(answer.toBytes(), "respond(" + answer + ")");
    }

    /**
     * Reads the request and sends these bytes as they are (any status, any headers, broken framing, control
     * characters); the connection stays open for the next request, so the bytes should frame themselves, for
     * example with a Content-Length.
     */
    public static Behaviour respondRaw(byte[] bytes) {
        return respondRaw(bytes, "respondRaw(" + bytes.length + " bytes)");
    }

    private static Behaviour respondRaw(byte[] bytes, String description) {
        byte[] copy = bytes.clone();
        return new Behaviour(description, (server, link) -> {
            server.read(link, true);
            link.write(copy);
            return true;
        });
    }

    /** Reads the request, sends these bytes, and closes the connection: for answers that end with the connection. */
    public static Behaviour respondRawAndClose(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Behaviour("respondRawAndClose(" + bytes.length + " bytes)", (server, link) -> {
            server.read(link, true);
            link.write(copy);
            return false;
        });
    }

    /** Reads the request and closes the connection without a byte of answer. */
    public static Behaviour closeAfterRequest() {
        return new Behaviour("closeAfterRequest", (server, link) -> {
            server.read(link, true);
            return false;
        });
    }

    /** Waits until the client closed connection {@code id} (1 for the first) and returns its record. */
    public ConnectionRecord awaitClosedByClient(int id, Duration timeout) {
        return acceptor.awaitClosedByClient(id, timeout);
    }

    @Override
    void serve(Link link) throws IOException, InterruptedException {
        while (nextBehaviour().step.serve(this, link)) {
            if (!link.awaitRequestStart()) {
                return;
            }
        }
    }

    private Behaviour nextBehaviour() {
        return acceptor.read(() -> script.get(Math.min(nextBehaviour++, script.size() - 1)));
    }

    private RecordedRequest read(Link link, boolean sendContinue) throws IOException {
        RecordedRequest request = HttpWire.readRequest(link.id(), link.in(), sendContinue ? link.out() : null);
        record(request);
        return request;
    }

    /** Writes one byte per {@code perByte}; false if the client left before the end. */
    private static boolean trickle(Link link, byte[] bytes, Duration perByte) throws IOException, InterruptedException {
        for (byte b : bytes) {
            if (!link.pause(perByte)) {
                return false;
            }
            link.write(new byte[] {b});
        }
        return true;
    }
}
