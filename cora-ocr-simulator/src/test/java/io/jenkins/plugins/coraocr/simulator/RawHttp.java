package io.jenkins.plugins.coraocr.simulator;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 by hand over one socket, for what java.net.http hides: the status line's reason phrase, header names
 * as written, whether the connection is reused, and a connection closed before a single byte of an answer.
 */
final class RawHttp implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final String host;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
        // Generous: only a simulator that never answers should reach it.
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        host = "127.0.0.1:" + port;
    }

    record Response(String statusLine, List<String> headerLines, Map<String, String> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    Response getStatus11(long workflowId) throws IOException {
        return post(
                Map.of("Content-Type", "text/xml; charset=utf-8", "SOAPAction", "\"" + Wire.NS + "GetStatus\""),
                Wire.getStatusEnvelope(Wire.SOAP11, workflowId));
    }

    Response post(Map<String, String> headers, String body) throws IOException {
        return send("POST", CoraOcrWire.ENDPOINT_PATH, headers, body);
    }

    /** Sends one request in one write and reads one answer; a HEAD answer has no body. */
    Response send(String method, String target, Map<String, String> headers, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        if (!headers.containsKey("Host")) {
            request.append("Host: ").append(host).append("\r\n");
        }
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.write(content);
        socket.getOutputStream().write(bytes.toByteArray());
        socket.getOutputStream().flush();
        return read(method.equals("HEAD"));
    }

    /** True when the simulator has closed this connection: a read finds the end of the stream. */
    boolean closedByPeer() throws IOException {
        return in.read() == -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private Response read(boolean head) throws IOException {
        String[] lines = readHead().split("\r\n");
        List<String> headerLines = new ArrayList<>();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            headerLines.add(lines[i]);
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("Content-Length");
        byte[] body = head || length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Response(lines[0], headerLines, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** @throws EOFException naming how many bytes came before the connection was closed */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int next = in.read();
            if (next == -1) {
                throw new EOFException("connection closed after " + head.size() + " bytes");
            }
            head.write(next);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text.substring(0, text.length() - 4);
            }
        }
    }
}
