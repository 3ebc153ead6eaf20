package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/** 404, 405, 501, a redirect or an HTML page where SOAP was expected: the URL does not lead to the OCR service. */
public final class EndpointNotFoundException extends CoraOcrException {
    private static final long serialVersionUID = 2L;

    private final int httpStatus;

    EndpointNotFoundException(URI endpoint, long workflowId, int httpStatus, String detail) {
        super(FailureKind.NOT_THE_SERVICE, endpoint, workflowId, detail, null);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
