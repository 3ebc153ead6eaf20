package io.jenkins.plugins.coraocr.client.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The accepting half every raw-socket server shares: binds 127.0.0.1 on a free port, serves each connection on its
 * own daemon thread, keeps a record of every connection, and on close ends them all within a bounded time. It is
 * also the monitor that guards the servers' records, so that one {@link #await} can wait for any of them.
 */
final class Acceptor implements AutoCloseable {
    /** Serves one connection; returning (or throwing) ends it. */
    interface Handler {
        void serve(Link link) throws IOException, InterruptedException;
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final byte[] BAD_REQUEST =
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1);

    private final String name;
    private final ServerSocket serverSocket;
    private final Handler handler;
    private final Thread acceptThread;
    private final List<Link> links = new ArrayList<>(); // guarded by this
    private boolean closing; // guarded by this

    private Acceptor(String name, ServerSocket serverSocket, Handler handler) {
        this.name = name;
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.acceptThread = new Thread(this::acceptLoop, name + "-accept");
        this.acceptThread.setDaemon(true);
    }

    /**
     * Binds the unbound {@code serverSocket} to 127.0.0.1 on a free port; {@link #start()} begins accepting, once
     * the server that owns this acceptor is fully built.
     */
    static Acceptor open(String name, ServerSocket serverSocket, Handler handler) {
        try {
            serverSocket.bind(new InetSocketAddress(Loopback.ADDRESS, 0), 50);
        } catch (IOException e) {
            Link.closeQuietly(serverSocket);
            throw new IllegalStateException(name + " could not bind 127.0.0.1", e);
        }
        return new Acceptor(name, serverSocket, handler);
    }

    static Acceptor open(String name, Handler handler) {
        try {
            return open(name, new ServerSocket(), handler);
        } catch (IOException e) {
            throw new IllegalStateException(name + " could not open a server socket", e);
        }
    }

    void start() {
        acceptThread.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    synchronized List<ConnectionRecord> connections() {
        return links.stream().map(Link::record).toList();
    }

    /** Runs a change to the records under this monitor and wakes every waiter. */
    synchronized void update(Runnable change) {
        change.run();
        notifyAll();
    }

    synchronized <T> T read(Supplier<T> snapshot) {
        return snapshot.get();
    }

    /**
     * Waits until {@code condition} holds (checked under this monitor), at most {@code timeout}.
     *
     * @throws AssertionError naming {@code what} and the records so far, when the time is up
     */
    synchronized void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + ": timed out after " + timeout + " waiting for " + what.get()
                            + "; connections " + connections());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted waiting for " + what.get(), e);
        }
    }

    List<ConnectionRecord> awaitConnections(int count, Duration timeout) {
        await(timeout, () -> links.size() >= count, () -> count + " connection(s)");
        return connections();
    }

    ConnectionRecord awaitClosedByClient(int id, Duration timeout) {
        await(
                timeout,
                () -> links.size() >= id && links.get(id - 1).record().closedByClient(),
                () -> "the client to close connection #" + id);
        return connections().get(id - 1);
    }

    synchronized boolean isClosing() {
        return closing;
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException closed) {
                return;
            }
            Link link;
            synchronized (this) {
                if (closing) {
                    Link.closeQuietly(socket);
                    return;
                }
                link = new Link(links.size() + 1, socket, this, name);
                links.add(link);
                notifyAll();
            }
            link.start(() -> run(link));
        }
    }

    private void run(Link link) {
        boolean byClient = false;
        try {
            handler.serve(link);
        } catch (ProtocolException e) {
            link.writeQuietly(BAD_REQUEST);
        } catch (IOException e) {
            // A reset, a broken pipe or an end of stream in the middle of an exchange is the client's doing,
            // unless this server is closing its own sockets.
            byClient = !isClosing();
        } catch (InterruptedException e) {
            // close() interrupts the threads it is ending.
        } catch (RuntimeException | Error e) {
            System.err.println(name + ": connection #" + link.id() + " failed: " + e);
            e.printStackTrace();
        } finally {
            link.finish(byClient);
        }
    }

    /** Called by a link whose state changed. */
    synchronized void changed() {
        notifyAll();
    }

    @Override
    public void close() {
        List<Link> open;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            open = List.copyOf(links);
            notifyAll();
        }
        Link.closeQuietly(serverSocket);
        open.forEach(Link::abort);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        Link.joinUntil(acceptThread, deadline);
        open.forEach(link -> link.joinUntil(deadline));
    }
}
