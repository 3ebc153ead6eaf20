package io.jenkins.plugins.coraocr.client.testing;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One accepted connection: its socket and streams, its state as the records show it, and the threads and sockets
 * that serve it (a proxy's upstream socket, a tunnel's second pump), which all end with it.
 */
final class Link {
    private final int id;
    private final Socket socket;
    private final Acceptor owner;
    private final String serverName;
    private final InputStream in;
    private final OutputStream out;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>(); // guarded by this
    private final List<Closeable> resources = new ArrayList<>(); // guarded by this
    private ConnectionRecord.State state = ConnectionRecord.State.OPEN; // guarded by owner
    private boolean clientClosed; // guarded by owner

    Link(int id, Socket socket, Acceptor owner, String serverName) {
        this.id = id;
        this.socket = socket;
        this.owner = owner;
        this.serverName = serverName;
        InputStream input;
        OutputStream output;
        try {
            input = new BufferedInputStream(socket.getInputStream());
            output = socket.getOutputStream();
        } catch (IOException e) {
            // A socket that is already gone: every use will fail and end the link.
            input = InputStream.nullInputStream();
            output = OutputStream.nullOutputStream();
        }
        this.in = input;
        this.out = output;
    }

    int id() {
        return id;
    }

    Socket socket() {
        return socket;
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** Must be called under the owner's monitor. */
    ConnectionRecord record() {
        return new ConnectionRecord(id, socket.getPort(), state);
    }

    void start(Runnable server) {
        spawn("connection-" + id, server);
    }

    /** Starts a daemon thread that ends with this link. */
    synchronized Thread spawn(String what, Runnable body) {
        Thread thread = new Thread(body, serverName + "-" + id + "-" + what);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** Closes {@code resource} when this link ends. */
    synchronized void adopt(Closeable resource) {
        resources.add(resource);
    }

    /** Notes that the client ended the connection, and wakes whoever paces or parks on this link. */
    void markClosedByClient() {
        owner.update(() -> clientClosed = true);
        ended.countDown();
    }

    boolean closedByClient() {
        return owner.read(() -> clientClosed);
    }

    /** Waits for the first byte of another request; false if the client closed the connection instead. */
    boolean awaitRequestStart() throws IOException {
        in.mark(1);
        if (in.read() < 0) {
            markClosedByClient();
            return false;
        }
        in.reset();
        return true;
    }

    /** Reads and discards until the client closes the connection. */
    void drainUntilClientCloses() throws IOException {
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // the bytes do not matter, only the end of the stream
        }
        markClosedByClient();
    }

    /**
     * Watches, on a second thread, for the client to close the connection while this thread writes; it consumes
     * whatever the client sends, so it is only for answers after which the connection ends.
     */
    void watchForClientClose() {
        pumpInput(OutputStream.nullOutputStream(), () -> {});
    }

    /**
     * Copies what the client sends into {@code sink} on a second thread, so that the end of the connection is seen
     * at once even while this thread waits for something else; then runs {@code atEnd}.
     */
    void pumpInput(OutputStream sink, Runnable atEnd) {
        spawn("read", () -> {
            try {
                HttpWire.copy(in, sink, Long.MAX_VALUE); // flushes every read: a pipe's reader wakes at once
                markClosedByClient();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    markClosedByClient(); // reset by the client, or the sink's reader is gone
                }
            } finally {
                closeQuietly(sink);
                atEnd.run();
            }
        });
    }

    /** Waits {@code delay}; false (at once) if the link ended meanwhile. */
    boolean pause(Duration delay) throws InterruptedException {
        return !ended.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Parks until the link ends, by the client (when watched) or by the server's close. */
    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void writeQuietly(byte[] bytes) {
        try {
            write(bytes);
        } catch (IOException ignored) {
            // the connection is being closed anyway
        }
    }

    /** Ends the link after its server thread returned; the state says who ended it. */
    void finish(boolean byClient) {
        owner.update(() -> {
            if (state == ConnectionRecord.State.OPEN) {
                state = byClient || clientClosed
                        ? ConnectionRecord.State.CLOSED_BY_CLIENT
                        : ConnectionRecord.State.CLOSED_BY_SERVER;
            }
        });
        release();
    }

    /** Ends the link from outside, when the server closes. */
    void abort() {
        owner.update(() -> {
            if (state == ConnectionRecord.State.OPEN && !clientClosed) {
                state = ConnectionRecord.State.CLOSED_BY_SERVER;
            }
        });
        release();
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        running.forEach(Thread::interrupt);
    }

    private void release() {
        ended.countDown();
        try {
            // Orderly end first, so the client reads what was written before the close.
            socket.shutdownOutput();
        } catch (IOException | UnsupportedOperationException ignored) {
            // already closed, or an SSLSocket, which cannot half-close
        }
        closeQuietly(socket);
        List<Closeable> adopted;
        synchronized (this) {
            adopted = List.copyOf(resources);
        }
        adopted.forEach(Link::closeQuietly);
        owner.changed();
    }

    void joinUntil(long deadlineNanos) {
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        running.forEach(thread -> joinUntil(thread, deadlineNanos));
    }

    static void joinUntil(Thread thread, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is best effort: the test is over with this socket either way
        }
    }
}
