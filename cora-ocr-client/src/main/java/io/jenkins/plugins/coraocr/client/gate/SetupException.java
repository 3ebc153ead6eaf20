package io.jenkins.plugins.coraocr.client.gate;

import java.util.List;

/**
 * The gate's arguments were fine, but it cannot poll: its credentials are missing, or its server is no
 * longer configured, or the server's settings cannot make a client. The gate ends ERROR, with this message,
 * and returns that like any other outcome when its caller asked for outcomes as data.
 */
public final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }

    /** The server a saved wait names is no longer configured (it was removed or renamed meanwhile). */
    public static SetupException serverGone(String server, List<String> configured) {
        return new SetupException("Cora server '" + server + "' is no longer configured ("
                + (configured.isEmpty() ? "no server is" : "configured now: " + String.join(", ", configured))
                + "); an administrator removed or renamed it while this build waited");
    }
}
