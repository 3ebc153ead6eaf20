package io.jenkins.plugins.coraocr.client.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/1.1 answer a test server sends: status line, headers in the given order, body. Immutable; every {@code
 * with...} method returns a new answer. {@code Content-Length} is added when neither it nor {@code
 * Transfer-Encoding} was given, so a test that sets a wrong {@code Content-Length} on purpose gets exactly that.
 */
public final class HttpAnswer {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"),
            Map.entry(200, "OK"),
            Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Found"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(407, "Proxy Authentication Required"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private final int status;
    private final String reason;
    private final List<HttpHeader> headers;
    private final byte[] body;

    private HttpAnswer(int status, String reason, List<HttpHeader> headers, byte[] body) {
        this.status = status;
        this.reason = reason;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /** An answer with the usual reason phrase for the status and no body. */
    public static HttpAnswer status(int status) {
        return new HttpAnswer(status, REASONS.getOrDefault(status, "Status " + status), List.of(), new byte[0]);
    }

    /** A text answer in UTF-8. */
    public static HttpAnswer of(int status, String contentType, String body) {
        return status(status).withBody(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpAnswer withReason(String newReason) {
        return new HttpAnswer(status, newReason, headers, body);
    }

    /** Adds a header line; adding the same name twice sends two lines (for example two WWW-Authenticate). */
    public HttpAnswer withHeader(String name, String value) {
        List<HttpHeader> more = new ArrayList<>(headers);
        more.add(new HttpHeader(name, value));
        return new HttpAnswer(status, reason, more, body);
    }

    /** Replaces the body and sets its {@code Content-Type}. */
    public HttpAnswer withBody(String contentType, byte[] newBody) {
        List<HttpHeader> others = new ArrayList<>(headers);
        others.removeIf(h -> h.is("Content-Type"));
        others.add(new HttpHeader("Content-Type", contentType));
        return new HttpAnswer(status, reason, others, newBody.clone());
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<HttpHeader> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    /** Status line and header block, ending with the empty line. */
    public byte[] head() {
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n");
        for (HttpHeader header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (headers.stream().noneMatch(h -> h.is("Content-Length") || h.is("Transfer-Encoding"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The whole answer as it goes on the wire. */
    public byte[] toBytes() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(head());
        wire.writeBytes(body);
        return wire.toByteArray();
    }

    @Override
    public String toString() {
        return status + " " + reason + " " + headers + " (" + body.length + " body bytes)";
    }
}
