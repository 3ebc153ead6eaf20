package io.jenkins.plugins.coraocr.client;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.HttpException;

/** Turns whatever a call ended with, plus what the HTTP layer saw, into one exception a caller can act on. */
final class FailureClassifier {
    private static final int MAX_SERVER_TEXT = 500;

    private final ConnectionSettings settings;
    private final URI endpoint;
    private final Secrets secrets;

    FailureClassifier(ConnectionSettings settings, Secrets secrets) {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.secrets = secrets;
    }

    CoraOcrException classify(long workflowId, InFlight flight, Throwable failure) {
        InFlight.Abort abort = flight.abort();
        if (abort == InFlight.Abort.BY_CALLER) {
            return new CallAbortedException(endpoint, workflowId);
        }
        if (abort != null) {
            return timedOut(workflowId, abort);
        }
        UnusableAnswer unusable = find(failure, UnusableAnswer.class);
        if (unusable != null) {
            return fromHttp(workflowId, flight, unusable.facts());
        }
        CoraConduit.UnusableCharset charset = find(failure, CoraConduit.UnusableCharset.class);
        if (charset != null) {
            return new ProtocolViolationException(
                    FailureKind.UNSUPPORTED_ENCODING,
                    endpoint,
                    workflowId,
                    "the answer is in the charset '" + text(charset.getMessage()) + "', which this Java cannot read");
        }
        ResponseFacts answered = flight.facts();
        if (answered == null) {
            return fromTransport(workflowId, flight, failure);
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
                "the answer is not well-formed SOAP XML: " + text(rootMessage(xml != null ? xml : failure)));
    }

    private CoraOcrException timedOut(long workflowId, InFlight.Abort abort) {
        String detail = abort == InFlight.Abort.ANSWER_TIMEOUT
                ? "no complete answer within the read timeout of " + duration(settings.readTimeout())
                        + "; the connection was closed"
                : "could not connect within the connect timeout of " + duration(settings.connectTimeout())
                        + "; the connection was closed";
        return new TransientServiceException(FailureKind.TIMEOUT, endpoint, workflowId, 0, detail);
    }

    private CoraOcrException fromHttp(long workflowId, InFlight flight, ResponseFacts facts) {
        int status = facts.httpStatus();
        if (facts.fromProxy()) {
            return fromProxy(workflowId, flight, facts);
        }
        if (facts.tooLarge()) {
            return new ProtocolViolationException(
                    endpoint,
                    workflowId,
                    "the answer (HTTP " + status + ") is larger than " + HttpTransport.MAX_BODY_BYTES / 1024
                            + " KiB; no GetStatus answer is that big");
        }
        if (status == 401) {
            return unauthorized(workflowId, facts.challenges());
        }
        if (status == 407) {
            return new AuthenticationRejectedException(
                    FailureKind.PROXY_AUTHENTICATION,
                    endpoint,
                    workflowId,
                    status,
                    facts.proxyChallenges(),
                    "HTTP 407 Proxy Authentication Required: a proxy between this machine and"
                            + " the server wants credentials" + asked(facts.proxyChallenges()));
        }
        if (status == 403) {
            return new AuthenticationRejectedException(
                    FailureKind.FORBIDDEN,
                    endpoint,
                    workflowId,
                    status,
                    facts.challenges(),
                    "HTTP 403 Forbidden: the server does not let "
                            + (settings.hasCredentials() ? "this account" : "anonymous callers")
                            + " call the OCR service");
        }
        if (status == 404 || status == 405 || status == 501) {
            return new EndpointNotFoundException(
                    endpoint,
                    workflowId,
                    status,
                    "HTTP " + status + " " + reason(status)
                            + ": whatever answers at this URL is not the OCR SOAP service; its path normally ends with "
                            + ServiceNames.DEFAULT_PATH);
        }
        if (status >= 300 && status < 400) {
            return new EndpointNotFoundException(
                    endpoint,
                    workflowId,
                    status,
                    "HTTP " + status + " redirect to "
                            + (facts.location() == null ? "an unnamed location" : text(facts.location()))
                            + "; configure the URL the service really answers on");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new TransientServiceException(
                    FailureKind.SERVER_ERROR,
                    endpoint,
                    workflowId,
                    status,
                    "HTTP " + status + " " + reason(status) + (facts.isHtml() ? " (an HTML error page)" : ""));
        }
        if (facts.contentEncoding() != null) {
            return new ProtocolViolationException(
                    FailureKind.UNSUPPORTED_ENCODING,
                    endpoint,
                    workflowId,
                    "the answer arrived with Content-Encoding: " + text(facts.contentEncoding())
                            + ", which the client did not ask for; something between here and the service encodes it");
        }
        if (status == 200 && facts.isHtml()) {
            return new EndpointNotFoundException(
                    endpoint,
                    workflowId,
                    status,
                    "the server answered with an HTML page"
                            + " instead of SOAP; the URL probably points at a web site, not at the .asmx service");
        }
        if (facts.hasDoctype()) {
            return new ProtocolViolationException(
                    endpoint,
                    workflowId,
                    "the answer (HTTP " + status
                            + ") contains a DOCTYPE, which a SOAP message must not have; it was not processed");
        }
        if (status == 415) {
            return new ProtocolViolationException(
                    FailureKind.SOAP_VERSION_MISMATCH,
                    endpoint,
                    workflowId,
                    "HTTP 415 Unsupported Media Type: the server does not accept this SOAP version's content type;"
                            + " it speaks the other SOAP version");
        }
        return new ProtocolViolationException(
                endpoint,
                workflowId,
                "unexpected HTTP " + status
                        + (facts.contentType() == null ? "" : " with content type " + text(facts.contentType())));
    }

    private CoraOcrException fromProxy(long workflowId, InFlight flight, ResponseFacts facts) {
        int status = facts.httpStatus();
        String proxy = settings.effectiveProxy().address();
        if (status == 407) {
            boolean sent = settings.effectiveProxy().username() != null;
            return new AuthenticationRejectedException(
                    FailureKind.PROXY_AUTHENTICATION,
                    endpoint,
                    workflowId,
                    status,
                    facts.proxyChallenges(),
                    "HTTP 407 from the proxy " + proxy + ": "
                            + (sent
                                    ? "it rejected the proxy user name or password"
                                    : "it wants a user name and password")
                            + asked(facts.proxyChallenges()));
        }
        String what = flight.reachedServer()
                ? "from the proxy " + proxy + ": it could not get an answer from " + hostAndPort()
                : "from the proxy " + proxy + ", which refused to open a connection to " + hostAndPort();
        if (status == 403) {
            return new AuthenticationRejectedException(
                    FailureKind.FORBIDDEN, endpoint, workflowId, status, List.of(), "HTTP 403 Forbidden " + what);
        }
        return new TransientServiceException(
                FailureKind.PROXY_GATEWAY,
                endpoint,
                workflowId,
                status,
                "HTTP " + status + " " + reason(status) + " " + what);
    }

    private CoraOcrException unauthorized(long workflowId, List<String> challenges) {
        List<String> schemes = challenges.stream()
                .map(challenge -> challenge.trim().split("\\s+", 2)[0].toLowerCase(Locale.ROOT))
                .filter(scheme -> !scheme.isEmpty())
                .distinct()
                .collect(Collectors.toList());
        boolean basic = schemes.contains("basic");
        boolean ntlm = schemes.contains("ntlm");
        boolean negotiate = schemes.contains("negotiate");
        String asked = asked(challenges);
        FailureKind kind;
        String detail;
        if (settings.authentication() == Authentication.NTLM) {
            if (ntlm) {
                kind = FailureKind.WINDOWS_LOGON_REJECTED;
                detail = "HTTP 401 Unauthorized: the server rejected the Windows logon of " + text(settings.username())
                        + " (check the domain, the user name and the password)";
            } else if (basic) {
                kind = FailureKind.BASIC_AUTHENTICATION_REQUIRED;
                detail = "HTTP 401 Unauthorized: the server offers HTTP Basic authentication, not Windows (NTLM)";
            } else if (negotiate) {
                kind = FailureKind.KERBEROS_REQUIRED;
                detail = "HTTP 401 Unauthorized: the server offers only Negotiate (Kerberos), which is not supported"
                        + " yet; ask the Cora administrators to enable NTLM for the service";
            } else {
                kind = FailureKind.WINDOWS_LOGON_REJECTED;
                detail = "HTTP 401 Unauthorized";
            }
        } else if (basic || (!ntlm && !negotiate)) {
            kind = settings.hasCredentials() ? FailureKind.LOGIN_REJECTED : FailureKind.LOGIN_MISSING;
            detail = settings.hasCredentials()
                    ? "HTTP 401 Unauthorized: the server rejected the user name or password"
                    : "HTTP 401 Unauthorized: the server requires a user name and password and none is configured";
        } else if (ntlm) {
            kind = FailureKind.WINDOWS_AUTHENTICATION_REQUIRED;
            detail = "HTTP 401 Unauthorized: the server wants Windows authentication ("
                    + schemes.stream().map(FailureClassifier::schemeName).collect(Collectors.joining(", "))
                    + "), not HTTP Basic; nothing more was sent";
        } else {
            kind = FailureKind.KERBEROS_REQUIRED;
            detail = "HTTP 401 Unauthorized: the server offers only Negotiate (Kerberos), which is not supported yet;"
                    + " ask the Cora administrators to enable NTLM or Basic authentication for the service";
        }
        return new AuthenticationRejectedException(kind, endpoint, workflowId, 401, challenges, detail + asked);
    }

    private static String schemeName(String scheme) {
        return scheme.equals("ntlm") ? "NTLM" : Character.toUpperCase(scheme.charAt(0)) + scheme.substring(1);
    }

    private String asked(List<String> challenges) {
        return challenges.isEmpty()
                ? ""
                : " (it asks for " + challenges.stream().map(this::text).collect(Collectors.joining(", ")) + ")";
    }

    private CoraOcrException fromFault(long workflowId, ResponseFacts facts, SoapFault fault) {
        QName code = fault.getFaultCode();
        String reason = secrets.mask(fault.getReason() != null ? fault.getReason() : fault.getMessage());
        if (code != null && "VersionMismatch".equals(code.getLocalPart())) {
            return new ProtocolViolationException(
                    FailureKind.SOAP_VERSION_MISMATCH,
                    endpoint,
                    workflowId,
                    "SOAP version mismatch: " + text(reason) + "; the server speaks the other SOAP version");
        }
        String shownCode = code == null
                ? "soap:Server"
                : (code.getPrefix().isEmpty() ? "soap" : code.getPrefix()) + ":" + code.getLocalPart();
        return new ServiceFaultException(
                endpoint, workflowId, facts.httpStatus(), text(shownCode), reason == null ? "" : reason, text(reason));
    }

    private CoraOcrException fromTransport(long workflowId, InFlight flight, Throwable failure) {
        boolean viaProxy = settings.effectiveProxy() != null;
        if (find(failure, UnknownHostException.class) != null) {
            return new CannotConnectException(
                    viaProxy ? FailureKind.PROXY_UNKNOWN_HOST : FailureKind.UNKNOWN_HOST,
                    endpoint,
                    workflowId,
                    viaProxy
                            ? "the proxy host " + settings.effectiveProxy().host() + " does not resolve"
                            : "the host name " + endpoint.getHost() + " does not resolve");
        }
        if (find(failure, ConnectTimeoutException.class) != null) {
            return new TransientServiceException(
                    FailureKind.TIMEOUT,
                    endpoint,
                    workflowId,
                    0,
                    "could not connect to " + firstHop() + " within " + duration(settings.connectTimeout()));
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null) {
            return new TransientServiceException(
                    FailureKind.CONNECTION_REFUSED,
                    endpoint,
                    workflowId,
                    0,
                    "connection refused: nothing answers on " + firstHop());
        }
        SSLPeerUnverifiedException wrongName = find(failure, SSLPeerUnverifiedException.class);
        if (wrongName != null) {
            return new CannotConnectException(
                    FailureKind.CERTIFICATE_NAME_MISMATCH,
                    endpoint,
                    workflowId,
                    "the server's certificate is issued for " + names(flight.serverCertificates()) + ", not for "
                            + endpoint.getHost() + " (the host in the URL)");
        }
        SSLHandshakeException handshake = find(failure, SSLHandshakeException.class);
        if (handshake != null
                && (find(failure, CertPathValidatorException.class) != null
                        || find(failure, CertificateException.class) != null
                        || String.valueOf(handshake.getMessage()).contains("PKIX"))) {
            return new CannotConnectException(
                    FailureKind.CERTIFICATE_UNTRUSTED,
                    endpoint,
                    workflowId,
                    "the server's certificate is not trusted: " + described(flight.serverCertificates())
                            + " does not lead to a certificate authority this client trusts");
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null && find(failure, SocketException.class) == null && find(failure, EOFException.class) == null) {
            return new CannotConnectException(
                    FailureKind.TLS_FAILED,
                    endpoint,
                    workflowId,
                    "TLS with " + hostAndPort() + " failed: " + text(rootMessage(tls)));
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            // HttpClient's own socket timeout and the watchdog guard the same limits; whichever fires first,
            // the user reads the same words.
            return timedOut(
                    workflowId,
                    flight.reachedServer() ? InFlight.Abort.ANSWER_TIMEOUT : InFlight.Abort.CONNECT_TIMEOUT);
        }
        HttpException notHttp = find(failure, HttpException.class);
        if (notHttp != null) {
            return new ProtocolViolationException(
                    endpoint, workflowId, "the answer is not valid HTTP: " + text(rootMessage(notHttp)));
        }
        if (find(failure, InterruptedIOException.class) != null
                && Thread.currentThread().isInterrupted()) {
            return new CallAbortedException(endpoint, workflowId);
        }
        return new TransientServiceException(
                FailureKind.CONNECTION_LOST,
                endpoint,
                workflowId,
                0,
                "the connection was closed before a complete answer"
                        + (rootMessage(failure).isEmpty() ? "" : ": " + text(rootMessage(failure))));
    }

    private static String described(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return "its certificate";
        }
        X509Certificate leaf = chain.get(0);
        return "subject " + leaf.getSubjectX500Principal().getName() + ", issued by "
                + leaf.getIssuerX500Principal().getName()
                + (chain.size() > 1 ? " (chain of " + chain.size() + ")" : "");
    }

    private static String names(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return "another name";
        }
        X509Certificate leaf = chain.get(0);
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    Object type = alternative.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.clear();
        }
        if (names.isEmpty()) {
            names.add(leaf.getSubjectX500Principal().getName());
        }
        return String.join(", ", names);
    }

    /** Where a connection goes first: the proxy when there is one, else the server. */
    private String firstHop() {
        return settings.effectiveProxy() != null
                ? "the proxy " + settings.effectiveProxy().address()
                : hostAndPort();
    }

    private String hostAndPort() {
        return endpoint.getHost() + ":" + port();
    }

    private int port() {
        if (endpoint.getPort() != -1) {
            return endpoint.getPort();
        }
        return "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    }

    private static String duration(Duration duration) {
        return duration.toMillis() + " ms";
    }

    static String reason(int status) {
        switch (status) {
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 408:
                return "Request Timeout";
            case 429:
                return "Too Many Requests";
            case 500:
                return "Internal Server Error";
            case 501:
                return "Not Implemented";
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

    /**
     * The innermost message, without the Java class names libraries put in front of it (a person
     * reading an error has no use for {@code sun.security.provider.certpath.SunCertPathBuilderException}).
     */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : "";
        return message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error)(?::\\s*)?", "")
                .trim();
    }

    /** Server (or library) text as an exception message may carry it: masked, on one line, cut. */
    private String text(String raw) {
        if (raw == null) {
            return "";
        }
        String line =
                ServerText.escape(secrets.mask(raw).replaceAll("\\s+", " ").trim());
        return line.length() > MAX_SERVER_TEXT
                ? line.substring(0, MAX_SERVER_TEXT) + "… (" + (line.length() - MAX_SERVER_TEXT) + " more characters)"
                : line;
    }
}
