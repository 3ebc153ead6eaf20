package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/**
 * The server could not be reached or could not answer this time: connection refused or reset,
 * timeouts, 408, 429, 5xx, or a SOAP fault.
 */
public class TransientServiceException extends CoraOcrException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public TransientServiceException(URI endpoint, long workflowId, int httpStatus, String detail, Throwable cause) {
        super(endpoint, workflowId, detail, cause);
        this.httpStatus = httpStatus;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    /** The HTTP status of the answer, or 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
