package io.jenkins.plugins.coraocr.client.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request exactly as a test server read it: request line, headers in order, and the body after any chunked
 * transfer coding was removed. {@code connection} is the id of the connection it came on (see {@link
 * ConnectionRecord#id()}), so tests can tell whether two requests shared a connection.
 */
public record RecordedRequest(
        int connection, String method, String target, String version, List<HttpHeader> headers, byte[] body) {
    public RecordedRequest {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of the named header (case-insensitive), or null. */
    public String header(String name) {
        return headers.stream()
                .filter(h -> h.is(name))
                .map(HttpHeader::value)
                .findFirst()
                .orElse(null);
    }

    /** Every value of the named header (case-insensitive), in order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.is(name)).map(HttpHeader::value).toList();
    }

    @Override
    public String toString() {
        return "#" + connection + " " + method + " " + target + " " + version + " " + headers + " (" + body.length
                + " body bytes)";
    }
}
