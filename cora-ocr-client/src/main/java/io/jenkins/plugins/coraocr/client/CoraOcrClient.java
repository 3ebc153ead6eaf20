package io.jenkins.plugins.coraocr.client;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPBinding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.transform.dom.DOMSource;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.headers.Header;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.ConnectionType;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Asks one Cora server for the status of OCR workflows. Create one per server and share it: it is
 * safe to call from many threads at once, and every call reuses the CXF bus, service and
 * dispatch built here.
 */
public final class CoraOcrClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CoraOcrClient.class.getName());
    /**
     * CXF announces every service it builds at INFO, and a garbled status line at WARNING, outside
     * the fault path; the caller already gets an exception, so these become FINE diagnostics.
     * Held strongly so that the filters are not garbage collected with their loggers.
     */
    private static final List<Logger> CXF_DIAGNOSTICS = List.of(
            DemoteToFine.install("org.apache.cxf.wsdl.service.factory.ReflectionServiceFactoryBean"),
            DemoteToFine.install("org.apache.cxf.transport.http.HTTPConduit"));

    /** CXF's switch from its java.net.http conduit to the HttpURLConnection one. */
    private static final String FORCE_URLCONNECTION = "force.urlconnection.http.conduit";
    /** Lets 4xx/5xx answers reach the interceptors instead of ending in a bare HTTPException without headers. */
    private static final String NO_IO_EXCEPTIONS = "org.apache.cxf.transport.no_io_exceptions";
    /** Gives each calling thread its own copy of the request context, where the per-call SOAP header goes. */
    private static final String THREAD_LOCAL_REQUEST_CONTEXT = "thread.local.request.context";

    private final URI endpoint;
    private final SoapVersion soapVersion;
    private final Bus bus;
    private final Dispatch<DOMSource> dispatch;
    private final Client cxfClient;
    private final FailureClassifier classifier;
    private final Redaction redaction;

    private CoraOcrClient(Builder builder) {
        this.endpoint = EndpointAddress.resolve(builder.url);
        this.soapVersion = builder.soapVersion;
        this.redaction = new Redaction(builder.password, builder.basicToken());
        this.classifier =
                new FailureClassifier(endpoint, builder.username != null, builder.connectTimeout, builder.readTimeout);
        this.bus = ContextClassLoader.call(CoraOcrClient::createPrivateBus);
        this.bus.setProperty(FORCE_URLCONNECTION, Boolean.TRUE);
        this.bus.setProperty(FaultListener.class.getName(), new QuietFaultListener());
        this.dispatch = ContextClassLoader.call(() -> createDispatch(builder));
        this.cxfClient = ((DispatchImpl<DOMSource>) dispatch).getClient();
    }

    /**
     * A builder for the server at {@code endpointUrl}: an http or https URL; when its path is empty
     * or "/", the service's standard path {@code /SequenceServices/coraOcrIntegration_v1.0.0.asmx}
     * is appended.
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
        return endpoint;
    }

    public SoapVersion soapVersion() {
        return soapVersion;
    }

    /**
     * Calls GetStatus once. The answer is read completely before this method returns.
     *
     * @param masterWorkflowInstanceId the id OCR FileBatch returned
     * @throws IllegalArgumentException when the id is not positive (before any request)
     * @throws CoraOcrException when no status could be read; see {@link CoraOcrException#isRetryable()}
     */
    public WorkflowStatus getStatus(long masterWorkflowInstanceId) throws CoraOcrException {
        if (masterWorkflowInstanceId <= 0) {
            throw new IllegalArgumentException(
                    "workflow id must be a positive number, got " + masterWorkflowInstanceId);
        }
        return ContextClassLoader.call(() -> invoke(masterWorkflowInstanceId));
    }

    private WorkflowStatus invoke(long workflowId) throws CoraOcrException {
        Document document = DOMUtils.createDocument();
        Map<String, Object> requestContext = cxfClient.getRequestContext();
        requestContext.put(Header.HEADER_LIST, List.of(activityMetadata(document, workflowId)));
        AtomicReference<ResponseFacts> facts = new AtomicReference<>();
        requestContext.put(ResponseCapture.FACTS_HOLDER, facts);
        DOMSource answer;
        try {
            answer = dispatch.invoke(
                    new DOMSource(document.createElementNS(ServiceNames.NAMESPACE, ServiceNames.GET_STATUS)));
        } catch (WebServiceException | org.apache.cxf.interceptor.Fault e) {
            CoraOcrException failure = redaction.apply(classifier.classify(workflowId, facts.get(), e));
            LOG.log(Level.FINE, failure.getMessage(), e);
            throw failure;
        }
        if (answer == null || answer.getNode() == null) {
            throw new ProtocolViolationException(endpoint, workflowId, "the answer's SOAP body is empty", null);
        }
        return GetStatusResponseReader.read(answer.getNode(), endpoint, workflowId);
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
     * CXF makes the first bus it creates the JVM-wide and thread default; this client's bus is its
     * own, and closing it must not leave a dead default behind for other CXF users.
     */
    private static Bus createPrivateBus() {
        Bus created = BusFactory.newInstance().createBus();
        BusFactory.clearDefaultBusForAnyThread(created);
        return created;
    }

    private Dispatch<DOMSource> createDispatch(Builder builder) {
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
                endpoint.toString());
        Dispatch<DOMSource> created = service.createDispatch(ServiceNames.PORT, DOMSource.class, Service.Mode.PAYLOAD);

        Map<String, Object> context = created.getRequestContext();
        context.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        context.put(BindingProvider.SOAPACTION_URI_PROPERTY, ServiceNames.GET_STATUS_ACTION);
        context.put(NO_IO_EXCEPTIONS, Boolean.TRUE);
        context.put(THREAD_LOCAL_REQUEST_CONTEXT, Boolean.TRUE);

        Client client = ((DispatchImpl<DOMSource>) created).getClient();
        client.getInInterceptors().add(new ResponseCapture());
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(builder.connectTimeout.toMillis());
        policy.setReceiveTimeout(builder.readTimeout.toMillis());
        policy.setVersion("1.1");
        policy.setAllowChunking(false);
        policy.setAutoRedirect(false);
        policy.setConnection(ConnectionType.KEEP_ALIVE);
        conduit.setClient(policy);
        if (builder.username != null) {
            // CXF sends these with the first request: an IIS Basic challenge round trip would double every poll.
            AuthorizationPolicy authorization = new AuthorizationPolicy();
            authorization.setAuthorizationType("Basic");
            authorization.setUserName(builder.username);
            authorization.setPassword(builder.password);
            conduit.setAuthorization(authorization);
        }
        return created;
    }

    /** Releases the CXF bus and its connections. Calls after close fail. */
    @Override
    public void close() {
        ContextClassLoader.call(() -> {
            bus.shutdown(true);
            return null;
        });
    }

    @Override
    public String toString() {
        return "CoraOcrClient{" + endpoint + ", " + soapVersion + "}";
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
        private String username;
        private String password;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder(String url) {
            this.url = url;
        }

        public Builder soapVersion(SoapVersion version) {
            this.soapVersion = Objects.requireNonNull(version, "soapVersion");
            return this;
        }

        /** HTTP Basic credentials; a null or empty user name means none. */
        public Builder credentials(String username, String password) {
            if (username != null && username.contains(":")) {
                throw new IllegalArgumentException("user name must not contain ':' (HTTP Basic cannot carry it)");
            }
            this.username = username == null || username.isEmpty() ? null : username;
            this.password = this.username == null ? null : (password == null ? "" : password);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connect timeout", timeout);
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("read timeout", timeout);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming what is wrong with the URL
         */
        public CoraOcrClient build() {
            return new CoraOcrClient(this);
        }

        private String basicToken() {
            if (username == null) {
                return null;
            }
            return "Basic "
                    + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(field + " must be between 1 ms and 24 days, got " + value);
            }
            return value;
        }
    }
}
