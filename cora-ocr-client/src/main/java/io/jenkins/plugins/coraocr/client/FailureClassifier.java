package io.jenkins.plugins.coraocr.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;

/** Turns whatever CXF threw, plus the HTTP facts of the answer, into one exception a caller can act on. */
final class FailureClassifier {
    private final URI endpoint;
    private final boolean credentialsSent;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    FailureClassifier(URI endpoint, boolean credentialsSent, Duration connectTimeout, Duration readTimeout) {
        this.endpoint = endpoint;
        this.credentialsSent = credentialsSent;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * @param answered the facts of an answer that was read completely and looked like SOAP, or
     *     null when no such answer arrived
     */
    CoraOcrException classify(long workflowId, ResponseFacts answered, Throwable failure) {
        UnusableAnswer unusable = find(failure, UnusableAnswer.class);
        if (unusable != null) {
            return fromHttp(workflowId, unusable.facts());
        }
        if (answered == null) {
            return fromTransport(workflowId, failure);
        }
        // CXF reports its own parse errors as client SOAP faults too; those carry the XML error as cause.
        XMLStreamException xml = find(failure, XMLStreamException.class);
        SoapFault fault = find(failure, SoapFault.class);
        if (fault != null && xml == null) {
            return fromFault(workflowId, answered, fault);
        }
        return new ProtocolViolationException(
                endpoint,
                workflowId,
                "the answer is not well-formed SOAP XML: " + oneLine(rootMessage(xml != null ? xml : failure)),
                null);
    }

    private CoraOcrException fromHttp(long workflowId, ResponseFacts facts) {
        int status = facts.httpStatus();
        if (facts.tooLarge()) {
            return new ProtocolViolationException(
                    endpoint,
                    workflowId,
                    "the answer (HTTP " + status + ") is larger than " + ResponseCapture.MAX_BODY_BYTES / 1024
                            + " KiB; no GetStatus answer is that big",
                    null);
        }
        if (status == 401) {
            return new AuthenticationRejectedException(
                    endpoint, workflowId, status, facts.challenges(), unauthorized(facts.challenges()));
        }
        if (status == 403) {
            return new AuthenticationRejectedException(
                    endpoint,
                    workflowId,
                    status,
                    facts.challenges(),
                    "HTTP 403 Forbidden: the server does not let "
                            + (credentialsSent ? "this account" : "anonymous callers") + " call the OCR service");
        }
        if (status == 404) {
            return new EndpointNotFoundException(
                    endpoint,
                    workflowId,
                    status,
                    "HTTP 404 Not Found: there is no OCR service at this URL; it normally ends with "
                            + ServiceNames.DEFAULT_PATH);
        }
        if (status == 405) {
            return new EndpointNotFoundException(
                    endpoint,
                    workflowId,
                    status,
                    "HTTP 405 Method Not Allowed: this URL does not accept SOAP POST requests; it normally ends with "
                            + ServiceNames.DEFAULT_PATH);
        }
        if (status >= 300 && status < 400) {
            return new EndpointNotFoundException(
                    endpoint,
                    workflowId,
                    status,
                    "HTTP " + status + " redirect to "
                            + (facts.location() == null ? "an unnamed location" : facts.location())
                            + "; configure the URL the service really answers on");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new TransientServiceException(
                    endpoint,
                    workflowId,
                    status,
                    "HTTP " + status + " " + reason(status) + (facts.isHtml() ? " (an HTML error page)" : ""),
                    null);
        }
        if (status == 200 && facts.isHtml()) {
            return new EndpointNotFoundException(
                    endpoint,
                    workflowId,
                    status,
                    "the server answered with an HTML page instead of SOAP; the URL probably points at a web site, not at the .asmx service");
        }
        if (facts.hasDoctype() && !facts.isHtml()) {
            return new ProtocolViolationException(
                    endpoint,
                    workflowId,
                    "the answer (HTTP " + status
                            + ") contains a DOCTYPE, which a SOAP message must not have; it was not processed",
                    null);
        }
        if (status == 415) {
            return new ProtocolViolationException(
                    endpoint,
                    workflowId,
                    "HTTP 415 Unsupported Media Type: the server does not accept this SOAP version's content type; try the other SOAP version",
                    null);
        }
        return new ProtocolViolationException(
                endpoint,
                workflowId,
                "unexpected HTTP " + status
                        + (facts.contentType() == null ? "" : " with content type " + facts.contentType()),
                null);
    }

    private String unauthorized(List<String> challenges) {
        List<String> schemes = challenges.stream()
                .map(challenge -> challenge.trim().split("\\s+", 2)[0])
                .filter(scheme -> !scheme.isEmpty())
                .distinct()
                .collect(Collectors.toList());
        boolean basic = schemes.stream().anyMatch(scheme -> scheme.equalsIgnoreCase("Basic"));
        boolean windows = schemes.stream()
                .anyMatch(scheme -> scheme.equalsIgnoreCase("Negotiate") || scheme.equalsIgnoreCase("NTLM"));
        String asked = schemes.isEmpty() ? "" : " (the server asks for " + String.join(", ", challenges) + ")";
        if (basic) {
            return credentialsSent
                    ? "HTTP 401 Unauthorized: the server rejected the user name or password" + asked
                    : "HTTP 401 Unauthorized: the server requires a user name and password and none is configured"
                            + asked;
        }
        if (windows) {
            return "HTTP 401 Unauthorized: the server wants Windows authentication (" + String.join(", ", schemes)
                    + "), which this client does not speak; ask the Cora administrators to enable Basic authentication for the service";
        }
        return "HTTP 401 Unauthorized" + asked;
    }

    private CoraOcrException fromFault(long workflowId, ResponseFacts facts, SoapFault fault) {
        QName code = fault.getFaultCode();
        String reason = fault.getReason() != null ? fault.getReason() : fault.getMessage();
        if (code != null && "VersionMismatch".equals(code.getLocalPart())) {
            return new ProtocolViolationException(
                    endpoint,
                    workflowId,
                    "SOAP version mismatch: " + oneLine(reason) + "; try the other SOAP version",
                    null);
        }
        String shownCode = code == null
                ? "soap:Server"
                : (code.getPrefix().isEmpty() ? "soap" : code.getPrefix()) + ":" + code.getLocalPart();
        return new ServiceFaultException(endpoint, workflowId, facts.httpStatus(), shownCode, oneLine(reason));
    }

    private CoraOcrException fromTransport(long workflowId, Throwable failure) {
        SocketTimeoutException timeout = find(failure, SocketTimeoutException.class);
        if (timeout != null) {
            boolean connecting = timeout.getMessage() != null
                    && timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect");
            return new TransientServiceException(
                    endpoint,
                    workflowId,
                    0,
                    connecting
                            ? "could not connect within " + connectTimeout.toMillis() + " ms"
                            : "no answer within the read timeout of " + readTimeout.toMillis() + " ms",
                    null);
        }
        UnknownHostException unknownHost = find(failure, UnknownHostException.class);
        if (unknownHost != null) {
            return new TransientServiceException(endpoint, workflowId, 0, "unknown host " + endpoint.getHost(), null);
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null || find(failure, NoRouteToHostException.class) != null) {
            return new TransientServiceException(
                    endpoint,
                    workflowId,
                    0,
                    "connection refused: nothing answers on " + endpoint.getHost() + ":" + port(),
                    null);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new TransientServiceException(
                    endpoint, workflowId, 0, "TLS failed: " + oneLine(tls.getMessage()), null);
        }
        SocketException dropped = find(failure, SocketException.class);
        if (dropped != null) {
            return new TransientServiceException(
                    endpoint,
                    workflowId,
                    0,
                    "the connection was closed before a complete answer: " + oneLine(dropped.getMessage()),
                    null);
        }
        return new TransientServiceException(
                endpoint, workflowId, 0, "the call failed: " + oneLine(rootMessage(failure)), null);
    }

    private int port() {
        if (endpoint.getPort() != -1) {
            return endpoint.getPort();
        }
        return "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    }

    private static String reason(int status) {
        switch (status) {
            case 408:
                return "Request Timeout";
            case 429:
                return "Too Many Requests";
            case 500:
                return "Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout";
            default:
                return "Server Error";
        }
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
