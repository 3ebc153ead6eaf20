package io.jenkins.plugins.coraocr.simulator;

import io.jenkins.plugins.coraocr.simulator.CoraOcrWire.Operation;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.SoapActionInInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.wsdl.interceptors.BareInInterceptor;
import org.apache.cxf.wsdl.interceptors.DocLiteralInInterceptor;

/**
 * Rejects requests ASMX cannot route, with ASMX's own words, before CXF answers with different ones. ASMX
 * routes on the action alone; only a SOAP 1.2 request without one is routed on its body element. Runs just
 * before CXF reads the body element, when the SOAP version is known and CXF's own action check (which
 * waits until after unmarshalling) has not fired yet.
 */
final class AsmxActionInterceptor extends AbstractSoapInterceptor {

    AsmxActionInterceptor() {
        super(Phase.UNMARSHAL);
        addBefore(DocLiteralInInterceptor.class.getName());
        addBefore(BareInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        String action = SoapActionInInterceptor.getSoapAction(message);
        boolean soap12 = message.getVersion() instanceof Soap12;
        XMLStreamReader body = message.getContent(XMLStreamReader.class);
        // Skipping whitespace up to the body element is what CXF's body interceptors do first anyway.
        boolean atBodyElement = body != null && toBodyElement(body);
        if (Operation.route(
                        soap12,
                        action,
                        atBodyElement ? body.getNamespaceURI() : null,
                        atBodyElement ? body.getLocalName() : null)
                .isPresent()) {
            return;
        }
        boolean missing = action == null || action.isEmpty();
        String faultString = soap12 && missing
                ? CoraOcrWire.MISSING_SOAP12_ACTION_MESSAGE
                : CoraOcrWire.unrecognizedActionMessage(action);
        throw new AsmxFault(FaultCode.CLIENT, faultString, message.getVersion());
    }

    /** Moves over whitespace and comments; true when the reader then stands on an element start. */
    private static boolean toBodyElement(XMLStreamReader reader) {
        try {
            int event = reader.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT
                    && event != XMLStreamConstants.END_ELEMENT
                    && event != XMLStreamConstants.END_DOCUMENT
                    && reader.hasNext()) {
                event = reader.next();
            }
            return event == XMLStreamConstants.START_ELEMENT;
        } catch (XMLStreamException e) {
            throw new SoapFault("Server was unable to read request. ---> " + e.getMessage(), Fault.FAULT_CODE_CLIENT);
        }
    }
}
