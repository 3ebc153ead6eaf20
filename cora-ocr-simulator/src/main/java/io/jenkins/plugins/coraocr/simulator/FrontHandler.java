package io.jenkins.plugins.coraocr.simulator;

import io.jenkins.plugins.coraocr.simulator.CoraOcrWire.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sits in front of CXF and does what a SOAP stack never sees: recording raw requests, IIS's Basic
 * authentication, HTML error pages, and the scripted steps that break HTTP itself (error pages, broken
 * bodies, dropped connections, delays). CXF's context handlers are added as this sequence's children.
 */
final class FrontHandler extends Handler.Sequence {

    /** Request attribute carrying the {@link Step} chosen for a GetStatus poll to {@link CoraOcrProvider}. */
    static final String STEP_ATTRIBUTE = Step.class.getName();

    record BasicAuth(String user, String password, String realm) {}

    private final Clock clock;
    private final WorkflowBook book;
    private final BasicAuth basicAuth;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final Object inFlightLock = new Object();
    private int inFlight;

    FrontHandler(Clock clock, WorkflowBook book, BasicAuth basicAuth) {
        this.clock = clock;
        this.book = book;
        this.basicAuth = basicAuth;
    }

    List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    void clearRequests() {
        recorded.clear();
    }

    /**
     * Waits until no request is being answered, so that closing the server does not cut CXF off while it is
     * still finishing a response the client may already have read.
     */
    void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlightLock) {
            long remaining;
            while (inFlight > 0 && (remaining = deadline - System.nanoTime()) > 0) {
                inFlightLock.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        synchronized (inFlightLock) {
            inFlight++;
        }
        Callback counted = Callback.from(callback, this::finished);
        try {
            if (answer(request, response, counted)) {
                return true;
            }
        } catch (Exception | Error e) {
            finished();
            throw e;
        }
        finished();
        return false;
    }

    private void finished() {
        synchronized (inFlightLock) {
            inFlight--;
            inFlightLock.notifyAll();
        }
    }

    private boolean answer(Request request, Response response, Callback callback) throws Exception {
        Instant receivedAt = clock.instant();
        byte[] body = readBody(request);
        recorded.add(record(request, body, receivedAt));
        Response asmxResponse = new AsmxSpellingResponse(request, response);
        addIisHeaders(asmxResponse);

        if (basicAuth != null && !isAuthorized(request)) {
            asmxResponse.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + basicAuth.realm() + "\"");
            return write(asmxResponse, callback, 401, IisPages.IIS_CONTENT_TYPE, IisPages.unauthorized());
        }
        if (!CoraOcrWire.ENDPOINT_PATH.equals(request.getHttpURI().getPath())) {
            return write(asmxResponse, callback, 404, IisPages.IIS_CONTENT_TYPE, IisPages.notFound());
        }
        String method = request.getMethod();
        if (HttpMethod.GET.is(method)) {
            if (isWsdlQuery(request.getHttpURI().getQuery())) {
                return super.handle(new BufferedRequest(request, body), asmxResponse, callback);
            }
            return write(asmxResponse, callback, 200, "text/html; charset=utf-8", IisPages.serviceHelp());
        }
        if (!HttpMethod.POST.is(method)) {
            asmxResponse.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
            return write(asmxResponse, callback, 405, IisPages.IIS_CONTENT_TYPE, IisPages.methodNotAllowed());
        }
        return handleSoap(request, asmxResponse, callback, body, receivedAt);
    }

    private boolean handleSoap(Request request, Response response, Callback callback, byte[] body, Instant receivedAt)
            throws Exception {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        SoapSniffer.Sniffed sniffed =
                SoapSniffer.sniff(contentType, request.getHeaders().get("SOAPAction"), body);
        if (sniffed.operation().filter(Operation.GET_STATUS::equals).isEmpty()) {
            return super.handle(new BufferedRequest(request, body), response, callback);
        }
        Step step = chooseStep(sniffed.masterWorkflowInstanceId(), receivedAt);
        pause(step.delay());
        Outcome outcome = step.outcome();
        if (outcome instanceof Outcome.HttpError error) {
            return write(
                    response,
                    callback,
                    error.httpStatus(),
                    IisPages.HTTP_SYS_CONTENT_TYPE,
                    IisPages.httpSysError(error.httpStatus()));
        }
        if (outcome instanceof Outcome.MalformedBody) {
            return write(
                    response,
                    callback,
                    200,
                    sniffed.soap12() ? CoraOcrWire.SOAP12_CONTENT_TYPE : CoraOcrWire.SOAP11_CONTENT_TYPE,
                    truncatedEnvelope(sniffed.soap12()));
        }
        if (outcome instanceof Outcome.DroppedConnection) {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new IOException("connection dropped by the simulator's script"));
            return true;
        }
        request.setAttribute(STEP_ATTRIBUTE, step);
        return super.handle(new BufferedRequest(request, body), response, callback);
    }

    /** ASMX reads a missing header as id 0, which is never a workflow, and rejects text that is not a long. */
    private Step chooseStep(String masterWorkflowInstanceId, Instant receivedAt) {
        if (masterWorkflowInstanceId == null) {
            return WorkflowBook.NOT_FOUND;
        }
        long workflowId;
        try {
            workflowId = Long.parseLong(masterWorkflowInstanceId.trim());
        } catch (NumberFormatException e) {
            return Step.once(new Outcome.SoapFault(
                    FaultCode.CLIENT,
                    "Server was unable to read request. ---> "
                            + "There is an error in XML document. ---> Input string was not in a correct format: "
                            + "MasterWorkflowInstanceId '" + masterWorkflowInstanceId + "'."));
        }
        return book.poll(workflowId, receivedAt);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            // The server is stopping; answer at once instead of holding its thread.
            Thread.currentThread().interrupt();
        }
    }

    private boolean isAuthorized(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String expected = basicAuth.user() + ":" + basicAuth.password();
        try {
            byte[] decoded =
                    Base64.getDecoder().decode(authorization.substring(6).trim());
            return expected.equals(new String(decoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isWsdlQuery(String query) {
        return query != null && query.equalsIgnoreCase("wsdl");
    }

    private static String truncatedEnvelope(boolean soap12) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\""
                + (soap12 ? CoraOcrWire.SOAP12_ENVELOPE : CoraOcrWire.SOAP11_ENVELOPE)
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                + "<soap:Body><GetStatusResponse xmlns=\"" + CoraOcrWire.NAMESPACE + "\"><GetStatusResult>"
                + "<Status>Proce";
    }

    private static void addIisHeaders(Response response) {
        response.getHeaders().put(HttpHeader.SERVER, "Microsoft-IIS/10.0");
        response.getHeaders().put("X-AspNet-Version", "4.0.30319");
        response.getHeaders().put(HttpHeader.X_POWERED_BY, "ASP.NET");
    }

    private static boolean write(Response response, Callback callback, int status, String contentType, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static byte[] readBody(Request request) throws IOException {
        ByteBuffer buffer = Content.Source.asByteBuffer(request);
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return body;
    }

    private static RecordedRequest record(Request request, byte[] body, Instant receivedAt) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return new RecordedRequest(
                request.getMethod(),
                request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(),
                headers,
                body,
                receivedAt);
    }

    /** Replays the body this handler already read, so CXF can read it again. */
    private static final class BufferedRequest extends Request.Wrapper {

        private final ByteBufferContentSource body;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.body = new ByteBufferContentSource(ByteBuffer.wrap(body));
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }
    }

    /**
     * Jetty's servlet layer writes {@code text/xml;charset=utf-8}; ASMX writes {@code text/xml; charset=utf-8}.
     * Clients that compare strings should meet the ASMX spelling.
     */
    private static final class AsmxSpellingResponse extends Response.Wrapper {

        private final HttpFields.Mutable headers;

        AsmxSpellingResponse(Request request, Response response) {
            super(request, response);
            this.headers = new HttpFields.Mutable.Wrapper(response.getHeaders()) {
                @Override
                public HttpField onAddField(HttpField field) {
                    return respell(field);
                }

                @Override
                public HttpField onReplaceField(HttpField oldField, HttpField newField) {
                    return respell(newField);
                }
            };
        }

        @Override
        public HttpFields.Mutable getHeaders() {
            return headers;
        }

        private static HttpField respell(HttpField field) {
            if (field.getHeader() != HttpHeader.CONTENT_TYPE) {
                return field;
            }
            String[] parts = field.getValue().split(";");
            StringBuilder value = new StringBuilder(parts[0].trim());
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.regionMatches(true, 0, "charset=", 0, 8)) {
                    parameter = "charset=" + parameter.substring(8).toLowerCase(Locale.ROOT);
                }
                value.append("; ").append(parameter);
            }
            return new HttpField(HttpHeader.CONTENT_TYPE, value.toString());
        }
    }
}
