package io.jenkins.plugins.coraocr.client.testing;

/**
 * What a test server knows about one accepted connection at the time of the snapshot.
 *
 * @param id 1 for the first connection the server accepted, 2 for the next, and so on
 * @param remotePort the client's port, to match a connection with a client-side socket
 * @param state whether it is open and, if not, which side ended it
 */
public record ConnectionRecord(int id, int remotePort, State state) {
    public enum State {
        OPEN,
        /** The client closed or reset it: a read saw the end of the stream, or a read or write failed. */
        CLOSED_BY_CLIENT,
        /** The server ended it, because its behaviour said so or because the server was closed. */
        CLOSED_BY_SERVER
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    public boolean closedByClient() {
        return state == State.CLOSED_BY_CLIENT;
    }
}
