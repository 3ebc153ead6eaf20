package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/**
 * The connection cannot be made as configured, and trying again will not change that: the host name
 * does not resolve, or TLS fails (an untrusted certificate, a certificate for another name).
 */
public final class CannotConnectException extends CoraOcrException {
    private static final long serialVersionUID = 2L;

    CannotConnectException(FailureKind kind, URI endpoint, long workflowId, String detail) {
        super(kind, endpoint, workflowId, detail, null);
    }
}
