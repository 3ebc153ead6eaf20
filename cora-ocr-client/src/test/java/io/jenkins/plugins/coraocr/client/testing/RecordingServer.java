package io.jenkins.plugins.coraocr.client.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the raw-socket test servers share: an {@link Acceptor}, the requests they recorded in the order they read
 * them, and the waits on both. A server builds its own fields, then calls {@link #listen()} as the last step of its
 * constructor; until then nothing is accepted.
 *
 * @param <R> what the server records of a request
 */
public abstract class RecordingServer<R> implements LoopbackServer {
    /** Also the monitor that guards every record of the server. */
    final Acceptor acceptor;

    private final List<R> requests = new ArrayList<>(); // guarded by acceptor

    RecordingServer(String name) {
        acceptor = Acceptor.open(name, this::serve);
    }

    /** On an unbound {@code serverSocket}, such as a TLS one. */
    RecordingServer(String name, ServerSocket serverSocket) {
        acceptor = Acceptor.open(name, serverSocket, this::serve);
    }

    /** Serves one accepted connection, on its own thread; returning (or throwing) ends it. */
    abstract void serve(Link link) throws IOException, InterruptedException;

    final void listen() {
        acceptor.start();
    }

    /** Records {@code request}, together with whatever else {@code alsoRecord} changes under the same lock. */
    final void record(R request, Runnable alsoRecord) {
        acceptor.update(() -> {
            requests.add(request);
            alsoRecord.run();
        });
    }

    final void record(R request) {
        record(request, () -> {});
    }

    @Override
    public int port() {
        return acceptor.port();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Every request read so far, in the order they were read. */
    public List<R> requests() {
        return acceptor.read(() -> List.copyOf(requests));
    }

    public List<R> awaitRequests(int count, Duration timeout) {
        acceptor.await(timeout, () -> requests.size() >= count, () -> count + " request(s), got " + requests);
        return requests();
    }

    /** Every connection accepted so far, in the order they were accepted. */
    public List<ConnectionRecord> connections() {
        return acceptor.connections();
    }

    public List<ConnectionRecord> awaitConnections(int count, Duration timeout) {
        return acceptor.awaitConnections(count, timeout);
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
