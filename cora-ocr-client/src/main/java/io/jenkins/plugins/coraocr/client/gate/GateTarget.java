package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import java.util.Objects;

/**
 * Where a gate polls: the waiter of one server (its client, executors and per-server limit), and the
 * server's configured name, if it has one.
 */
public final class GateTarget {
    private final String serverName;
    private final OcrWaiter waiter;
    private final boolean credentialsOverPlainHttp;
    private final Runnable release;

    /**
     * @param serverName the configured name, or null where servers have none (the command line)
     * @param credentialsOverPlainHttp whether a password is configured for an http:// URL (warned about)
     * @param release run once when the gate no longer needs the waiter (it ended, or it was suspended)
     */
    public GateTarget(String serverName, OcrWaiter waiter, boolean credentialsOverPlainHttp, Runnable release) {
        this.serverName = serverName;
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.credentialsOverPlainHttp = credentialsOverPlainHttp;
        this.release = Objects.requireNonNull(release, "release");
    }

    /** A target with nothing to release. */
    public GateTarget(String serverName, OcrWaiter waiter, boolean credentialsOverPlainHttp) {
        this(serverName, waiter, credentialsOverPlainHttp, () -> {});
    }

    public String serverName() {
        return serverName;
    }

    public OcrWaiter waiter() {
        return waiter;
    }

    boolean credentialsOverPlainHttp() {
        return credentialsOverPlainHttp;
    }

    void release() {
        release.run();
    }
}
