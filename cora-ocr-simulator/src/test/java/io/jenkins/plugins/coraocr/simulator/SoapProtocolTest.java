package io.jenkins.plugins.coraocr.simulator;

import static io.jenkins.plugins.coraocr.simulator.Wire.NS;
import static io.jenkins.plugins.coraocr.simulator.Wire.SOAP11;
import static io.jenkins.plugins.coraocr.simulator.Wire.SOAP12;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SoapProtocolTest {

    private static CoraOcrSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = CoraOcrSimulator.builder()
                .scenario(Scenario.builder()
                        .workflow(
                                42,
                                WorkflowScript.builder()
                                        .status("ProcessingInput", "NoError", "ctx-42")
                                        .build())
                        .build())
                .start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void forgetRequests() {
        simulator.clearRequests();
    }

    @Test
    void endpointIsTheAsmxPathOnLoopback() {
        assertThat(simulator.endpointUrl())
                .isEqualTo(URI.create(
                        "http://127.0.0.1:" + simulator.port() + "/SequenceServices/coraOcrIntegration_v1.0.0.asmx"));
        assertThat(simulator.port()).isPositive();
    }

    @Test
    void soap11GetStatusAnswersInSoap11() throws Exception {
        HttpResponse<String> response = Wire.getStatus11(simulator, 42);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        Document document = Wire.parse(response.body());
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(SOAP11);
        assertThat(document.getElementsByTagNameNS(NS, "GetStatusResponse")
                        .item(0)
                        .getFirstChild()
                        .getLocalName())
                .isEqualTo("GetStatusResult");
        assertThat(Wire.Status.of(response)).isEqualTo(new Wire.Status("ProcessingInput", "NoError", "ctx-42"));
    }

    @Test
    void soap12GetStatusAnswersInSoap12() throws Exception {
        HttpResponse<String> response = Wire.getStatus12(simulator, 42);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/soap+xml; charset=utf-8");
        assertThat(Wire.parse(response.body()).getDocumentElement().getNamespaceURI())
                .isEqualTo(SOAP12);
        assertThat(Wire.Status.of(response)).isEqualTo(new Wire.Status("ProcessingInput", "NoError", "ctx-42"));
    }

    @Test
    void soap12WithoutActionIsRoutedOnTheBodyElement() throws Exception {
        HttpResponse<String> response =
                Wire.send(Wire.soap12(simulator.endpointUrl(), null, Wire.getStatusEnvelope(SOAP12, 42L)));

        assertThat(Wire.Status.of(response).status()).isEqualTo("ProcessingInput");
    }

    @Test
    void unknownIdIsNotFoundWithoutExternalContext() throws Exception {
        HttpResponse<String> response = Wire.getStatus11(simulator, 999_999);

        assertThat(Wire.Status.of(response)).isEqualTo(new Wire.Status("NotFound", "NoError", null));
        assertThat(response.body()).doesNotContain("ExternalContext");
    }

    @Test
    void missingActivityMetadataHeaderCountsAsIdZeroAndIsNotFound() throws Exception {
        HttpResponse<String> response =
                Wire.send(Wire.soap11(simulator.endpointUrl(), "GetStatus", Wire.getStatusEnvelope(SOAP11, null)));

        assertThat(Wire.Status.of(response)).isEqualTo(new Wire.Status("NotFound", "NoError", null));
    }

    @Test
    void unknownSoapActionIsAnAsmxClientFault() throws Exception {
        HttpResponse<String> response =
                Wire.send(Wire.soap11(simulator.endpointUrl(), "Frobnicate", Wire.getStatusEnvelope(SOAP11, 42L)));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        Document fault = Wire.parse(response.body());
        assertThat(Wire.text(fault, "", "faultcode")).isEqualTo("soap:Client");
        assertThat(Wire.text(fault, "", "faultstring"))
                .isEqualTo("Server did not recognize the value of HTTP Header SOAPAction: " + NS + "Frobnicate.");
    }

    @Test
    void soap11WithoutSoapActionIsRejectedLikeAsmx() throws Exception {
        HttpResponse<String> response =
                Wire.send(Wire.soap11(simulator.endpointUrl(), null, Wire.getStatusEnvelope(SOAP11, 42L)));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(Wire.text(Wire.parse(response.body()), "", "faultstring"))
                .isEqualTo("Server did not recognize the value of HTTP Header SOAPAction: .");
    }

    @Test
    void unknownSoap12ActionIsASenderFault() throws Exception {
        HttpResponse<String> response =
                Wire.send(Wire.soap12(simulator.endpointUrl(), "Frobnicate", Wire.getStatusEnvelope(SOAP12, 42L)));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/soap+xml; charset=utf-8");
        Document fault = Wire.parse(response.body());
        assertThat(Wire.text(fault, SOAP12, "Value")).isEqualTo("soap:Sender");
        assertThat(Wire.text(fault, SOAP12, "Text"))
                .isEqualTo("Server did not recognize the value of HTTP Header SOAPAction: " + NS + "Frobnicate.");
    }

    @Test
    void fileBatchWithMissingPartsIsAFaultNamingThem() throws Exception {
        String parts =
                "<TimeOut>60</TimeOut><InputFile><Connection>c</Connection><FileName>a.pdf</FileName></InputFile>"
                        + "<PutModel>Default</PutModel>";
        HttpResponse<String> response =
                Wire.send(Wire.soap11(simulator.endpointUrl(), "FileBatch", Wire.fileBatchEnvelope(SOAP11, parts)));

        assertThat(response.statusCode()).isEqualTo(500);
        Document fault = Wire.parse(response.body());
        assertThat(Wire.text(fault, "", "faultcode")).isEqualTo("soap:Client");
        assertThat(Wire.text(fault, "", "faultstring"))
                .isEqualTo("Server was unable to process request. ---> "
                        + "FileBatch is missing required parts: InputFile/RelativeLocation, OutPutFile, OCRProfile.");
    }

    @Test
    void fileBatchAnswersANewIdInSoap12Too() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.soap12(
                simulator.endpointUrl(),
                "FileBatch",
                Wire.fileBatchEnvelope(SOAP12, Wire.completeFileBatchParts(null))));

        assertThat(response.statusCode()).isEqualTo(200);
        Document document = Wire.parse(response.body());
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(SOAP12);
        assertThat(document.getElementsByTagNameNS(NS, "FileBatchResult")
                        .item(0)
                        .getParentNode()
                        .getLocalName())
                .isEqualTo("FileBatchResponse");
        assertThat(Long.parseLong(Wire.text(document, NS, "MasterWorkflowInstanceId")))
                .isGreaterThanOrEqualTo(1001);
    }

    @Test
    void wsdlDescribesBothOperationsAndBothBindingsAtTheRealAddress() throws Exception {
        HttpResponse<String> response = Wire.get(URI.create(simulator.endpointUrl() + "?wsdl"));

        assertThat(response.statusCode()).isEqualTo(200);
        Document wsdl = Wire.parse(response.body());
        String wsdlNs = "http://schemas.xmlsoap.org/wsdl/";
        assertThat(wsdl.getDocumentElement().getNamespaceURI()).isEqualTo(wsdlNs);
        assertThat(wsdl.getDocumentElement().getLocalName()).isEqualTo("definitions");
        assertThat(wsdl.getElementsByTagNameNS(wsdlNs, "binding").getLength()).isEqualTo(2);
        assertThat(response.body())
                .contains("name=\"GetStatus\"", "name=\"FileBatch\"", NS + "GetStatus", NS + "FileBatch");
        assertThat(wsdl.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap/", "address")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("location")
                        .getNodeValue())
                .isEqualTo(simulator.endpointUrl().toString());
        assertThat(wsdl.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap12/", "address")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("location")
                        .getNodeValue())
                .isEqualTo(simulator.endpointUrl().toString());
    }

    @Test
    void wsdlQueryIgnoresCaseLikeAsmx() throws Exception {
        HttpResponse<String> response = Wire.get(URI.create(simulator.endpointUrl() + "?WSDL"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Wire.parse(response.body()).getDocumentElement().getLocalName())
                .isEqualTo("definitions");
    }

    @Test
    void plainGetShowsTheServicePageAndOtherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> page = Wire.get(simulator.endpointUrl());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("GetStatus", "FileBatch", "?WSDL");

        HttpResponse<String> put = Wire.send(
                HttpRequest.newBuilder(simulator.endpointUrl()).PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.body()).contains("405 - HTTP verb used to access this page is not allowed.");
    }

    @Test
    void soap12WithoutActionAndUnknownBodyIsRejectedLikeAsmx() throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Body><Other xmlns=\"" + NS
                + "\"/></soap:Body></soap:Envelope>";
        HttpResponse<String> response = Wire.send(Wire.soap12(simulator.endpointUrl(), null, envelope));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(Wire.text(Wire.parse(response.body()), SOAP12, "Text"))
                .isEqualTo(
                        "Unable to handle request without a valid action parameter. Please supply a valid soap action.");
    }

    @Test
    void aWorkflowIdThatIsNotANumberIsAClientFault() throws Exception {
        String envelope = Wire.getStatusEnvelope(SOAP11, 42L).replace(">42<", ">forty-two<");
        HttpResponse<String> response = Wire.send(Wire.soap11(simulator.endpointUrl(), "GetStatus", envelope));

        assertThat(response.statusCode()).isEqualTo(500);
        Document fault = Wire.parse(response.body());
        assertThat(Wire.text(fault, "", "faultcode")).isEqualTo("soap:Client");
        assertThat(Wire.text(fault, "", "faultstring"))
                .startsWith("Server was unable to read request.")
                .contains("forty-two");
    }

    @Test
    void fileBatchTimeOutMustBeAnInt() throws Exception {
        String parts = Wire.completeFileBatchParts(null).replace("<TimeOut>60</TimeOut>", "<TimeOut>soon</TimeOut>");
        HttpResponse<String> response =
                Wire.send(Wire.soap11(simulator.endpointUrl(), "FileBatch", Wire.fileBatchEnvelope(SOAP11, parts)));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(Wire.text(Wire.parse(response.body()), "", "faultstring")).contains("TimeOut 'soon'");
    }

    @Test
    void wrongPathIsAnIisNotFoundPage() throws Exception {
        HttpResponse<String> response = Wire.get(simulator.endpointUrl().resolve("/SequenceServices/other.asmx"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(response.body()).contains("404 - File or directory not found.");
    }

    @Test
    void everyRequestIsRecordedAsItArrived() throws Exception {
        Instant before = Instant.now();
        String envelope = Wire.getStatusEnvelope(SOAP11, 42L);
        Wire.send(Wire.soap11(simulator.endpointUrl(), "GetStatus", envelope).header("X-Trace", "one"));
        Wire.get(URI.create(simulator.endpointUrl() + "?wsdl"));

        List<RecordedRequest> requests = simulator.requests();
        assertThat(requests).hasSize(2);
        RecordedRequest post = requests.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/SequenceServices/coraOcrIntegration_v1.0.0.asmx");
        assertThat(post.query()).isNull();
        assertThat(post.header("soapaction")).isEqualTo("\"" + NS + "GetStatus\"");
        assertThat(post.header("x-TRACE")).isEqualTo("one");
        assertThat(post.header("Absent")).isNull();
        assertThat(post.headers()).containsKey("Content-Type");
        assertThat(post.bodyText()).isEqualTo(envelope);
        assertThat(post.body()).isEqualTo(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(post.receivedAt()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).query()).isEqualTo("wsdl");
        assertThat(requests.get(1).body()).isEmpty();

        simulator.clearRequests();
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void recordedRequestsAreASnapshot() throws Exception {
        Wire.getStatus11(simulator, 42);
        List<RecordedRequest> snapshot = simulator.requests();
        Wire.getStatus11(simulator, 42);

        assertThat(snapshot).hasSize(1);
        assertThat(simulator.requests()).hasSize(2);
    }

    @Test
    void aDoctypeIsRefusedAndNoEntityIsExpanded(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "not-for-the-wire");
        String external = withDoctype(
                "<!DOCTYPE soap:Envelope [<!ENTITY secret SYSTEM \"" + secret.toUri() + "\">]>", "&secret;");
        String internal = withDoctype(
                "<!DOCTYPE soap:Envelope [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>", "&b;");

        for (String envelope : List.of(external, internal)) {
            HttpResponse<String> response = Wire.send(Wire.soap11(simulator.endpointUrl(), "GetStatus", envelope));

            assertThat(response.statusCode()).isEqualTo(500);
            Document fault = Wire.parse(response.body());
            assertThat(Wire.text(fault, "", "faultcode")).isEqualTo("soap:Client");
            assertThat(Wire.text(fault, "", "faultstring"))
                    .startsWith("Server was unable to read request. ---> ")
                    .contains("DOCTYPE");
            assertThat(response.body()).doesNotContain("not-for-the-wire", "aaaaaaaaaa");
        }
    }

    @Test
    void aBodyThatIsNotXmlIsAClientFaultInTheContentTypesVersion() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.soap12(simulator.endpointUrl(), "GetStatus", "GetStatus 42"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/soap+xml; charset=utf-8");
        Document fault = Wire.parse(response.body());
        assertThat(Wire.text(fault, SOAP12, "Value")).isEqualTo("soap:Sender");
        assertThat(Wire.text(fault, SOAP12, "Text")).startsWith("Server was unable to read request. ---> ");
    }

    @Test
    void aRootElementOutsideTheSoapNamespacesIsAVersionMismatch() throws Exception {
        String envelope = Wire.getStatusEnvelope(SOAP11, 42L).replace(SOAP11, "urn:not-soap");
        HttpResponse<String> response = Wire.send(Wire.soap11(simulator.endpointUrl(), "GetStatus", envelope));

        assertThat(response.statusCode()).isEqualTo(500);
        Document fault = Wire.parse(response.body());
        assertThat(Wire.text(fault, "", "faultcode")).isEqualTo("soap:VersionMismatch");
        assertThat(Wire.text(fault, "", "faultstring"))
                .isEqualTo("Possible SOAP version mismatch: Envelope namespace urn:not-soap was unexpected. "
                        + "Expecting " + SOAP11 + ".");
    }

    @Test
    void fileBatchWithAnEmptyBodyMissesEveryRequiredPart() throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Body/></soap:Envelope>";
        HttpResponse<String> response = Wire.send(Wire.soap11(simulator.endpointUrl(), "FileBatch", envelope));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(Wire.text(Wire.parse(response.body()), "", "faultstring"))
                .isEqualTo("Server was unable to process request. ---> FileBatch is missing required parts: "
                        + "TimeOut, InputFile, OutPutFile, OCRProfile, PutModel.");
    }

    @Test
    void textIsEscapedOnTheWayOutAndBack() throws Exception {
        String context = "a < b & \"c\" > 'd' \u00e9\u20ac";
        simulator.script(
                43,
                WorkflowScript.builder().status("Queued", "NoError", context).build());

        assertThat(Wire.Status.of(Wire.getStatus12(simulator, 43)).externalContext())
                .isEqualTo(context);
        long id = Wire.fileBatch(simulator, "x &amp; y");
        assertThat(Wire.Status.of(Wire.getStatus11(simulator, id)).externalContext())
                .isEqualTo("x & y");
    }

    @Test
    void recordedHeadersAreLookedUpIgnoringCase() throws Exception {
        Wire.send(Wire.soap11(simulator.endpointUrl(), "GetStatus", Wire.getStatusEnvelope(SOAP11, 42L))
                .header("X-Trace", "one"));

        RecordedRequest request = simulator.requests().get(0);
        assertThat(request.headers().get("x-trace")).containsExactly("one");
        assertThat(request.headers().get("SOAPACTION")).containsExactly("\"" + NS + "GetStatus\"");
        assertThat(request.headerValues("content-type")).containsExactly("text/xml; charset=utf-8");
    }

    @Test
    void wsdlAddressesFollowTheHostTheClientAskedFor() throws Exception {
        try (RawHttp http = new RawHttp(simulator.port())) {
            String wsdl = http.send("GET", CoraOcrWire.ENDPOINT_PATH + "?wsdl", Map.of("Host", "cora.example:8443"), "")
                    .body();
            assertThat(wsdl)
                    .contains("<soap:address location=\"http://cora.example:8443" + CoraOcrWire.ENDPOINT_PATH + "\"/>")
                    .contains(
                            "<soap12:address location=\"http://cora.example:8443" + CoraOcrWire.ENDPOINT_PATH + "\"/>");

            String odd = http.send("GET", CoraOcrWire.ENDPOINT_PATH + "?wsdl", Map.of("Host", "a\"b"), "")
                    .body();
            assertThat(odd).contains("location=\"" + simulator.endpointUrl() + "\"");
        }
    }

    /** A GetStatus envelope with this DOCTYPE after its XML declaration and this text as the workflow id. */
    private static String withDoctype(String doctype, String workflowId) {
        return Wire.getStatusEnvelope(SOAP11, 42L)
                .replaceFirst("\\?>", "?>" + doctype)
                .replace(">42<", ">" + workflowId + "<");
    }
}
