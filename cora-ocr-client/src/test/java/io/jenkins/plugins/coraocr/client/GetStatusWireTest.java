package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** What the client puts on the wire, as a real HTTP server on 127.0.0.1 received it. */
class GetStatusWireTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private void answer(String contentType, String body) {
        server.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", contentType)
                        .withBody(body)));
    }

    private CoraOcrClient.Builder client() {
        return CoraOcrClient.builder(server.baseUrl());
    }

    @Test
    void soap11RequestCarriesTheQuotedSoapActionAndTheWorkflowIdInTheHeader() throws Exception {
        answer("text/xml; charset=utf-8", Envelopes.soap11(Envelopes.wrapped("Queued", "NoError", null)));
        try (CoraOcrClient client = client().build()) {
            client.getStatus(9_007_199_254_740_993L);
        }
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/SequenceServices/coraOcrIntegration_v1.0.0.asmx");
        assertThat(request.getHeader("Content-Type")).isEqualToIgnoringCase("text/xml; charset=utf-8");
        assertThat(request.getHeader("SOAPAction"))
                .isEqualTo("\"http://genpact.com/cora/orchestration/ocr/1.0.0/api/GetStatus\"");
        assertThat(request.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(request.containsHeader("Upgrade")).isFalse();
        assertThat(request.containsHeader("HTTP2-Settings")).isFalse();
        assertThat(request.containsHeader("Authorization")).isFalse();

        Document envelope = parse(request.getBody());
        Element root = envelope.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(Envelopes.SOAP11);
        assertThat(root.getLocalName()).isEqualTo("Envelope");
        assertHeaderAndBody(root, Envelopes.SOAP11, "9007199254740993");
    }

    @Test
    void soap12RequestCarriesTheActionInTheContentTypeAndNoSoapActionHeader() throws Exception {
        answer("application/soap+xml; charset=utf-8", Envelopes.soap12(Envelopes.wrapped("Queued", "NoError", null)));
        try (CoraOcrClient client = client().soapVersion(SoapVersion.SOAP_12).build()) {
            client.getStatus(77);
        }
        LoggedRequest request = onlyRequest();
        String contentType = request.getHeader("Content-Type");
        assertThat(contentType).startsWith("application/soap+xml");
        assertThat(contentType.toLowerCase()).contains("charset=utf-8");
        assertThat(contentType).contains("action=\"http://genpact.com/cora/orchestration/ocr/1.0.0/api/GetStatus\"");
        assertThat(request.containsHeader("SOAPAction")).isFalse();
        assertThat(request.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(request.containsHeader("Upgrade")).isFalse();

        Element root = parse(request.getBody()).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(Envelopes.SOAP12);
        assertHeaderAndBody(root, Envelopes.SOAP12, "77");
    }

    @Test
    void basicCredentialsTravelWithTheFirstRequest() throws Exception {
        answer("text/xml; charset=utf-8", Envelopes.soap11(Envelopes.wrapped("Completed", "NoError", null)));
        try (CoraOcrClient client =
                client().credentials("CORP\\ocr-bot", "pä:ss word").build()) {
            assertThat(client.getStatus(5).rawStatus()).isEqualTo("Completed");
        }
        String expected = "Basic "
                + Base64.getEncoder().encodeToString("CORP\\ocr-bot:pä:ss word".getBytes(StandardCharsets.UTF_8));
        assertThat(onlyRequest().getHeader("Authorization")).isEqualTo(expected);
    }

    @Test
    void aRejectedLoginCostsExactlyOneRequest() {
        server.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("WWW-Authenticate", "Basic realm=\"cora\"")
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>401 - Unauthorized</body></html>")));
        try (CoraOcrClient client = client().credentials("bot", "wrong").build()) {
            assertThatThrownBy(() -> client.getStatus(5)).isInstanceOf(AuthenticationRejectedException.class);
        }
        assertThat(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())))
                .hasSize(1);
    }

    @Test
    void rejectsNonPositiveIdsBeforeAnyRequest() {
        try (CoraOcrClient client = client().build()) {
            assertThatThrownBy(() -> client.getStatus(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got 0");
            assertThatThrownBy(() -> client.getStatus(-3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got -3");
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCustomPathIsUsedAsGiven() throws Exception {
        answer("text/xml; charset=utf-8", Envelopes.soap11(Envelopes.wrapped("Queued", "NoError", null)));
        try (CoraOcrClient client = CoraOcrClient.builder(server.baseUrl() + "/cora/ocr.asmx?tenant=7")
                .build()) {
            client.getStatus(1);
        }
        assertThat(onlyRequest().getUrl()).isEqualTo("/cora/ocr.asmx?tenant=7");
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests =
                server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static void assertHeaderAndBody(Element envelope, String soapNs, String expectedId) {
        Element header = onlyChild(envelope, soapNs, "Header");
        Element metadata = onlyElementChild(header);
        assertThat(metadata.getNamespaceURI()).isEqualTo(Envelopes.NS);
        assertThat(metadata.getLocalName()).isEqualTo("ActivityMetadata");
        Element id = onlyElementChild(metadata);
        assertThat(id.getNamespaceURI()).isEqualTo(Envelopes.NS);
        assertThat(id.getLocalName()).isEqualTo("MasterWorkflowInstanceId");
        assertThat(id.getTextContent()).isEqualTo(expectedId);

        Element body = onlyChild(envelope, soapNs, "Body");
        Element getStatus = onlyElementChild(body);
        assertThat(getStatus.getNamespaceURI()).isEqualTo(Envelopes.NS);
        assertThat(getStatus.getLocalName()).isEqualTo("GetStatus");
        assertThat(getStatus.hasChildNodes()).isFalse();
    }

    private static Element onlyChild(Element parent, String ns, String localName) {
        Element child = null;
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && ns.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName())) {
                assertThat(child).as("only one %s", localName).isNull();
                child = (Element) node;
            }
        }
        assertThat(child).as(localName).isNotNull();
        return child;
    }

    private static Element onlyElementChild(Element parent) {
        Element child = null;
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element) {
                assertThat(child)
                        .as("only one element in %s", parent.getLocalName())
                        .isNull();
                child = (Element) node;
            }
        }
        assertThat(child).isNotNull();
        return child;
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
