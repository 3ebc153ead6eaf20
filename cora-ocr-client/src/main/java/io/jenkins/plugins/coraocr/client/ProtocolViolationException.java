package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/**
 * An answer that is not a usable GetStatus response: malformed XML, a DOCTYPE, a body over the size
 * limit, the wrong SOAP version, no Status. Retryable, because a proxy can garble one answer.
 */
public final class ProtocolViolationException extends CoraOcrException {
    private static final long serialVersionUID = 1L;

    public ProtocolViolationException(URI endpoint, long workflowId, String detail, Throwable cause) {
        super(endpoint, workflowId, detail, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
