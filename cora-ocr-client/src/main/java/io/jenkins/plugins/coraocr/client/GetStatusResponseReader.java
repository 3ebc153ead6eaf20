package io.jenkins.plugins.coraocr.client;

import static io.jenkins.plugins.coraocr.client.ServiceNames.ERROR_CODE;
import static io.jenkins.plugins.coraocr.client.ServiceNames.EXTERNAL_CONTEXT;
import static io.jenkins.plugins.coraocr.client.ServiceNames.GET_STATUS_RESPONSE;
import static io.jenkins.plugins.coraocr.client.ServiceNames.GET_STATUS_RESULT;
import static io.jenkins.plugins.coraocr.client.ServiceNames.NAMESPACE;
import static io.jenkins.plugins.coraocr.client.ServiceNames.STATUS;

import java.net.URI;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a GetStatusResponse payload. Tolerant where the protocol is unknown: fields directly under
 * GetStatusResponse or inside GetStatusResult, unknown elements ignored, unknown values kept.
 */
final class GetStatusResponseReader {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private GetStatusResponseReader() {}

    static WorkflowStatus read(Node payload, URI endpoint, long workflowId, Secrets secrets)
            throws ProtocolViolationException {
        Element response = payload instanceof Document ? ((Document) payload).getDocumentElement() : (Element) payload;
        if (response == null || !isService(response, GET_STATUS_RESPONSE)) {
            throw new ProtocolViolationException(
                    endpoint,
                    workflowId,
                    "the answer's body holds " + describe(response) + " instead of GetStatusResponse");
        }
        Element fields = child(response, GET_STATUS_RESULT);
        if (fields == null || child(fields, STATUS) == null) {
            fields = response;
        }
        Element status = child(fields, STATUS);
        if (status == null || isNil(status) || status.getTextContent().isBlank()) {
            throw new ProtocolViolationException(endpoint, workflowId, "the GetStatusResponse has no Status");
        }
        Element errorCode = child(fields, ERROR_CODE);
        Element externalContext = child(fields, EXTERNAL_CONTEXT);
        return WorkflowStatus.of(
                secrets.mask(status.getTextContent().trim()),
                errorCode == null || isNil(errorCode)
                        ? null
                        : secrets.mask(errorCode.getTextContent().trim()),
                externalContext == null || isNil(externalContext)
                        ? null
                        : secrets.mask(externalContext.getTextContent()));
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && isService((Element) node, localName)) {
                return (Element) node;
            }
        }
        return null;
    }

    private static boolean isService(Element element, String localName) {
        return NAMESPACE.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static boolean isNil(Element element) {
        String nil = element.getAttributeNS(XSI, "nil");
        return "true".equals(nil) || "1".equals(nil);
    }

    private static String describe(Element element) {
        if (element == null) {
            return "nothing";
        }
        String ns = element.getNamespaceURI();
        return "{" + (ns == null ? "" : ns) + "}" + element.getLocalName();
    }
}
