package io.jenkins.plugins.coraocr.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The OCR FileBatch call that starts a workflow, as a Cora activity would send it (SOAP 1.1). Only
 * the demo needs it, so it is a fixed envelope over java.net.http rather than part of the client.
 */
final class FileBatchRequest {
    static final String EXTERNAL_CONTEXT = "demo invoice batch";

    private static final String NAMESPACE = "http://genpact.com/cora/orchestration/ocr/1.0.0/api/";
    private static final String SOAP_ACTION = "\"" + NAMESPACE + "FileBatch\"";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // The header's fields describe the calling Cora activity; an external caller has none to give.
    private static final String ENVELOPE = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
              <soap:Header>
                <ActivityMetadata xmlns="%1$s" />
              </soap:Header>
              <soap:Body>
                <FileBatch xmlns="%1$s">
                  <TimeOut>600</TimeOut>
                  <ExternalContext>%2$s</ExternalContext>
                  <InputFile>
                    <Connection>CoraOCRExternalConnection</Connection>
                    <RelativeLocation>invoices/incoming</RelativeLocation>
                    <FileName>invoice-batch-17.pdf</FileName>
                  </InputFile>
                  <OutPutFile>
                    <Connection>CoraOCRExternalConnection</Connection>
                    <RelativeLocation>invoices/recognised</RelativeLocation>
                    <FileName>invoice-batch-17.xml</FileName>
                  </OutPutFile>
                  <OCRProfile>Invoices</OCRProfile>
                  <PutModel>InvoiceModel</PutModel>
                </FileBatch>
              </soap:Body>
            </soap:Envelope>
            """.formatted(NAMESPACE, EXTERNAL_CONTEXT);

    private FileBatchRequest() {}

    /**
     * @return the MasterWorkflowInstanceId of the workflow the server started
     * @throws IOException when the call fails or the answer carries no id
     */
    static long send(URI endpoint) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", SOAP_ACTION)
                .POST(HttpRequest.BodyPublishers.ofString(ENVELOPE, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("FileBatch at " + endpoint + " answered HTTP " + response.statusCode());
        }
        return workflowId(parse(response.body()), endpoint);
    }

    private static long workflowId(Document answer, URI endpoint) throws IOException {
        Element id = path(
                answer.getDocumentElement(),
                "Body",
                "FileBatchResponse",
                "FileBatchResult",
                "MasterWorkflowInstanceId");
        if (id == null) {
            throw new IOException(
                    "FileBatch at " + endpoint + " answered without FileBatchResult/MasterWorkflowInstanceId");
        }
        try {
            return Long.parseLong(id.getTextContent().trim());
        } catch (NumberFormatException e) {
            throw new IOException(
                    "FileBatch at " + endpoint + " answered a MasterWorkflowInstanceId that is not a number");
        }
    }

    /** Follows child elements by local name: the SOAP Body in either SOAP version, the rest in the service namespace. */
    private static Element path(Element start, String body, String... names) {
        Element current = child(start, body, null);
        for (String name : names) {
            if (current == null) {
                return null;
            }
            current = child(current, name, NAMESPACE);
        }
        return current;
    }

    private static Element child(Element parent, String localName, String namespace) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && localName.equals(element.getLocalName())
                    && (namespace == null || namespace.equals(element.getNamespaceURI()))) {
                return element;
            }
        }
        return null;
    }

    private static Document parse(byte[] body) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A SOAP answer never has a DTD; refusing one rules out entity expansion and external fetches.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the FileBatch answer is not usable XML: " + e.getMessage(), e);
        }
    }
}
