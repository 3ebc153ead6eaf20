package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/**
 * The server could not be reached or could not answer this time: connection refused or lost,
 * timeouts, 408, 429, 5xx (a proxy's 502 and 504 included), or a SOAP fault.
 */
public class TransientServiceException extends CoraOcrException {
    private static final long serialVersionUID = 2L;

    private final int httpStatus;

    TransientServiceException(FailureKind kind, URI endpoint, long workflowId, int httpStatus, String detail) {
        super(kind, endpoint, workflowId, detail, null);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the answer, or 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
