package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/** The service answered with a SOAP fault, usually an exception inside the ASMX service. */
public final class ServiceFaultException extends TransientServiceException {
    private static final long serialVersionUID = 2L;

    private final String faultCode;
    private final String faultString;

    ServiceFaultException(
            URI endpoint, long workflowId, int httpStatus, String faultCode, String faultString, String shownFault) {
        super(FailureKind.SOAP_FAULT, endpoint, workflowId, httpStatus, "SOAP fault " + faultCode + ": " + shownFault);
        this.faultCode = faultCode;
        this.faultString = faultString;
    }

    /** The fault code as {@code prefix:local} text, e.g. {@code soap:Server}. */
    public String faultCode() {
        return faultCode;
    }

    /** The whole fault string, secrets masked but otherwise as the server sent it. */
    public String faultString() {
        return faultString;
    }
}
