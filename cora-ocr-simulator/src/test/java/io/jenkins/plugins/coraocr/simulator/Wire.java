package io.jenkins.plugins.coraocr.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/** Hand-written SOAP on java.net.http and the JDK DOM: the tests must not share code with the real client. */
final class Wire {

    static final String NS = "http://genpact.com/cora/orchestration/ocr/1.0.0/api/";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Wire() {}

    static String getStatusEnvelope(String envelopeNamespace, Long masterWorkflowInstanceId) {
        String header = masterWorkflowInstanceId == null
                ? ""
                : "<soap:Header><ActivityMetadata xmlns=\"" + NS + "\">"
                        + "<WorkflowSpaceId>00000000-0000-0000-0000-000000000000</WorkflowSpaceId>"
                        + "<MasterWorkflowInstanceId>" + masterWorkflowInstanceId + "</MasterWorkflowInstanceId>"
                        + "</ActivityMetadata></soap:Header>";
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + envelopeNamespace + "\">"
                + header + "<soap:Body><GetStatus xmlns=\"" + NS + "\" /></soap:Body></soap:Envelope>";
    }

    static String fileBatchEnvelope(String envelopeNamespace, String bodyParts) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + envelopeNamespace + "\">"
                + "<soap:Body><FileBatch xmlns=\"" + NS + "\">" + bodyParts
                + "</FileBatch></soap:Body></soap:Envelope>";
    }

    static String completeFileBatchParts(String externalContext) {
        String file =
                "<Connection>OcrShare</Connection><RelativeLocation>in</RelativeLocation><FileName>a.pdf</FileName>";
        return "<TimeOut>60</TimeOut>"
                + (externalContext == null ? "" : "<ExternalContext>" + externalContext + "</ExternalContext>")
                + "<InputFile>" + file + "</InputFile><OCRProfile>Invoices</OCRProfile>"
                + "<OutPutFile>" + file + "</OutPutFile><PutModel>Default</PutModel>";
    }

    static HttpRequest.Builder soap11(URI endpoint, String action, String envelope) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        return action == null ? request : request.header("SOAPAction", "\"" + NS + action + "\"");
    }

    static HttpRequest.Builder soap12(URI endpoint, String action, String envelope) {
        String contentType =
                "application/soap+xml; charset=utf-8" + (action == null ? "" : "; action=\"" + NS + action + "\"");
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder withBasicAuth(HttpRequest.Builder request, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + token);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET());
    }

    static HttpResponse<String> getStatus11(CoraOcrSimulator simulator, long workflowId)
            throws IOException, InterruptedException {
        return send(soap11(simulator.endpointUrl(), "GetStatus", getStatusEnvelope(SOAP11, workflowId)));
    }

    static HttpResponse<String> getStatus12(CoraOcrSimulator simulator, long workflowId)
            throws IOException, InterruptedException {
        return send(soap12(simulator.endpointUrl(), "GetStatus", getStatusEnvelope(SOAP12, workflowId)));
    }

    static long fileBatch(CoraOcrSimulator simulator, String externalContext) throws IOException, InterruptedException {
        HttpResponse<String> response = send(soap11(
                simulator.endpointUrl(),
                "FileBatch",
                fileBatchEnvelope(SOAP11, completeFileBatchParts(externalContext))));
        if (response.statusCode() != 200) {
            throw new AssertionError("FileBatch answered " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(text(parse(response.body()), NS, "MasterWorkflowInstanceId"));
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints "[Fatal Error]" to stderr before throwing; the exception is enough.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + xml, e);
        }
    }

    /** Text of the only element with this name, or null when there is none. */
    static String text(Document document, String namespace, String localName) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, localName);
        if (nodes.getLength() > 1) {
            throw new AssertionError(nodes.getLength() + " elements " + localName);
        }
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** Status, ErrorCode and ExternalContext of a GetStatus answer. */
    record Status(String status, String errorCode, String externalContext) {
        static Status of(HttpResponse<String> response) {
            if (response.statusCode() != 200) {
                throw new AssertionError("GetStatus answered " + response.statusCode() + ": " + response.body());
            }
            Document document = parse(response.body());
            return new Status(
                    text(document, NS, "Status"),
                    text(document, NS, "ErrorCode"),
                    text(document, NS, "ExternalContext"));
        }
    }
}
