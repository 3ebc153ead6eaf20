package io.jenkins.plugins.coraocr.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SOAP server that behaves like Cora's coraOcrIntegration_v1.0.0.asmx: GetStatus and FileBatch over SOAP
 * 1.1 and 1.2, scripted workflows, and the failures IIS and ASMX really produce. It runs on the JDK's own HTTP
 * server and XML parser, so it can be embedded next to any servlet container or SOAP stack.
 *
 * <pre>{@code
 * try (CoraOcrSimulator simulator = CoraOcrSimulator.builder().scenario(scenario).start()) {
 *     URI endpoint = simulator.endpointUrl();
 * }
 * }</pre>
 */
public final class CoraOcrSimulator implements AutoCloseable {

    private static final Duration IDLE_WAIT_ON_CLOSE = Duration.ofSeconds(5);
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // The JDK 17 server writes a response's headers and its body in two TCP segments; with Nagle's algorithm the
        // body then waits for the client's delayed ACK, some 40 ms per keep-alive request. The server reads this
        // property once, when its first instance in the JVM is created; an explicit setting is left alone.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final AsmxHandler handler;
    private final WorkflowBook book;
    private final int port;
    private final URI endpointUrl;
    private boolean closed;

    private CoraOcrSimulator(Builder builder) {
        Scenario scenario = builder.scenario;
        FileBatchProgression progression = builder.progression != null
                ? builder.progression
                : scenario.fileBatchProgression().orElse(FileBatchProgression.DEFAULT);
        long firstWorkflowId = builder.firstWorkflowId != null
                ? builder.firstWorkflowId
                : scenario.firstWorkflowId().orElse(1001L);
        this.book = new WorkflowBook(scenario.workflows(), progression, firstWorkflowId);
        String realm = builder.realm != null ? builder.realm : builder.host;

        this.server = bind(builder.host, builder.port);
        this.port = server.getAddress().getPort();
        this.endpointUrl = URI.create("http://" + hostForUrl(builder.host) + ":" + port + CoraOcrWire.ENDPOINT_PATH);
        this.handler = new AsmxHandler(
                builder.clock,
                book,
                builder.user == null ? null : new AsmxHandler.BasicAuth(builder.user, builder.password, realm),
                endpointUrl);
        // One thread per request being answered: a scripted delay holds its own thread and no other request.
        this.threads = Executors.newCachedThreadPool(CoraOcrSimulator::newThread);
        server.setExecutor(threads);
        server.createContext("/", handler);
        startOnDaemonThread(server, threads);
    }

    /** A simulator with every default: 127.0.0.1, a free port, no scenario, no authentication. */
    public static CoraOcrSimulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://HOST:PORT/SequenceServices/coraOcrIntegration_v1.0.0.asmx} */
    public URI endpointUrl() {
        return endpointUrl;
    }

    public int port() {
        return port;
    }

    /** Every request received so far, in arrival order, including rejected and dropped ones. */
    public List<RecordedRequest> requests() {
        return handler.requests();
    }

    public void clearRequests() {
        handler.clearRequests();
    }

    /** Adds or replaces the script of one workflow; its progress starts over. */
    public void script(long workflowId, WorkflowScript script) {
        book.script(Scenario.requirePositive(workflowId), Objects.requireNonNull(script, "script"));
    }

    /**
     * Waits (at most 5 s) for requests being answered, then stops the server and frees the port. Called from an
     * interrupted thread it does not wait, still frees the port, and leaves the interrupt flag set.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // HttpServer.stop reacts to an interrupt by JDK version: 17 stops waiting for its dispatcher thread, the one
        // that finally releases the listening socket; later versions swallow the flag. Put aside, it changes nothing.
        boolean interrupted = Thread.interrupted();
        try {
            if (!interrupted) {
                handler.awaitIdle(IDLE_WAIT_ON_CLOSE);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        // No grace period of its own: the wait above is over, and JDK 17 would sit out the whole period even idle.
        server.stop(0);
        // Wakes handlers still sleeping in a scripted delay; their connections are closed already.
        threads.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "CoraOcrSimulator[" + endpointUrl + "]";
    }

    private static HttpServer bind(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            if (address.isUnresolved()) {
                throw new UnknownHostException(host);
            }
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    /**
     * The JDK's dispatcher thread takes its daemon status from the thread that starts the server. Started from one
     * of the simulator's daemon threads, it does not keep the JVM alive either, whoever creates the simulator.
     */
    private static void startOnDaemonThread(HttpServer server, ExecutorService threads) {
        Future<?> started = threads.submit(server::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    started.get();
                    return;
                } catch (InterruptedException e) {
                    // Starting takes a moment and cannot be abandoned half-way; the interrupt is kept for later.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            server.stop(0);
            threads.shutdownNow();
            throw new IllegalStateException("cannot start the Cora OCR simulator", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "cora-ocr-simulator-" + THREAD_NUMBERS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private String user;
        private String password;
        private String realm;
        private Scenario scenario = Scenario.EMPTY;
        private FileBatchProgression progression;
        private Long firstWorkflowId;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The address to bind; 127.0.0.1 unless said otherwise. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 (the default) picks a free port; see {@link CoraOcrSimulator#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Every request must then carry these HTTP Basic credentials, as IIS with Basic authentication requires. */
        public Builder basicAuth(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The realm named in {@code WWW-Authenticate}; the host by default, as IIS does. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        public Builder scenario(Scenario scenario) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            return this;
        }

        /** Each FileBatch stage answers this many polls (wins over the scenario's setting). */
        public Builder stagePolls(int polls) {
            this.progression = FileBatchProgression.polls(polls);
            return this;
        }

        /** Each FileBatch stage lasts this long (wins over the scenario's setting). */
        public Builder stageDuration(Duration duration) {
            this.progression = FileBatchProgression.lasting(duration);
            return this;
        }

        /** The id the first FileBatch returns; 1001 by default (wins over the scenario's setting). */
        public Builder firstWorkflowId(long id) {
            this.firstWorkflowId = Scenario.requirePositive(id);
            return this;
        }

        /** The clock that times duration-based steps; tests can pass one they move by hand. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Binds, starts, and returns the running simulator. */
        public CoraOcrSimulator start() {
            return new CoraOcrSimulator(this);
        }
    }
}
