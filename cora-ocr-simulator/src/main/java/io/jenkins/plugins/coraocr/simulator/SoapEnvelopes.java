package io.jenkins.plugins.coraocr.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The answers ASMX writes, in either SOAP version: the same prefixes, namespaces and element order. */
final class SoapEnvelopes {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema";

    private SoapEnvelopes() {}

    @FunctionalInterface
    private interface Content {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** ExternalContext is left out when null, as ASMX does for a null string. */
    static byte[] getStatusResponse(boolean soap12, Outcome.StatusReply reply) {
        return envelope(soap12, xml -> {
            start(xml, "GetStatusResponse");
            xml.writeDefaultNamespace(CoraOcrWire.NAMESPACE);
            start(xml, "GetStatusResult");
            text(xml, "Status", reply.status());
            text(xml, "ErrorCode", reply.errorCode());
            if (reply.externalContext() != null) {
                text(xml, "ExternalContext", reply.externalContext());
            }
        });
    }

    static byte[] fileBatchResponse(boolean soap12, long masterWorkflowInstanceId) {
        return envelope(soap12, xml -> {
            start(xml, "FileBatchResponse");
            xml.writeDefaultNamespace(CoraOcrWire.NAMESPACE);
            start(xml, "FileBatchResult");
            text(xml, "MasterWorkflowInstanceId", Long.toString(masterWorkflowInstanceId));
        });
    }

    /** SOAP 1.1: faultcode and faultstring, unqualified; SOAP 1.2: Code/Value and Reason/Text. */
    static byte[] fault(boolean soap12, AsmxFault.Code code, String faultString) {
        String soap = soap12 ? CoraOcrWire.SOAP12_ENVELOPE : CoraOcrWire.SOAP11_ENVELOPE;
        return envelope(soap12, xml -> {
            xml.writeStartElement("soap", "Fault", soap);
            if (soap12) {
                xml.writeStartElement("soap", "Code", soap);
                xml.writeStartElement("soap", "Value", soap);
                xml.writeCharacters(code.qualifiedName(true));
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeStartElement("soap", "Reason", soap);
                xml.writeStartElement("soap", "Text", soap);
                xml.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", "en");
                xml.writeCharacters(faultString);
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeEmptyElement("soap", "Detail", soap);
            } else {
                unqualified(xml, "faultcode", code.qualifiedName(false));
                unqualified(xml, "faultstring", faultString);
                xml.writeEmptyElement("detail");
            }
        });
    }

    /** A GetStatus answer cut off in the middle of its Status value: HTTP 200, but not XML. */
    static byte[] truncatedGetStatusResponse(boolean soap12) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\""
                        + (soap12 ? CoraOcrWire.SOAP12_ENVELOPE : CoraOcrWire.SOAP11_ENVELOPE)
                        + "\" xmlns:xsi=\"" + XSI + "\" xmlns:xsd=\"" + XSD + "\">"
                        + "<soap:Body><GetStatusResponse xmlns=\"" + CoraOcrWire.NAMESPACE + "\"><GetStatusResult>"
                        + "<Status>Proce")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] envelope(boolean soap12, Content body) {
        String soap = soap12 ? CoraOcrWire.SOAP12_ENVELOPE : CoraOcrWire.SOAP11_ENVELOPE;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "utf-8");
            xml.writeStartDocument("utf-8", "1.0");
            xml.writeStartElement("soap", "Envelope", soap);
            xml.writeNamespace("soap", soap);
            xml.writeNamespace("xsi", XSI);
            xml.writeNamespace("xsd", XSD);
            xml.writeStartElement("soap", "Body", soap);
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a SOAP envelope", e);
        }
        return bytes.toByteArray();
    }

    /** An element of the service's namespace, which the operation's response element declares as the default. */
    private static void start(XMLStreamWriter xml, String localName) throws XMLStreamException {
        xml.writeStartElement("", localName, CoraOcrWire.NAMESPACE);
    }

    private static void text(XMLStreamWriter xml, String localName, String value) throws XMLStreamException {
        start(xml, localName);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void unqualified(XMLStreamWriter xml, String localName, String value) throws XMLStreamException {
        xml.writeStartElement(localName);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
