package io.jenkins.plugins.coraocr.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

class SoapAnswersTest {
    @Test
    void aSoap11GetStatusAnswerHasTheAsmxShape() throws Exception {
        HttpAnswer answer = SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Completed", "NoError", "x");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).contains(new HttpHeader("Content-Type", "text/xml; charset=utf-8"));
        Document document = parse(new String(answer.body(), StandardCharsets.UTF_8));
        Element envelope = document.getDocumentElement();
        assertThat(envelope.getNamespaceURI()).isEqualTo("http://schemas.xmlsoap.org/soap/envelope/");
        assertThat(envelope.getLocalName()).isEqualTo("Envelope");
        Element result = (Element) document.getElementsByTagNameNS(SoapAnswers.API_NAMESPACE, "GetStatusResult")
                .item(0);
        assertThat(result.getParentNode().getLocalName()).isEqualTo("GetStatusResponse");
        assertThat(text(document, "Status")).isEqualTo("Completed");
        assertThat(text(document, "ErrorCode")).isEqualTo("NoError");
        assertThat(text(document, "ExternalContext")).isEqualTo("x");
    }

    @Test
    void aSoap12AnswerUsesTheSoap12EnvelopeAndContentTypeAndNullLeavesAnElementOut() throws Exception {
        HttpAnswer answer = SoapAnswers.getStatus(SoapAnswers.Version.SOAP_12, "Queued", null, null);
        assertThat(answer.headers()).contains(new HttpHeader("Content-Type", "application/soap+xml; charset=utf-8"));
        Document document = parse(new String(answer.body(), StandardCharsets.UTF_8));
        assertThat(document.getDocumentElement().getNamespaceURI())
                .isEqualTo("http://www.w3.org/2003/05/soap-envelope");
        assertThat(text(document, "Status")).isEqualTo("Queued");
        assertThat(document.getElementsByTagNameNS(SoapAnswers.API_NAMESPACE, "ErrorCode")
                        .getLength())
                .isZero();
        assertThat(document.getElementsByTagNameNS(SoapAnswers.API_NAMESPACE, "ExternalContext")
                        .getLength())
                .isZero();
    }

    @Test
    void faultsAreHttp500WithTheFaultStringOfEachVersion() throws Exception {
        HttpAnswer fault11 = SoapAnswers.fault(SoapAnswers.Version.SOAP_11, "Server was unable to process request.");
        assertThat(fault11.status()).isEqualTo(500);
        Document document11 = parse(new String(fault11.body(), StandardCharsets.UTF_8));
        assertThat(document11.getElementsByTagName("faultcode").item(0).getTextContent())
                .isEqualTo("soap:Server");
        assertThat(document11.getElementsByTagName("faultstring").item(0).getTextContent())
                .isEqualTo("Server was unable to process request.");

        String fault12 = SoapAnswers.faultEnvelope(SoapAnswers.Version.SOAP_12, "Boom");
        Document document12 = parse(fault12);
        String soap12 = SoapAnswers.Version.SOAP_12.envelopeNamespace();
        assertThat(document12.getElementsByTagNameNS(soap12, "Value").item(0).getTextContent())
                .isEqualTo("soap12:Receiver");
        assertThat(document12.getElementsByTagNameNS(soap12, "Text").item(0).getTextContent())
                .isEqualTo("Boom");
    }

    @Test
    void textIsInsertedVerbatimSoHostileContentStaysHostileUnlessEscaped() throws Exception {
        String hostile = "<b>bold</b> & \u0001\u001b[31m";
        String raw = SoapAnswers.faultEnvelope(SoapAnswers.Version.SOAP_11, hostile);
        assertThat(raw).contains("<faultstring>" + hostile + "</faultstring>");
        assertThatThrownBy(() -> parse(raw)).isInstanceOf(SAXParseException.class);

        String markup = "<b>bold</b> & \"quotes\"";
        Document escaped = parse(SoapAnswers.getStatusEnvelope(
                SoapAnswers.Version.SOAP_11, "Completed", "NoError", SoapAnswers.escape(markup)));
        assertThat(text(escaped, "ExternalContext")).isEqualTo(markup);
    }

    @Test
    void completedAnswersInTheVersionOfTheRequest() {
        RecordedRequest soap12 = request("application/soap+xml; charset=utf-8; action=\"x\"");
        RecordedRequest soap11 = request("text/xml; charset=utf-8");
        assertThat(SoapAnswers.Version.of(soap12)).isEqualTo(SoapAnswers.Version.SOAP_12);
        assertThat(SoapAnswers.completed(soap12).headers())
                .contains(new HttpHeader("Content-Type", SoapAnswers.Version.SOAP_12.contentType()));
        assertThat(SoapAnswers.completed(soap11).headers())
                .contains(new HttpHeader("Content-Type", SoapAnswers.Version.SOAP_11.contentType()));
        assertThat(new String(SoapAnswers.completed(soap11).body(), StandardCharsets.UTF_8))
                .contains(
                        "<Status>Completed</Status><ErrorCode>NoError</ErrorCode><ExternalContext>x</ExternalContext>");
    }

    @Test
    void httpAnswersAddContentLengthUnlessTheTestSetsItsOwn() {
        String framed = new String(HttpAnswer.of(200, "text/plain", "abc").toBytes(), StandardCharsets.ISO_8859_1);
        assertThat(framed).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc");
        String lying = new String(
                HttpAnswer.of(200, "text/plain", "abc")
                        .withHeader("Content-Length", "99")
                        .toBytes(),
                StandardCharsets.ISO_8859_1);
        assertThat(lying).contains("Content-Length: 99\r\n").doesNotContain("Content-Length: 3");
        assertThat(new String(HttpAnswer.status(401).withReason("Nope").head(), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 401 Nope\r\n");
        assertThat(new String(HttpAnswer.status(799).head(), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 799 Status 799\r\n");
    }

    private static RecordedRequest request(String contentType) {
        return new RecordedRequest(
                1,
                "POST",
                LoopbackServer.ENDPOINT_PATH,
                "HTTP/1.1",
                List.of(new HttpHeader("Content-Type", contentType)),
                new byte[0]);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors without printing them
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document document, String localName) {
        return document.getElementsByTagNameNS(SoapAnswers.API_NAMESPACE, localName)
                .item(0)
                .getTextContent();
    }
}
