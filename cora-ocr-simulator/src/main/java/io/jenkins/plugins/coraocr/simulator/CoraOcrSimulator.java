package io.jenkins.plugins.coraocr.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.frontend.WSDLGetUtils;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A SOAP server that behaves like Cora's coraOcrIntegration_v1.0.0.asmx: GetStatus and FileBatch over SOAP
 * 1.1 and 1.2, scripted workflows, and the failures IIS and ASMX really produce.
 *
 * <pre>{@code
 * try (CoraOcrSimulator simulator = CoraOcrSimulator.builder().scenario(scenario).start()) {
 *     URI endpoint = simulator.endpointUrl();
 * }
 * }</pre>
 */
public final class CoraOcrSimulator implements AutoCloseable {

    private static final String WSDL_RESOURCE = "coraOcrIntegration.wsdl";
    private static final Duration IDLE_WAIT_ON_CLOSE = Duration.ofSeconds(5);

    private final Bus bus;
    private final EndpointImpl endpoint;
    private final FrontHandler front;
    private final WorkflowBook book;
    private final int port;
    private final URI endpointUrl;
    private boolean closed;

    private CoraOcrSimulator(Builder builder) {
        QuietLogging.apply();
        Scenario scenario = builder.scenario;
        FileBatchProgression progression = builder.progression != null
                ? builder.progression
                : scenario.fileBatchProgression().orElse(FileBatchProgression.DEFAULT);
        long firstWorkflowId = builder.firstWorkflowId != null
                ? builder.firstWorkflowId
                : scenario.firstWorkflowId().orElse(1001L);
        this.book = new WorkflowBook(scenario.workflows(), progression, firstWorkflowId);
        String realm = builder.realm != null ? builder.realm : builder.host;
        this.front = new FrontHandler(
                builder.clock,
                book,
                builder.user == null ? null : new FrontHandler.BasicAuth(builder.user, builder.password, realm));

        ServerConnector connector = openConnector(builder.host, builder.port);
        this.port = connector.getLocalPort();
        this.endpointUrl = URI.create("http://" + hostForUrl(builder.host) + ":" + port + CoraOcrWire.ENDPOINT_PATH);
        // Each simulator has its own bus, so closing one never touches another's endpoints.
        this.bus = new ExtensionManagerBus();
        try {
            this.endpoint = publish(connector, builder.clock);
        } catch (RuntimeException | IOException | GeneralSecurityException e) {
            JettyHTTPServerEngineFactory.destroyForPort(port);
            connector.close();
            bus.shutdown(true);
            throw new IllegalStateException("cannot start the Cora OCR simulator on port " + port, e);
        }
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
        return front.requests();
    }

    public void clearRequests() {
        front.clearRequests();
    }

    /** Adds or replaces the script of one workflow; its progress starts over. */
    public void script(long workflowId, WorkflowScript script) {
        book.script(Scenario.requirePositive(workflowId), Objects.requireNonNull(script, "script"));
    }

    /** Stops the server and frees the port. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            front.awaitIdle(IDLE_WAIT_ON_CLOSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            endpoint.stop();
        } finally {
            // Endpoint.stop() leaves the Jetty server listening; CXF keeps engines in a JVM-wide map by port.
            JettyHTTPServerEngineFactory.destroyForPort(port);
            bus.shutdown(true);
        }
    }

    @Override
    public String toString() {
        return "CoraOcrSimulator[" + endpointUrl + "]";
    }

    private ServerConnector openConnector(String host, int requestedPort) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("cora-ocr-simulator");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(requestedPort);
        // Bind now, so a port-0 request has its real port before CXF sees the address.
        try {
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
        }
        server.setHandler(front);
        return connector;
    }

    private EndpointImpl publish(ServerConnector connector, Clock clock) throws IOException, GeneralSecurityException {
        // A factory without a bus registers no shutdown hook on our bus; otherwise shutting down this bus would
        // also try to stop the engines of every other simulator in the JVM (CXF keeps them in one static map).
        JettyHTTPServerEngineFactory engines = new JettyHTTPServerEngineFactory();
        bus.setExtension(engines, JettyHTTPServerEngineFactory.class);
        JettyHTTPServerEngine engine = engines.createJettyHTTPServerEngine(connector.getHost(), port, "http");
        engine.setConnector(connector);

        URL wsdl = Objects.requireNonNull(CoraOcrSimulator.class.getResource(WSDL_RESOURCE), WSDL_RESOURCE);
        EndpointImpl published = new EndpointImpl(bus, new CoraOcrProvider(book, clock));
        published.setWsdlLocation(wsdl.toExternalForm());
        // ASMX rewrites the address of both ports, CXF only that of the published one unless asked.
        published.setProperties(new HashMap<>(Map.of(
                FaultListener.class.getName(), AsmxFault.QUIET, WSDLGetUtils.AUTO_REWRITE_ADDRESS_ALL, Boolean.TRUE)));
        published.getInInterceptors().add(new AsmxActionInterceptor());
        published.publish(endpointUrl.toString());
        return published;
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

        /** Binds, publishes, and returns the running simulator. */
        public CoraOcrSimulator start() {
            return new CoraOcrSimulator(this);
        }
    }
}
