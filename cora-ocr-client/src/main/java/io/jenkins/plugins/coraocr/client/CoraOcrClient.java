package io.jenkins.plugins.coraocr.client;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPBinding;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.transform.dom.DOMSource;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.PreexistingConduitSelector;
import org.apache.cxf.headers.Header;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.logging.FaultListener;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Asks one Cora server for the status of OCR workflows. Create one per server and share it: it is safe
 * to call from many threads at once, and every call reuses the CXF bus, dispatch and pooled connections
 * built here. A client changes no JVM-wide state: no default Authenticator, ProxySelector, SSLContext,
 * system property or default CXF bus is set, and nothing is read from them but the JVM's trusted CAs.
 */
public final class CoraOcrClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CoraOcrClient.class.getName());
    /**
     * CXF announces every service it builds at INFO; a build console has no use for it, so it becomes a
     * FINE diagnostic. Held strongly so that the filter is not garbage collected with its logger.
     */
    private static final List<Logger> CXF_DIAGNOSTICS =
            List.of(DemoteToFine.install("org.apache.cxf.wsdl.service.factory.ReflectionServiceFactoryBean"));

    /** Gives each calling thread its own copy of the request context, where the per-call SOAP header goes. */
    private static final String THREAD_LOCAL_REQUEST_CONTEXT = "thread.local.request.context";

    private final ConnectionSettings settings;
    private final SoapVersion soapVersion;
    private final Secrets secrets;
    private final HttpTransport transport;
    private final FailureClassifier classifier;
    private final Bus bus;
    private final Dispatch<DOMSource> dispatch;
    private final Client cxfClient;

    private CoraOcrClient(Builder builder) {
        URI endpoint = EndpointAddress.resolve(builder.url);
        if (builder.authentication == Authentication.NTLM && builder.username == null) {
            throw new IllegalArgumentException("NTLM authentication needs a user name (DOMAIN\\user) and a password");
        }
        this.settings = new ConnectionSettings(
                endpoint,
                builder.authentication,
                builder.username,
                builder.password,
                builder.proxy,
                builder.trust,
                builder.connectTimeout,
                builder.readTimeout);
        this.soapVersion = builder.soapVersion;
        this.secrets = Secrets.of(builder.username, builder.password, builder.proxy);
        this.classifier = new FailureClassifier(settings, secrets);
        this.transport = new HttpTransport(settings, secrets);
        this.bus = ContextClassLoader.call(CoraOcrClient::createPrivateBus);
        this.dispatch = ContextClassLoader.call(this::createDispatch);
        this.cxfClient = ((DispatchImpl<DOMSource>) dispatch).getClient();
        cxfClient.setConduitSelector(
                new PreexistingConduitSelector(new CoraConduit(transport), cxfClient.getEndpoint()));
    }

    /**
     * A builder for the server at {@code endpointUrl}: an http or https URL; when its path is empty or
     * "/", the service's standard path {@code /SequenceServices/coraOcrIntegration_v1.0.0.asmx} is appended.
     */
    public static Builder builder(String endpointUrl) {
        return new Builder(endpointUrl);
    }

    /**
     * Applies the endpoint rule without building a client, for validating user input.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static URI resolveEndpoint(String url) {
        return EndpointAddress.resolve(url);
    }

    public URI endpoint() {
        return settings.endpoint();
    }

    public SoapVersion soapVersion() {
        return soapVersion;
    }

    public Authentication authentication() {
        return settings.authentication();
    }

    /** Whether calls carry a user name and password (Basic or NTLM), or go without any. */
    public boolean sendsCredentials() {
        return settings.hasCredentials();
    }

    /** The proxy calls go through, if any applies to this server. */
    public java.util.Optional<ProxySettings> proxy() {
        return java.util.Optional.ofNullable(settings.effectiveProxy());
    }

    /**
     * Calls GetStatus once and waits for the answer, which is read completely before this method returns.
     *
     * @param masterWorkflowInstanceId the id OCR FileBatch returned
     * @throws IllegalArgumentException when the id is not positive (before any request)
     * @throws CoraOcrException when no status could be read; see {@link CoraOcrException#isRetryable()}
     */
    public WorkflowStatus getStatus(long masterWorkflowInstanceId) throws CoraOcrException {
        return newCall(masterWorkflowInstanceId).execute();
    }

    /**
     * A GetStatus call that another thread may abort while it runs, e.g. when a wait's deadline passes.
     *
     * @throws IllegalArgumentException when the id is not positive
     */
    public StatusCall newCall(long masterWorkflowInstanceId) {
        if (masterWorkflowInstanceId <= 0) {
            throw new IllegalArgumentException(
                    "workflow id must be a positive number, got " + masterWorkflowInstanceId);
        }
        return new StatusCall(this, masterWorkflowInstanceId, transport.newExchange());
    }

    WorkflowStatus execute(long workflowId, InFlight flight) throws CoraOcrException {
        return ContextClassLoader.call(() -> invoke(workflowId, flight));
    }

    private WorkflowStatus invoke(long workflowId, InFlight flight) throws CoraOcrException {
        Document document = DOMUtils.createDocument();
        Map<String, Object> requestContext = cxfClient.getRequestContext();
        requestContext.put(Header.HEADER_LIST, List.of(activityMetadata(document, workflowId)));
        requestContext.put(CoraConduit.IN_FLIGHT, flight);
        DOMSource answer;
        try {
            answer = dispatch.invoke(
                    new DOMSource(document.createElementNS(ServiceNames.NAMESPACE, ServiceNames.GET_STATUS)));
        } catch (WebServiceException | org.apache.cxf.interceptor.Fault e) {
            CoraOcrException failure = classifier.classify(workflowId, flight, e);
            LOG.log(Level.FINE, failure.getMessage(), e);
            throw failure;
        } finally {
            requestContext.remove(CoraConduit.IN_FLIGHT);
        }
        if (answer == null || answer.getNode() == null) {
            throw new ProtocolViolationException(endpoint(), workflowId, "the answer's SOAP body is empty");
        }
        return GetStatusResponseReader.read(answer.getNode(), endpoint(), workflowId, secrets);
    }

    private static Header activityMetadata(Document document, long workflowId) {
        Element metadata =
                document.createElementNS(ServiceNames.NAMESPACE, ServiceNames.ACTIVITY_METADATA.getLocalPart());
        Element id = document.createElementNS(ServiceNames.NAMESPACE, ServiceNames.MASTER_WORKFLOW_INSTANCE_ID);
        id.setTextContent(Long.toString(workflowId));
        metadata.appendChild(id);
        return new Header(ServiceNames.ACTIVITY_METADATA, metadata);
    }

    /**
     * A bus of this client's own, made by CXF's plain factory: {@link BusFactory#newInstance()} would pick
     * the Spring one whenever Spring's classes are around (as in Jenkins) and then read whatever CXF
     * configuration the class path holds. CXF makes the first bus it creates the JVM's default; that is
     * undone, so that closing this client leaves no dead default behind for other CXF users.
     */
    private static Bus createPrivateBus() {
        synchronized (BusFactory.class) {
            Bus previousDefault = BusFactory.getDefaultBus(false);
            Bus previousThread = BusFactory.getThreadDefaultBus(false);
            Bus created = new CXFBusFactory().createBus();
            if (BusFactory.getDefaultBus(false) != previousDefault) {
                BusFactory.setDefaultBus(previousDefault);
            }
            BusFactory.setThreadDefaultBus(previousThread);
            created.setProperty(FaultListener.class.getName(), new QuietFaultListener());
            return created;
        }
    }

    private Dispatch<DOMSource> createDispatch() {
        // JAX-WS binds a new service to the thread's default bus; make that this client's own bus.
        Bus previous = BusFactory.getThreadDefaultBus(false);
        BusFactory.setThreadDefaultBus(bus);
        Service service;
        try {
            service = Service.create(ServiceNames.SERVICE);
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
        service.addPort(
                ServiceNames.PORT,
                soapVersion == SoapVersion.SOAP_12 ? SOAPBinding.SOAP12HTTP_BINDING : SOAPBinding.SOAP11HTTP_BINDING,
                endpoint().toString());
        Dispatch<DOMSource> created = service.createDispatch(ServiceNames.PORT, DOMSource.class, Service.Mode.PAYLOAD);
        Map<String, Object> context = created.getRequestContext();
        context.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        context.put(BindingProvider.SOAPACTION_URI_PROPERTY, ServiceNames.GET_STATUS_ACTION);
        context.put(THREAD_LOCAL_REQUEST_CONTEXT, Boolean.TRUE);
        return created;
    }

    /** Releases the pooled connections, the watchdog thread and the CXF bus. Calls after close fail. */
    @Override
    public void close() {
        transport.close();
        ContextClassLoader.call(() -> {
            bus.shutdown(true);
            return null;
        });
    }

    @Override
    public String toString() {
        return "CoraOcrClient{" + endpoint() + ", " + soapVersion + ", "
                + settings.authentication().label() + "}";
    }

    /** CXF logs every failed call at WARNING with a stack trace; the caller gets an exception instead. */
    private static final class QuietFaultListener implements FaultListener {
        @Override
        public boolean faultOccurred(Exception exception, String description, org.apache.cxf.message.Message message) {
            LOG.log(Level.FINE, description, exception);
            return false;
        }
    }

    public static final class Builder {
        private final String url;
        private SoapVersion soapVersion = SoapVersion.SOAP_11;
        private Authentication authentication = Authentication.BASIC;
        private String username;
        private String password;
        private ProxySettings proxy;
        private TrustedCertificates trust = TrustedCertificates.none();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder(String url) {
            this.url = url;
        }

        public Builder soapVersion(SoapVersion version) {
            this.soapVersion = Objects.requireNonNull(version, "soapVersion");
            return this;
        }

        /** BASIC (the default) or NTLM; NTLM needs {@link #credentials}. */
        public Builder authentication(Authentication authentication) {
            this.authentication = Objects.requireNonNull(authentication, "authentication");
            return this;
        }

        /**
         * The account: for Basic a user name, for NTLM {@code DOMAIN&#92;user} or {@code user@domain}. A null or
         * empty user name means none.
         */
        public Builder credentials(String username, String password) {
            if (username != null && username.contains(":")) {
                throw new IllegalArgumentException("user name must not contain ':' (HTTP Basic cannot carry it)");
            }
            this.username = username == null || username.isEmpty() ? null : username;
            this.password = this.username == null ? null : (password == null ? "" : password);
            return this;
        }

        /** An HTTP proxy for this server (unless its no-proxy list names the server's host); null for none. */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /** CA certificates trusted in addition to the JVM's own. */
        public Builder trustedCertificates(TrustedCertificates certificates) {
            this.trust = Objects.requireNonNull(certificates, "certificates");
            return this;
        }

        /** How long opening a connection (TCP, proxy tunnel, TLS handshake) may take. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connect timeout", timeout);
            return this;
        }

        /**
         * How long the whole answer (headers and body) may take once the request is sent; the connection is
         * closed when it runs out, however slowly the server keeps sending.
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("read timeout", timeout);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming what is wrong with the URL or the settings
         */
        public CoraOcrClient build() {
            return new CoraOcrClient(this);
        }

        /** 0 ms would mean "no timeout" to the HTTP layer, so anything that rounds to it is refused. */
        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(field + " must be between 1 ms and 24 days, got "
                        + (value.isNegative() ? "a negative duration" : value.toNanos() + " ns"));
            }
            return value;
        }
    }
}
