package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/**
 * An answer that is not a usable GetStatus response: malformed XML, a DOCTYPE, a body over the size
 * limit, no Status (retryable, because a proxy can garble one answer), or the other SOAP version and an
 * unasked-for Content-Encoding (not retryable: they never fix themselves).
 */
public final class ProtocolViolationException extends CoraOcrException {
    private static final long serialVersionUID = 2L;

    ProtocolViolationException(FailureKind kind, URI endpoint, long workflowId, String detail) {
        super(kind, endpoint, workflowId, detail, null);
    }

    /** A {@link FailureKind#BAD_ANSWER}, e.g. for a Status outside the documented list. */
    public ProtocolViolationException(URI endpoint, long workflowId, String detail) {
        this(FailureKind.BAD_ANSWER, endpoint, workflowId, detail);
    }
}
