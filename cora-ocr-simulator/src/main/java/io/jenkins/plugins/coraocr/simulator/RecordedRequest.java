package io.jenkins.plugins.coraocr.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One HTTP request as it reached the simulator, before anything was decided about it. */
public final class RecordedRequest {

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Instant receivedAt;

    public RecordedRequest(
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            byte[] body,
            Instant receivedAt) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = query;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), RecordedRequest::concat));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public String method() {
        return method;
    }

    /** The path as sent, without the query. */
    public String path() {
        return path;
    }

    /** The raw query string without {@code ?}, or null when there was none. */
    public String query() {
        return query;
    }

    /**
     * Every header, values in arrival order, in a map that compares names ignoring case (as HTTP does) and iterates
     * them alphabetically. The names are spelled as the JDK's HTTP server hands them over: first letter upper case,
     * the rest lower case ({@code Content-type}); the client's own spelling does not reach the simulator.
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of the header with this name compared case-insensitively, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of the header with this name compared case-insensitively. */
    public List<String> headerValues(String name) {
        return new ArrayList<>(headers.getOrDefault(name, List.of()));
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " (" + body.length + " bytes at " + receivedAt
                + ")";
    }
}
