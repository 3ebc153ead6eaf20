package io.jenkins.plugins.coraocr.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The HTTP/1.1 framing the raw-socket servers share: reading heads and bodies, relaying bodies as they arrive. */
final class HttpWire {
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private HttpWire() {}

    /** A start line (request line or status line) and its headers. */
    record Head(String startLine, List<HttpHeader> headers) {
        String header(String name) {
            return headers.stream()
                    .filter(h -> h.is(name))
                    .map(HttpHeader::value)
                    .findFirst()
                    .orElse(null);
        }

        boolean hasToken(String name, String token) {
            String value = header(name);
            return value != null && value.toLowerCase(Locale.ROOT).contains(token);
        }

        boolean chunked() {
            return hasToken("Transfer-Encoding", "chunked");
        }

        /** The declared Content-Length, or -1 when there is none. */
        long contentLength() throws ProtocolException {
            String value = header("Content-Length");
            if (value == null) {
                return -1;
            }
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad Content-Length: " + value);
            }
        }

        byte[] toBytes() {
            StringBuilder text = new StringBuilder(startLine).append("\r\n");
            headers.forEach(
                    h -> text.append(h.name()).append(": ").append(h.value()).append("\r\n"));
            return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Reads a request. When it carries {@code Expect: 100-continue} and {@code interim} is not null, sends {@code 100
     * Continue} there before reading the body, as IIS does; without it the body is read only if it comes anyway.
     *
     * @throws EOFException if the stream ends first (the client closed the connection)
     */
    static RecordedRequest readRequest(int connection, InputStream in, OutputStream interim) throws IOException {
        Head head = readHead(in);
        String[] parts = head.startLine().split(" ", -1);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            throw new ProtocolException("not an HTTP request line: " + head.startLine());
        }
        byte[] body;
        if (head.hasToken("Expect", "100-continue") && interim == null) {
            body = new byte[0];
        } else {
            if (head.hasToken("Expect", "100-continue")) {
                interim.write(CONTINUE);
                interim.flush();
            }
            body = readBody(in, head);
        }
        return new RecordedRequest(connection, parts[0], parts[1], parts[2], head.headers(), body);
    }

    /** Reads a start line and headers up to the empty line; tolerates bare LF line ends. */
    static Head readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(
                        total == 0 ? "connection closed before a message" : "connection closed inside a head");
            }
            if (++total > MAX_HEAD) {
                throw new ProtocolException("head longer than " + MAX_HEAD + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // RFC 9112 lets a server ignore empty lines before a request line
                }
                return toHead(lines);
            }
            lines.add(text);
        }
    }

    private static Head toHead(List<String> lines) throws ProtocolException {
        List<HttpHeader> headers = new ArrayList<>();
        for (String text : lines.subList(1, lines.size())) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("not a header line: " + text);
            }
            headers.add(new HttpHeader(
                    text.substring(0, colon), text.substring(colon + 1).trim()));
        }
        return new Head(lines.get(0), headers);
    }

    /** A request body: chunked, Content-Length, or none. */
    static byte[] readBody(InputStream in, Head head) throws IOException {
        if (head.chunked()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            relayChunked(in, null, body);
            return body.toByteArray();
        }
        long length = head.contentLength();
        if (length > MAX_BODY) {
            throw new ProtocolException("body longer than " + MAX_BODY + " bytes");
        }
        return length <= 0 ? new byte[0] : readExactly(in, (int) length);
    }

    static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed inside a body");
        }
        return bytes;
    }

    /**
     * Copies the body of a response from {@code in} to {@code out} as its bytes arrive, so that a slow origin stays
     * slow through the proxy.
     *
     * @return true if the body ends with the connection, so neither side can be reused
     */
    static boolean relayResponseBody(Head head, boolean answersHead, InputStream in, OutputStream out)
            throws IOException {
        int status = statusCode(head);
        if (answersHead || status / 100 == 1 || status == 204 || status == 304) {
            return false;
        }
        if (head.chunked()) {
            relayChunked(in, out, out);
            out.flush();
            return false;
        }
        long length = head.contentLength();
        if (length >= 0) {
            copy(in, out, length);
            return false;
        }
        copy(in, out, Long.MAX_VALUE);
        return true;
    }

    static int statusCode(Head head) throws ProtocolException {
        String[] parts = head.startLine().split(" ", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new ProtocolException("not a status line: " + head.startLine());
        }
    }

    /**
     * Reads a chunked body; the framing goes to {@code framing} (when relaying) and the data to {@code data}.
     * Trailers are consumed.
     */
    private static void relayChunked(InputStream in, OutputStream framing, OutputStream data) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = readLine(in);
            write(framing, sizeLine + "\r\n");
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + sizeLine);
            }
            total += size;
            if (size < 0 || total > MAX_BODY) {
                throw new ProtocolException("chunked body longer than " + MAX_BODY + " bytes");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                    write(framing, trailer + "\r\n");
                } while (!trailer.isEmpty());
                return;
            }
            copy(in, data, size);
            String end = readLine(in);
            if (!end.isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
            write(framing, "\r\n");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (line.size() > MAX_HEAD) {
                throw new ProtocolException("line longer than " + MAX_HEAD + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void write(OutputStream out, String text) throws IOException {
        if (out != null) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Copies up to {@code length} bytes, flushing after every read; Long.MAX_VALUE copies to the end. */
    static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("connection closed inside a body");
            }
            out.write(buffer, 0, n);
            out.flush();
            left -= n;
        }
    }
}
