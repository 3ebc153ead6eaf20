package io.jenkins.plugins.coraocr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    /** Long enough that a test ends before the answer would come; the tests close the simulator instead. */
    private static final Duration FOREVER = Duration.ofMinutes(10);

    @Test
    void closingFreesThePort() throws Exception {
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        int port = simulator.port();
        Wire.getStatus11(simulator, 1);

        simulator.close();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aClosedPortCanBeServedAgainByANewSimulator() throws Exception {
        int port;
        try (CoraOcrSimulator first = CoraOcrSimulator.start()) {
            port = first.port();
            first.script(3, WorkflowScript.builder().status("Failed").build());
            assertThat(Wire.Status.of(Wire.getStatus11(first, 3)).status()).isEqualTo("Failed");
        }
        try (CoraOcrSimulator second = CoraOcrSimulator.builder().port(port).start()) {
            assertThat(second.port()).isEqualTo(port);
            assertThat(Wire.Status.of(Wire.getStatus11(second, 3)).status()).isEqualTo("NotFound");
        }
    }

    @Test
    void simulatorsSideBySideAreIndependent() throws Exception {
        try (CoraOcrSimulator one = CoraOcrSimulator.start();
                CoraOcrSimulator two = CoraOcrSimulator.start()) {
            assertThat(one.port()).isNotEqualTo(two.port());
            one.script(9, WorkflowScript.builder().status("Completed").build());
            two.script(9, WorkflowScript.builder().status("Aborted").build());

            assertThat(Wire.Status.of(Wire.getStatus11(one, 9)).status()).isEqualTo("Completed");
            assertThat(Wire.Status.of(Wire.getStatus12(two, 9)).status()).isEqualTo("Aborted");
            assertThat(one.requests()).hasSize(1);
            assertThat(two.requests()).hasSize(1);

            one.close();
            assertThatThrownBy(() -> Wire.getStatus11(one, 9)).isInstanceOf(IOException.class);
            assertThat(Wire.Status.of(Wire.getStatus11(two, 9)).status()).isEqualTo("Aborted");
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        simulator.close();
        simulator.close();
    }

    @Test
    void aTakenPortIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> CoraOcrSimulator.builder()
                            .port(taken.getLocalPort())
                            .start())
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void closingFromAnInterruptedThreadStopsEverythingQuietlyAndKeepsTheInterrupt() throws Exception {
        Set<Thread> otherDispatchers = dispatcherThreads();
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        Set<Thread> dispatchers = dispatcherThreads();
        dispatchers.removeAll(otherDispatchers);
        int port = simulator.port();
        Wire.getStatus11(simulator, 1);

        Console console = Console.capture();
        try {
            Thread.currentThread().interrupt();
            simulator.close();
        } finally {
            console.release();
        }

        assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
        assertThat(console.printed()).isEmpty();
        assertThat(dispatchers)
                .singleElement()
                .satisfies(thread -> assertThat(thread.isAlive())
                        .as("the server's dispatcher thread has ended")
                        .isFalse());
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aNewSimulatorTakesThePortAtOnceWhileClientsStillHoldConnections() throws Exception {
        CoraOcrSimulator first = CoraOcrSimulator.start();
        int port = first.port();
        try (RawHttp idle = new RawHttp(port)) {
            assertThat(idle.getStatus11(1).status()).isEqualTo(200);

            first.close();

            try (CoraOcrSimulator second = CoraOcrSimulator.builder().port(port).start()) {
                assertThat(Wire.Status.of(Wire.getStatus11(second, 1)).status()).isEqualTo("NotFound");
                assertThat(second.requests()).hasSize(1);
            }
            assertThat(idle.closedByPeer())
                    .as("the first simulator closed its idle connection")
                    .isTrue();
        }
    }

    @Test
    void closeLetsAnAnswerBeingGivenReachTheClient() throws Exception {
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        simulator.script(
                5,
                WorkflowScript.builder()
                        .status("Queued")
                        .delayedBy(Duration.ofMillis(500))
                        .build());
        CompletableFuture<HttpResponse<String>> answer = getStatusInBackground(simulator, 5);
        awaitRequests(simulator, 1);

        simulator.close();

        assertThat(Wire.Status.of(answer.get(30, TimeUnit.SECONDS)).status()).isEqualTo("Queued");
    }

    @Test
    void closeWaitsAtMostFiveSecondsForAnAnswerBeingGiven() throws Exception {
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        simulator.script(
                5, WorkflowScript.builder().status("Queued").delayedBy(FOREVER).build());
        CompletableFuture<HttpResponse<String>> answer = getStatusInBackground(simulator, 5);
        awaitRequests(simulator, 1);

        long started = System.nanoTime();
        simulator.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5))
                .isLessThan(FOREVER);
        assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    void aDelayedAnswerHoldsOnlyItsOwnDaemonThread() throws Exception {
        CoraOcrSimulator simulator = CoraOcrSimulator.start();
        simulator.script(
                5, WorkflowScript.builder().status("Queued").delayedBy(FOREVER).build());
        simulator.script(6, WorkflowScript.builder().status("Completed").build());
        CompletableFuture<HttpResponse<String>> delayed = getStatusInBackground(simulator, 5);
        awaitRequests(simulator, 1);

        assertThat(Wire.Status.of(Wire.getStatus11(simulator, 6)).status()).isEqualTo("Completed");
        assertThat(delayed).isNotDone();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().matches("cora-ocr-simulator-\\d+|HTTP-Dispatcher"))
                .isNotEmpty()
                .allSatisfy(thread -> assertThat(thread.isDaemon())
                        .as("%s is a daemon thread", thread.getName())
                        .isTrue());

        // Interrupted, close does not wait for the delayed answer, and cuts its connection.
        Thread.currentThread().interrupt();
        simulator.close();
        assertThat(Thread.interrupted()).isTrue();
        assertThatThrownBy(() -> delayed.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    void turnsOffNaglesAlgorithmForTheJdkServer() {
        // Without it every keep-alive answer of the JDK 17 server waits some 40 ms for the client's delayed ACK.
        CoraOcrSimulator.start().close();

        assertThat(System.getProperty(CoraOcrSimulator.NO_DELAY_PROPERTY)).isEqualTo("true");
    }

    /** The JDK names the thread that accepts connections and hands out requests so, in every HttpServer. */
    private static Set<Thread> dispatcherThreads() {
        Set<Thread> dispatchers = new HashSet<>(Thread.getAllStackTraces().keySet());
        dispatchers.removeIf(thread -> !thread.getName().equals("HTTP-Dispatcher"));
        return dispatchers;
    }

    private static CompletableFuture<HttpResponse<String>> getStatusInBackground(
            CoraOcrSimulator simulator, long workflowId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Wire.send(Wire.soap11(
                                simulator.endpointUrl(), "GetStatus", Wire.getStatusEnvelope(Wire.SOAP11, workflowId))
                        .timeout(Duration.ofMinutes(5)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Requests are recorded as they arrive, before a scripted delay: then they are being answered. */
    private static void awaitRequests(CoraOcrSimulator simulator, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (simulator.requests().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the simulator received " + simulator.requests() + ", not " + count);
            }
            Thread.sleep(10);
        }
    }

    /** Whatever goes to stderr or to java.util.logging (where the JDK's HTTP server logs) while captured. */
    private static final class Console {

        private final PrintStream originalErr = System.err;
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final List<String> logged = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("");
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    logged.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };

        static Console capture() {
            Console console = new Console();
            System.setErr(new PrintStream(console.err, true, StandardCharsets.UTF_8));
            console.root.addHandler(console.handler);
            return console;
        }

        void release() {
            root.removeHandler(handler);
            System.setErr(originalErr);
        }

        List<String> printed() {
            List<String> printed = new ArrayList<>(logged);
            String text = err.toString(StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                printed.add(text);
            }
            return printed;
        }
    }
}
