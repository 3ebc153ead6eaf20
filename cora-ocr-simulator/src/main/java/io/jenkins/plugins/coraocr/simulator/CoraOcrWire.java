package io.jenkins.plugins.coraocr.simulator;

import java.util.Optional;

/** Names on the wire of coraOcrIntegration_v1.0.0.asmx. */
final class CoraOcrWire {

    static final String NAMESPACE = "http://genpact.com/cora/orchestration/ocr/1.0.0/api/";
    static final String ENDPOINT_PATH = "/SequenceServices/coraOcrIntegration_v1.0.0.asmx";
    static final String SOAP11_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_ENVELOPE = "http://www.w3.org/2003/05/soap-envelope";
    static final String SOAP11_CONTENT_TYPE = "text/xml; charset=utf-8";
    static final String SOAP12_CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    /** ASMX's answer to a SOAP 1.2 request that has no action and no body element it can route on. */
    static final String MISSING_SOAP12_ACTION_MESSAGE =
            "Unable to handle request without a valid action parameter. Please supply a valid soap action.";

    private CoraOcrWire() {}

    enum Operation {
        GET_STATUS("GetStatus"),
        FILE_BATCH("FileBatch");

        private final String elementName;

        Operation(String elementName) {
            this.elementName = elementName;
        }

        String elementName() {
            return elementName;
        }

        String action() {
            return NAMESPACE + elementName;
        }

        static Optional<Operation> byAction(String action) {
            for (Operation operation : values()) {
                if (operation.action().equals(action)) {
                    return Optional.of(operation);
                }
            }
            return Optional.empty();
        }

        static Optional<Operation> byBodyElement(String namespace, String localName) {
            for (Operation operation : values()) {
                if (NAMESPACE.equals(namespace) && operation.elementName.equals(localName)) {
                    return Optional.of(operation);
                }
            }
            return Optional.empty();
        }

        /**
         * ASMX routes on the action; only a SOAP 1.2 request without one is routed on its body element.
         * Returns empty for a request ASMX would reject.
         */
        static Optional<Operation> route(boolean soap12, String action, String bodyNamespace, String bodyLocalName) {
            if (action != null && !action.isEmpty()) {
                return byAction(action);
            }
            return soap12 ? byBodyElement(bodyNamespace, bodyLocalName) : Optional.empty();
        }
    }

    static String unrecognizedActionMessage(String action) {
        return "Server did not recognize the value of HTTP Header SOAPAction: " + (action == null ? "" : action) + ".";
    }
}
