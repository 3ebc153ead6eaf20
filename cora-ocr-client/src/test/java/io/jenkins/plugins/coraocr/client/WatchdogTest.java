package io.jenkins.plugins.coraocr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.concurrent.Cancellable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one timer per transport: every exchange still ends at its own due time, whatever ran before it, and
 * an exchange that ended is never aborted. Only "eventually" and "never" are asserted, so a slow machine
 * cannot fail these tests; the time each abort takes is the deadline tests' business.
 */
class WatchdogTest {
    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration LONG = Duration.ofHours(1);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Watchdog watchdog = new Watchdog();

    @AfterEach
    void stop() {
        watchdog.close();
    }

    /** Stands in for HttpClient's request, which the watchdog cancels to close the connection. */
    private static final class Request implements Cancellable {
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public boolean cancel() {
            cancelled.set(true);
            return true;
        }
    }

    private InFlight started(Duration connect, Duration answer, Request request) {
        InFlight flight = new InFlight(watchdog, connect, answer);
        flight.started(request);
        return flight;
    }

    @Test
    void anExchangeThatNeverConnectsEndsAsAConnectTimeout() {
        Request request = new Request();
        InFlight flight = started(SHORT, SHORT, request);

        await().atMost(PATIENCE).untilTrue(request.cancelled);
        assertThat(flight.abort()).isEqualTo(InFlight.Abort.CONNECT_TIMEOUT);
    }

    @Test
    void connectingSetsTheAnswersOwnLimitEvenWhenTheTimerWasSetLater() {
        // The timer is first set an hour ahead, for the connect phase; connecting must bring it forward.
        Request request = new Request();
        InFlight flight = started(LONG, SHORT, request);
        flight.connected();

        await().atMost(PATIENCE).untilTrue(request.cancelled);
        assertThat(flight.abort()).isEqualTo(InFlight.Abort.ANSWER_TIMEOUT);
    }

    @Test
    void anExchangeDueAfterTheTimerIsStillWatched() {
        // The first of these sets the timer; the exchange after them is due later, so it sets nothing.
        for (int i = 0; i < 50; i++) {
            started(SHORT, SHORT, new Request()).finished();
        }
        Request late = new Request();
        InFlight flight = started(SHORT, SHORT, late);

        await().atMost(PATIENCE).untilTrue(late.cancelled);
        assertThat(flight.abort()).isEqualTo(InFlight.Abort.CONNECT_TIMEOUT);
    }

    @Test
    void theTimerOfOneExchangeLeavesAnExchangeWithTimeLeftAlone() {
        Request patient = new Request();
        InFlight longer = started(LONG, LONG, patient);
        longer.connected();
        InFlight shorter = started(SHORT, SHORT, new Request());
        shorter.connected();

        await().atMost(PATIENCE).until(() -> shorter.abort() != null);
        assertThat(patient.cancelled).isFalse();
        assertThat(longer.abort()).isNull();
    }

    @Test
    void manyExchangesAtOnceEachEndAndThoseThatFinishedAreLeftAlone() {
        List<Request> running = new ArrayList<>();
        List<Request> done = new ArrayList<>();
        List<InFlight> doneFlights = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Request request = new Request();
            InFlight flight = started(SHORT, SHORT, request);
            flight.connected();
            if (i % 2 == 0) {
                running.add(request);
            } else {
                flight.finished();
                done.add(request);
                doneFlights.add(flight);
            }
        }

        await().atMost(PATIENCE).until(() -> running.stream().allMatch(r -> r.cancelled.get()));
        assertThat(done).noneMatch(r -> r.cancelled.get());
        assertThat(doneFlights).allSatisfy(f -> assertThat(f.abort()).isNull());
    }

    @Test
    void aCallerAbortBeforeTheRequestStartsCancelsItAtOnce() {
        InFlight flight = new InFlight(watchdog, LONG, LONG);
        flight.abort(InFlight.Abort.BY_CALLER);
        Request request = new Request();
        flight.started(request);

        assertThat(request.cancelled).isTrue();
        assertThat(flight.abort()).isEqualTo(InFlight.Abort.BY_CALLER);
    }
}
