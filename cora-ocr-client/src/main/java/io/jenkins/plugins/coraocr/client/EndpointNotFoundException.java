package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/** 404, 405 or an HTML page where SOAP was expected: the URL does not lead to the OCR service. */
public final class EndpointNotFoundException extends CoraOcrException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public EndpointNotFoundException(URI endpoint, long workflowId, int httpStatus, String detail) {
        super(endpoint, workflowId, detail, null);
        this.httpStatus = httpStatus;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
