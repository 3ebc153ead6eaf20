package io.jenkins.plugins.coraocr.simulator;

import io.jenkins.plugins.coraocr.simulator.CoraOcrWire.Operation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A POSTed SOAP envelope as ASMX reads it: its SOAP version, its action, and the parts the two operations use.
 * The version is the envelope's namespace, whatever the content type says.
 */
final class SoapRequest {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    /** Parser messages are the fault text; the JDK's default handler would also print them to stderr. */
    private static final ErrorHandler THROW_ONLY = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {}

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    private final boolean soap12;
    private final String action;
    private final Element header;
    private final Element payload;

    private SoapRequest(boolean soap12, String action, Element header, Element payload) {
        this.soap12 = soap12;
        this.action = action;
        this.header = header;
        this.payload = payload;
    }

    /** The SOAP version to answer a request in when its body does not tell. */
    static boolean isSoap12ContentType(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/soap+xml");
    }

    /** @throws AsmxFault when the body is not XML or not a SOAP envelope */
    static SoapRequest read(String contentType, String soapActionHeader, byte[] body) throws AsmxFault {
        Element envelope = parse(body).getDocumentElement();
        boolean soap12 = soapVersion(envelope, isSoap12ContentType(contentType));
        String envelopeNamespace = soap12 ? CoraOcrWire.SOAP12_ENVELOPE : CoraOcrWire.SOAP11_ENVELOPE;
        Element soapBody = child(envelope, envelopeNamespace, "Body");
        return new SoapRequest(
                soap12,
                soap12 ? actionParameter(contentType) : unquote(soapActionHeader),
                child(envelope, envelopeNamespace, "Header"),
                soapBody == null ? null : firstElement(soapBody));
    }

    boolean soap12() {
        return soap12;
    }

    /**
     * ASMX routes on the action; only a SOAP 1.2 request without one is routed on its body element.
     *
     * @throws AsmxFault with ASMX's words when neither names an operation
     */
    Operation operation() throws AsmxFault {
        Optional<Operation> operation = Operation.route(
                soap12,
                action,
                payload == null ? null : payload.getNamespaceURI(),
                payload == null ? null : payload.getLocalName());
        if (operation.isPresent()) {
            return operation.get();
        }
        boolean missing = action == null || action.isEmpty();
        throw new AsmxFault(
                AsmxFault.Code.CLIENT,
                soap12 && missing
                        ? CoraOcrWire.MISSING_SOAP12_ACTION_MESSAGE
                        : CoraOcrWire.unrecognizedActionMessage(action));
    }

    /** The raw text of the ActivityMetadata header's MasterWorkflowInstanceId, or null when it is not there. */
    String masterWorkflowInstanceId() {
        Element metadata = header == null ? null : child(header, CoraOcrWire.NAMESPACE, "ActivityMetadata");
        Element id = metadata == null ? null : child(metadata, CoraOcrWire.NAMESPACE, "MasterWorkflowInstanceId");
        return id == null ? null : id.getTextContent();
    }

    /** @throws AsmxFault when required parts are missing or TimeOut is not an int */
    FileBatchRequest fileBatch() throws AsmxFault {
        return FileBatchRequest.read(payload);
    }

    private static boolean soapVersion(Element envelope, boolean soap12ByContentType) throws AsmxFault {
        String namespace = envelope.getNamespaceURI();
        boolean soapNamespace =
                CoraOcrWire.SOAP11_ENVELOPE.equals(namespace) || CoraOcrWire.SOAP12_ENVELOPE.equals(namespace);
        if (!soapNamespace) {
            throw new AsmxFault(
                    AsmxFault.Code.VERSION_MISMATCH,
                    "Possible SOAP version mismatch: Envelope namespace " + (namespace == null ? "" : namespace)
                            + " was unexpected. Expecting "
                            + (soap12ByContentType ? CoraOcrWire.SOAP12_ENVELOPE : CoraOcrWire.SOAP11_ENVELOPE)
                            + ".");
        }
        if (!"Envelope".equals(envelope.getLocalName())) {
            throw new AsmxFault(
                    AsmxFault.Code.CLIENT,
                    "Server was unable to read request. ---> Missing required soap:Envelope element.");
        }
        return CoraOcrWire.SOAP12_ENVELOPE.equals(namespace);
    }

    /** No DTD at all, hence no entities to expand and nothing external to fetch, as ASMX's own reader. */
    private static Document parse(byte[] body) throws AsmxFault {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(THROW_ONLY);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException e) {
            throw new AsmxFault(AsmxFault.Code.CLIENT, "Server was unable to read request. ---> " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
    }

    private static String actionParameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.regionMatches(true, 0, "action=", 0, 7)) {
                return unquote(trimmed.substring(7));
            }
        }
        return null;
    }

    private static String unquote(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** The first child element with this namespace and local name, or null. */
    static Element child(Element parent, String namespace, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && localName.equals(element.getLocalName())
                    && namespace.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }
}
