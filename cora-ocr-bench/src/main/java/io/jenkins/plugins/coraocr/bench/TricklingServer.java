package io.jenkins.plugins.coraocr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Cora server in trouble: on raw sockets on 127.0.0.1, it reads each GetStatus request completely and then
 * sends a correct answer one byte at a time, one byte every {@code byteEvery}, starting with the status line, so
 * that no client with a sane read timeout ever sees the end of it. One thread per connection, at most {@code
 * maxConnections} at once (more are closed at once); every connection ends when the client closes it, when the
 * answer is complete, after {@code maxLifetime}, or when the server closes.
 */
final class TricklingServer implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ServerSocket listener;
    private final Thread acceptor;
    private final long byteEveryMillis;
    private final int maxConnections;
    private final long maxLifetimeNanos;
    private final byte[] answer;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong heldNanos = new AtomicLong();
    private volatile boolean closed;

    TricklingServer(Duration byteEvery, int maxConnections, Duration maxLifetime) throws IOException {
        this.byteEveryMillis = Math.max(1, byteEvery.toMillis());
        this.maxConnections = maxConnections;
        this.maxLifetimeNanos = maxLifetime.toNanos();
        byte[] body = LoopbackResponder.envelope("Queued");
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " + body.length
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.answer = new byte[head.length + body.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(body, 0, answer, head.length, body.length);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.acceptor = new Thread(this::acceptLoop, "trickle-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + LoopbackResponder.PATH);
    }

    /** How long the complete answer would take at this pace. */
    Duration answerDuration() {
        return Duration.ofMillis(byteEveryMillis * answer.length);
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "raw sockets at %s, reads each request, then sends its %d-byte answer one byte every %d ms"
                        + " from the status line on (the whole answer would take %d s)",
                endpoint(),
                answer.length,
                byteEveryMillis,
                answerDuration().toSeconds());
    }

    int open() {
        return open.size();
    }

    int maxOpen() {
        return maxOpen.get();
    }

    int accepted() {
        return accepted.get();
    }

    int refused() {
        return refused.get();
    }

    int requests() {
        return requests.get();
    }

    int closedByClient() {
        return closedByClient.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    /** Mean time a connection that the client closed had been held open, in ms; 0 if none yet. */
    long meanHeldMillis() {
        int count = closedByClient.get();
        return count == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(heldNanos.get() / count);
    }

    private void acceptLoop() {
        AtomicInteger counter = new AtomicInteger();
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (closed || open.size() >= maxConnections) {
                refused.incrementAndGet();
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            maxOpen.accumulateAndGet(open.size(), Math::max);
            accepted.incrementAndGet();
            Thread thread = new Thread(() -> serve(socket), "trickle-connection-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        long start = System.nanoTime();
        boolean trickling = false;
        try {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            if (!readRequest(socket.getInputStream())) {
                return;
            }
            requests.incrementAndGet();
            trickling = true;
            OutputStream out = socket.getOutputStream();
            for (byte b : answer) {
                if (closed || System.nanoTime() - start > maxLifetimeNanos) {
                    return;
                }
                out.write(b);
                out.flush();
                bytesSent.incrementAndGet();
                Thread.sleep(byteEveryMillis);
            }
        } catch (SocketException e) {
            if (trickling && !closed) {
                // The client gave up and closed (aborted) the connection; the next write found it gone.
                closedByClient.incrementAndGet();
                heldNanos.addAndGet(System.nanoTime() - start);
            }
        } catch (IOException e) {
            // a client that sent no complete request in time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    /** Reads one request's head and its Content-Length body; false if the client sent none. */
    private static boolean readRequest(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int length = 0;
        int end;
        while ((end = headEnd(buffer, length)) < 0) {
            if (length == buffer.length) {
                if (buffer.length >= MAX_HEAD_BYTES) {
                    return false;
                }
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return false;
            }
            length += n;
        }
        long bodyLength = contentLength(new String(buffer, 0, end, StandardCharsets.ISO_8859_1));
        if (bodyLength < 0 || bodyLength > MAX_BODY_BYTES) {
            return false;
        }
        long remaining = bodyLength - (length - end);
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                return false;
            }
            remaining -= n;
        }
        return true;
    }

    /** The index just after the blank line that ends an HTTP head in the first {@code length} bytes, or -1. */
    static int headEnd(byte[] bytes, int length) {
        for (int i = 3; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The Content-Length of an HTTP head, 0 when it has none, -1 when it is chunked or unreadable. */
    static long contentLength(String head) {
        long length = 0;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Transfer-Encoding") && !value.equalsIgnoreCase("identity")) {
                return -1;
            }
            if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return -1;
                }
                if (length < 0) {
                    return -1;
                }
            }
        }
        return length;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // nothing to do
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
