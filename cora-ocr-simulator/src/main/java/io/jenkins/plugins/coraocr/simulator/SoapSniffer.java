package io.jenkins.plugins.coraocr.simulator;

import io.jenkins.plugins.coraocr.simulator.CoraOcrWire.Operation;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads just enough of a raw request to know, before CXF sees it, whether it is a GetStatus poll and for
 * which workflow: scripted faults like a dropped connection must be decided at the HTTP level.
 */
final class SoapSniffer {

    private static final XMLInputFactory XML = newFactory();

    private SoapSniffer() {}

    /** What the request is about; {@code masterWorkflowInstanceId} is the raw header text or null when absent. */
    record Sniffed(boolean soap12, Optional<Operation> operation, String masterWorkflowInstanceId) {}

    static Sniffed sniff(String contentType, String soapActionHeader, byte[] body) {
        boolean soap12ByContentType =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/soap+xml");
        try {
            Envelope envelope = readEnvelope(body);
            boolean soap12 = envelope.namespace == null
                    ? soap12ByContentType
                    : CoraOcrWire.SOAP12_ENVELOPE.equals(envelope.namespace);
            String action = soap12 ? actionParameter(contentType) : unquote(soapActionHeader);
            return new Sniffed(
                    soap12,
                    Operation.route(soap12, action, envelope.bodyNamespace, envelope.bodyLocalName),
                    envelope.masterWorkflowInstanceId);
        } catch (XMLStreamException e) {
            // Not XML: CXF answers with its own fault, nothing scripted applies.
            return new Sniffed(soap12ByContentType, Optional.empty(), null);
        }
    }

    private static final class Envelope {
        String namespace;
        String bodyNamespace;
        String bodyLocalName;
        String masterWorkflowInstanceId;
    }

    private static Envelope readEnvelope(byte[] body) throws XMLStreamException {
        Envelope envelope = new Envelope();
        XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
        try {
            int depth = 0;
            String section = null;
            boolean inMetadata = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String local = reader.getLocalName();
                    String namespace = reader.getNamespaceURI();
                    if (depth == 1) {
                        envelope.namespace = namespace;
                    } else if (depth == 2) {
                        section = local;
                    } else if (depth == 3 && "Body".equals(section) && envelope.bodyLocalName == null) {
                        envelope.bodyNamespace = namespace;
                        envelope.bodyLocalName = local;
                    } else if (depth == 3 && "Header".equals(section)) {
                        inMetadata = "ActivityMetadata".equals(local) && CoraOcrWire.NAMESPACE.equals(namespace);
                    } else if (depth == 4
                            && inMetadata
                            && "MasterWorkflowInstanceId".equals(local)
                            && CoraOcrWire.NAMESPACE.equals(namespace)) {
                        envelope.masterWorkflowInstanceId = reader.getElementText();
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } finally {
            reader.close();
        }
        return envelope;
    }

    static String actionParameter(String contentType) {
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

    static String unquote(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
