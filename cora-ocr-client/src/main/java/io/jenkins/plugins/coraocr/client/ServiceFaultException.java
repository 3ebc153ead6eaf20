package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/** The service answered with a SOAP fault, usually an exception inside the ASMX service. */
public final class ServiceFaultException extends TransientServiceException {
    private static final long serialVersionUID = 1L;

    private final String faultCode;
    private final String faultString;

    public ServiceFaultException(URI endpoint, long workflowId, int httpStatus, String faultCode, String faultString) {
        super(endpoint, workflowId, httpStatus, "SOAP fault " + faultCode + ": " + faultString, null);
        this.faultCode = faultCode;
        this.faultString = faultString;
    }

    /** The fault code as {@code prefix:local} text, e.g. {@code soap:Server}. */
    public String faultCode() {
        return faultCode;
    }

    public String faultString() {
        return faultString;
    }
}
