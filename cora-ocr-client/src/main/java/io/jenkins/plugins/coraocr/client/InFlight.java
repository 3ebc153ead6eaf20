package io.jenkins.plugins.coraocr.client;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * One GetStatus exchange while it runs: what may abort it (its caller, or the watchdog that makes the
 * read timeout a limit on the whole answer) and what the failure classification needs to know about it
 * afterwards. Aborting closes the connection, which frees the calling thread from any blocking read.
 */
final class InFlight {
    /** Why an exchange ended before its answer was complete. */
    enum Abort {
        CONNECT_TIMEOUT,
        ANSWER_TIMEOUT,
        BY_CALLER
    }

    private final Object lock = new Object();
    private final Watchdog watchdog;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    /** When the watchdog aborts this exchange, on its clock; {@link Watchdog#NEVER} once it ended. */
    private volatile long due = Watchdog.NEVER;

    private Cancellable request;
    private Abort abort;
    private boolean finished;
    private boolean reachedServer;
    private ResponseFacts facts;
    private List<X509Certificate> serverCertificates = List.of();

    InFlight(Watchdog watchdog, Duration connectTimeout, Duration answerTimeout) {
        this.watchdog = watchdog;
        this.connectTimeout = connectTimeout;
        this.answerTimeout = answerTimeout;
    }

    /**
     * The request is about to be executed; until the connection is ready, connecting (TCP, proxy tunnel
     * and TLS) may take the connect timeout plus the answer time.
     */
    void started(Cancellable executing) {
        synchronized (lock) {
            request = executing;
            if (abort != null) {
                executing.cancel();
                return;
            }
            due = watchdog.now() + connectTimeout.plus(answerTimeout).toNanos();
        }
        watchdog.watch(this);
    }

    /** The connection to the server is ready (tunnel and TLS included); the answer must now come in time. */
    void connected() {
        long answerDue;
        synchronized (lock) {
            reachedServer = true;
            if (abort != null || finished) {
                return;
            }
            answerDue = watchdog.now() + answerTimeout.toNanos();
            due = answerDue;
        }
        watchdog.dueAt(answerDue);
    }

    /** The watchdog found this exchange due. */
    void timedOut() {
        abort(reachedServer() ? Abort.ANSWER_TIMEOUT : Abort.CONNECT_TIMEOUT);
    }

    /** Ends the exchange now, from any thread; the blocked caller then fails with {@link #abort()} set. */
    void abort(Abort why) {
        Cancellable executing;
        synchronized (lock) {
            if (abort != null || finished) {
                return;
            }
            abort = why;
            executing = request;
            due = Watchdog.NEVER;
        }
        if (executing != null) {
            executing.cancel();
        }
    }

    /** The answer was read completely (or the exchange failed): nothing may abort it any more. */
    void finished() {
        synchronized (lock) {
            finished = true;
            due = Watchdog.NEVER;
            request = null;
        }
        watchdog.unwatch(this);
    }

    long due() {
        return due;
    }

    Abort abort() {
        synchronized (lock) {
            return abort;
        }
    }

    /** Whether the request got past the proxy and TLS to the server itself. */
    boolean reachedServer() {
        synchronized (lock) {
            return reachedServer;
        }
    }

    ResponseFacts facts() {
        synchronized (lock) {
            return facts;
        }
    }

    void facts(ResponseFacts answered) {
        synchronized (lock) {
            facts = answered;
        }
    }

    List<X509Certificate> serverCertificates() {
        synchronized (lock) {
            return serverCertificates;
        }
    }

    void serverCertificates(List<X509Certificate> chain) {
        synchronized (lock) {
            serverCertificates = List.copyOf(chain);
        }
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration answerTimeout() {
        return answerTimeout;
    }
}
