package io.jenkins.plugins.coraocr.simulator;

import io.jenkins.plugins.coraocr.simulator.CoraOcrWire.Operation;
import jakarta.annotation.Resource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import org.apache.cxf.binding.soap.SoapBindingConstants;
import org.apache.cxf.binding.soap.SoapVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SOAP service proper. Published with the SOAP 1.2 binding, CXF still accepts SOAP 1.1 envelopes on the
 * same address and answers each in its own version. Payload mode keeps SAAJ (not on the classpath) out.
 */
@WebServiceProvider(
        serviceName = "CoraOcrIntegration",
        portName = "CoraOcrIntegrationSoap12",
        targetNamespace = CoraOcrWire.NAMESPACE)
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
final class CoraOcrProvider implements Provider<DOMSource> {

    private static final DocumentBuilderFactory DOM = DocumentBuilderFactory.newInstance();

    static {
        DOM.setNamespaceAware(true);
    }

    private final WorkflowBook book;
    private final Clock clock;

    @Resource
    private WebServiceContext context;

    CoraOcrProvider(WorkflowBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    @Override
    public DOMSource invoke(DOMSource request) {
        MessageContext messageContext = context.getMessageContext();
        SoapVersion version = (SoapVersion) messageContext.get(SoapVersion.class.getName());
        Element payload = payloadElement(request.getNode());
        String action = (String) messageContext.get(SoapBindingConstants.SOAP_ACTION);
        Operation operation = Operation.route(
                        true,
                        action,
                        payload == null ? null : payload.getNamespaceURI(),
                        payload == null ? null : payload.getLocalName())
                .orElseThrow(
                        () -> new IllegalStateException("AsmxActionInterceptor lets only routable requests through"));
        if (operation == Operation.GET_STATUS) {
            HttpServletRequest httpRequest = (HttpServletRequest) messageContext.get(MessageContext.SERVLET_REQUEST);
            return getStatus((Step) httpRequest.getAttribute(FrontHandler.STEP_ATTRIBUTE), version);
        }
        return fileBatch(payload, version);
    }

    private static DOMSource getStatus(Step step, SoapVersion version) {
        if (step.outcome() instanceof Outcome.SoapFault fault) {
            throw new AsmxFault(fault.faultCode(), fault.faultString(), version);
        }
        Outcome.StatusReply reply = (Outcome.StatusReply) step.outcome();
        Document document = newDocument();
        Element response = append(document, document, "GetStatusResponse");
        Element result = append(document, response, "GetStatusResult");
        append(document, result, "Status").setTextContent(reply.status());
        append(document, result, "ErrorCode").setTextContent(reply.errorCode());
        if (reply.externalContext() != null) {
            append(document, result, "ExternalContext").setTextContent(reply.externalContext());
        }
        return new DOMSource(document);
    }

    private DOMSource fileBatch(Element request, SoapVersion version) {
        List<String> missing = new ArrayList<>();
        String timeOut = requiredText(request, "TimeOut", missing);
        for (String fileReference : List.of("InputFile", "OutPutFile")) {
            Element reference = child(request, fileReference);
            if (reference == null) {
                missing.add(fileReference);
            } else {
                for (String part : List.of("Connection", "RelativeLocation", "FileName")) {
                    if (child(reference, part) == null) {
                        missing.add(fileReference + "/" + part);
                    }
                }
            }
        }
        requiredText(request, "OCRProfile", missing);
        requiredText(request, "PutModel", missing);
        if (!missing.isEmpty()) {
            throw new AsmxFault(
                    FaultCode.CLIENT,
                    "Server was unable to process request. ---> " + "FileBatch is missing required parts: "
                            + String.join(", ", missing) + ".",
                    version);
        }
        try {
            Integer.parseInt(timeOut.trim());
        } catch (NumberFormatException e) {
            throw new AsmxFault(
                    FaultCode.CLIENT,
                    "Server was unable to read request. ---> There is an error in XML "
                            + "document. ---> Input string was not in a correct format: TimeOut '" + timeOut + "'.",
                    version);
        }
        Element externalContext = child(request, "ExternalContext");
        long workflowId =
                book.startFileBatch(externalContext == null ? null : externalContext.getTextContent(), clock.instant());

        Document document = newDocument();
        Element response = append(document, document, "FileBatchResponse");
        Element result = append(document, response, "FileBatchResult");
        append(document, result, "MasterWorkflowInstanceId").setTextContent(Long.toString(workflowId));
        return new DOMSource(document);
    }

    private static String requiredText(Element parent, String name, List<String> missing) {
        Element element = child(parent, name);
        if (element == null) {
            missing.add(name);
            return null;
        }
        return element.getTextContent();
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && localName.equals(element.getLocalName())
                    && CoraOcrWire.NAMESPACE.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    private static Element payloadElement(Node node) {
        if (node instanceof Document document) {
            return document.getDocumentElement();
        }
        return node instanceof Element element ? element : null;
    }

    private static Element append(Document document, Node parent, String localName) {
        Element element = document.createElementNS(CoraOcrWire.NAMESPACE, localName);
        parent.appendChild(element);
        return element;
    }

    private static Document newDocument() {
        try {
            return DOM.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM builder is not available", e);
        }
    }
}
