package io.jenkins.plugins.coraocr.client;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
    private final ScheduledExecutorService watchdogs;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private Cancellable request;
    private Abort abort;
    private ScheduledFuture<?> watchdog;
    private boolean reachedServer;
    private ResponseFacts facts;
    private List<X509Certificate> serverCertificates = List.of();

    InFlight(ScheduledExecutorService watchdogs, Duration connectTimeout, Duration answerTimeout) {
        this.watchdogs = watchdogs;
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
            arm(connectTimeout.plus(answerTimeout), Abort.CONNECT_TIMEOUT);
        }
    }

    /** The connection to the server is ready (tunnel and TLS included); the answer must now come in time. */
    void connected() {
        synchronized (lock) {
            reachedServer = true;
            if (abort == null) {
                arm(answerTimeout, Abort.ANSWER_TIMEOUT);
            }
        }
    }

    /** Ends the exchange now, from any thread; the blocked caller then fails with {@link #abort()} set. */
    void abort(Abort why) {
        Cancellable executing;
        synchronized (lock) {
            if (abort != null) {
                return;
            }
            abort = why;
            executing = request;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        if (executing != null) {
            executing.cancel();
        }
    }

    /** The answer was read completely (or the exchange failed): nothing may abort it any more. */
    void finished() {
        synchronized (lock) {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            request = null;
        }
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

    private void arm(Duration after, Abort why) {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        // The watchdog thread only cancels: closing a socket never blocks on the peer.
        watchdog = watchdogs.schedule(() -> abort(why), after.toMillis(), TimeUnit.MILLISECONDS);
    }
}
