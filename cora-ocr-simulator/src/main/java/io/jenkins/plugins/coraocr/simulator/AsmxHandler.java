package io.jenkins.plugins.coraocr.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.coraocr.simulator.CoraOcrWire.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Everything IIS and ASMX do with one HTTP request: record it as it arrived, check Basic authentication, answer
 * 404/405 and the service and WSDL pages, read the SOAP envelope, and answer GetStatus polls with the step the
 * workflow's script has reached, including the steps that break HTTP itself.
 */
final class AsmxHandler implements HttpHandler {

    record BasicAuth(String user, String password, String realm) {}

    private static final String WSDL_RESOURCE = "coraOcrIntegration.wsdl";
    /** Both port addresses in the WSDL resource, rewritten to where the request was sent, as ASMX does. */
    private static final String WSDL_ADDRESS = "http://localhost" + CoraOcrWire.ENDPOINT_PATH;

    private static final String WSDL = readWsdl();
    /** A host and port as a Host header carries them; anything else is not written into the WSDL. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d+)?|\\[[0-9A-Fa-f:.]+\\](:\\d+)?");

    private final Clock clock;
    private final WorkflowBook book;
    private final BasicAuth basicAuth;
    private final URI endpointUrl;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final Object inFlightLock = new Object();
    private int inFlight;

    AsmxHandler(Clock clock, WorkflowBook book, BasicAuth basicAuth, URI endpointUrl) {
        this.clock = clock;
        this.book = book;
        this.basicAuth = basicAuth;
        this.endpointUrl = endpointUrl;
    }

    List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    void clearRequests() {
        recorded.clear();
    }

    /** Waits until no request is being answered, so that closing the server does not cut off an answer. */
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
    public void handle(HttpExchange exchange) {
        synchronized (inFlightLock) {
            inFlight++;
        }
        try {
            answer(exchange);
        } catch (IOException e) {
            // The client went away, or close() cut the connection: there is no one left to answer.
        } catch (RuntimeException e) {
            // A bug of the simulator: the JDK would drop the connection and log only at TRACE, so say it on the wire.
            answerUnexpected(exchange, e);
        } finally {
            exchange.close();
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        Instant receivedAt = clock.instant();
        byte[] body = readBody(exchange);
        recorded.add(record(exchange, body, receivedAt));
        Headers headers = exchange.getResponseHeaders();
        headers.set("Server", "Microsoft-IIS/10.0");
        headers.set("X-AspNet-Version", "4.0.30319");
        headers.set("X-Powered-By", "ASP.NET");

        if (basicAuth != null && !isAuthorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            headers.set("WWW-Authenticate", "Basic realm=\"" + basicAuth.realm() + "\"");
            send(exchange, 401, IisPages.IIS_CONTENT_TYPE, IisPages.unauthorized());
            return;
        }
        if (!CoraOcrWire.ENDPOINT_PATH.equals(exchange.getRequestURI().getRawPath())) {
            send(exchange, 404, IisPages.IIS_CONTENT_TYPE, IisPages.notFound());
            return;
        }
        String method = exchange.getRequestMethod();
        if (method.equals("GET")) {
            if (isWsdlQuery(exchange.getRequestURI().getRawQuery())) {
                send(exchange, 200, CoraOcrWire.SOAP11_CONTENT_TYPE, wsdl(exchange.getRequestHeaders()));
            } else {
                send(exchange, 200, "text/html; charset=utf-8", IisPages.serviceHelp());
            }
            return;
        }
        if (!method.equals("POST")) {
            headers.set("Allow", "GET, POST");
            send(exchange, 405, IisPages.IIS_CONTENT_TYPE, IisPages.methodNotAllowed());
            return;
        }
        answerSoap(exchange, body, receivedAt);
    }

    private void answerSoap(HttpExchange exchange, byte[] body, Instant receivedAt) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        String contentType = headers.getFirst("Content-Type");
        boolean soap12 = SoapRequest.isSoap12ContentType(contentType);
        try {
            SoapRequest request = SoapRequest.read(contentType, headers.getFirst("SOAPAction"), body);
            soap12 = request.soap12();
            if (request.operation() == Operation.GET_STATUS) {
                answerPoll(exchange, soap12, chooseStep(request.masterWorkflowInstanceId(), receivedAt));
            } else {
                long workflowId = book.startFileBatch(request.fileBatch().externalContext(), receivedAt);
                sendSoap(exchange, 200, soap12, SoapEnvelopes.fileBatchResponse(soap12, workflowId));
            }
        } catch (AsmxFault fault) {
            sendSoap(exchange, 500, soap12, SoapEnvelopes.fault(soap12, fault.code(), fault.faultString()));
        }
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

    private static void answerPoll(HttpExchange exchange, boolean soap12, Step step) throws IOException {
        if (!pause(step.delay())) {
            // close() interrupted the delay after cutting the connection; the answer has nowhere to go.
            exchange.close();
            return;
        }
        Outcome outcome = step.outcome();
        if (outcome instanceof Outcome.StatusReply reply) {
            sendSoap(exchange, 200, soap12, SoapEnvelopes.getStatusResponse(soap12, reply));
        } else if (outcome instanceof Outcome.SoapFault fault) {
            byte[] envelope = SoapEnvelopes.fault(soap12, AsmxFault.Code.of(fault.faultCode()), fault.faultString());
            sendSoap(exchange, 500, soap12, envelope);
        } else if (outcome instanceof Outcome.HttpError error) {
            int status = error.httpStatus();
            send(exchange, status, IisPages.HTTP_SYS_CONTENT_TYPE, IisPages.httpSysError(status));
        } else if (outcome instanceof Outcome.MalformedBody) {
            sendSoap(exchange, 200, soap12, SoapEnvelopes.truncatedGetStatusResponse(soap12));
        } else if (outcome instanceof Outcome.DroppedConnection) {
            // Closing an exchange before its response headers are sent closes the TCP connection: no answer at all.
            exchange.close();
        }
    }

    /** False when close() interrupted the wait. */
    private static boolean pause(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void answerUnexpected(HttpExchange exchange, RuntimeException failure) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        boolean soap12 =
                SoapRequest.isSoap12ContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
        String faultString = "Server was unable to process request. ---> " + failure;
        try {
            sendSoap(exchange, 500, soap12, SoapEnvelopes.fault(soap12, AsmxFault.Code.SERVER, faultString));
        } catch (IOException e) {
            // The client went away as well.
        }
    }

    private boolean isAuthorized(String authorization) {
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

    private byte[] wsdl(Headers requestHeaders) {
        String host = requestHeaders.getFirst("Host");
        String authority = host != null && HOST.matcher(host).matches() ? host : endpointUrl.getRawAuthority();
        String address = "http://" + authority + CoraOcrWire.ENDPOINT_PATH;
        return WSDL.replace(WSDL_ADDRESS, address).getBytes(StandardCharsets.UTF_8);
    }

    private static void sendSoap(HttpExchange exchange, int status, boolean soap12, byte[] envelope)
            throws IOException {
        send(exchange, status, soap12 ? CoraOcrWire.SOAP12_CONTENT_TYPE : CoraOcrWire.SOAP11_CONTENT_TYPE, envelope);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The JDK sends no body for HEAD and warns when given a length; the header tells what GET would get.
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static RecordedRequest record(HttpExchange exchange, byte[] body, Instant receivedAt) {
        URI uri = exchange.getRequestURI();
        return new RecordedRequest(
                exchange.getRequestMethod(),
                uri.getRawPath(),
                uri.getRawQuery(),
                exchange.getRequestHeaders(),
                body,
                receivedAt);
    }

    private static String readWsdl() {
        try (InputStream in =
                Objects.requireNonNull(AsmxHandler.class.getResourceAsStream(WSDL_RESOURCE), WSDL_RESOURCE)) {
            String wsdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!wsdl.contains(WSDL_ADDRESS)) {
                throw new IllegalStateException(WSDL_RESOURCE + " has no address " + WSDL_ADDRESS + " to rewrite");
            }
            return wsdl;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WSDL_RESOURCE, e);
        }
    }
}
