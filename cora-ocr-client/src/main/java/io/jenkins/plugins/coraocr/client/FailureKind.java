package io.jenkins.plugins.coraocr.client;

/**
 * What went wrong with a GetStatus call, in terms a caller can act on: whether asking again may help,
 * and which setting a person has to change otherwise.
 */
public enum FailureKind {
    /** 401: the server rejected the user name or password of HTTP Basic. */
    LOGIN_REJECTED(false),
    /** 401: the server wants credentials and none are configured. */
    LOGIN_MISSING(false),
    /** 401 offering NTLM (maybe Negotiate too) while Basic is chosen. */
    WINDOWS_AUTHENTICATION_REQUIRED(false),
    /** 401 offering Negotiate only: Kerberos, which the client does not speak. */
    KERBEROS_REQUIRED(false),
    /** 401 offering Basic only while NTLM is chosen. */
    BASIC_AUTHENTICATION_REQUIRED(false),
    /** 401 after an NTLM handshake: the Windows logon was rejected. */
    WINDOWS_LOGON_REJECTED(false),
    /** 403: the account may not call the service. */
    FORBIDDEN(false),
    /** 404, 405, 501, a redirect or an HTML page: the URL does not lead to the OCR service. */
    NOT_THE_SERVICE(false),
    /** The host name does not resolve. */
    UNKNOWN_HOST(false),
    /** The proxy's host name does not resolve. */
    PROXY_UNKNOWN_HOST(false),
    /** The server's certificate does not chain to a trusted CA. */
    CERTIFICATE_UNTRUSTED(false),
    /** The server's certificate is not issued for the host name in the URL. */
    CERTIFICATE_NAME_MISMATCH(false),
    /** Any other TLS failure (protocol versions, ciphers, a broken handshake). */
    TLS_FAILED(false),
    /** 407: the proxy wants credentials, or rejected them. */
    PROXY_AUTHENTICATION(false),
    /** The answer uses a Content-Encoding the client did not ask for. */
    UNSUPPORTED_ENCODING(false),
    /** The server speaks the other SOAP version. */
    SOAP_VERSION_MISMATCH(false),
    /** 502 or 504 from the proxy: it could not reach the server. */
    PROXY_GATEWAY(true),
    /** Nothing listens on the port (the server may be restarting). */
    CONNECTION_REFUSED(true),
    /** No connection, or no complete answer, in time. */
    TIMEOUT(true),
    /** The connection was closed before a complete answer. */
    CONNECTION_LOST(true),
    /** 408, 429, 5xx: the server could not answer this time. */
    SERVER_ERROR(true),
    /** A SOAP fault: an exception inside the service. */
    SOAP_FAULT(true),
    /** An answer that is not a usable GetStatus response (malformed, too large, no Status). */
    BAD_ANSWER(true),
    /** The caller aborted the call (a deadline, a stopped build). */
    ABORTED(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether asking again later may succeed. */
    public boolean isRetryable() {
        return retryable;
    }
}
