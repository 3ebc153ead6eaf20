package io.jenkins.plugins.coraocr.client.testing;

import java.util.Locale;

/**
 * SOAP answers shaped like those of the ASMX service on IIS. Every text argument is inserted <em>verbatim</em>, so
 * that tests can serve hostile content (markup, control characters, huge strings); wrap a value in {@link
 * #escape(String)} for well-formed XML. A null Status, ErrorCode or ExternalContext leaves that element out.
 */
public final class SoapAnswers {
    public static final String API_NAMESPACE = "http://genpact.com/cora/orchestration/ocr/1.0.0/api/";

    private SoapAnswers() {}

    public enum Version {
        SOAP_11("http://schemas.xmlsoap.org/soap/envelope/", "text/xml; charset=utf-8", "soap"),
        SOAP_12("http://www.w3.org/2003/05/soap-envelope", "application/soap+xml; charset=utf-8", "soap12");

        private final String envelopeNamespace;
        private final String contentType;
        private final String prefix;

        Version(String envelopeNamespace, String contentType, String prefix) {
            this.envelopeNamespace = envelopeNamespace;
            this.contentType = contentType;
            this.prefix = prefix;
        }

        public String envelopeNamespace() {
            return envelopeNamespace;
        }

        public String contentType() {
            return contentType;
        }

        /** SOAP 1.2 when the request says {@code application/soap+xml}, as ASMX decides; SOAP 1.1 otherwise. */
        public static Version of(RecordedRequest request) {
            String contentType = request.header("Content-Type");
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/soap+xml")
                    ? SOAP_12
                    : SOAP_11;
        }
    }

    /** An envelope around any body content. */
    public static String envelope(Version version, String bodyXml) {
        String p = version.prefix;
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><" + p + ":Envelope xmlns:" + p + "=\""
                + version.envelopeNamespace + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><" + p + ":Body>" + bodyXml + "</" + p
                + ":Body></" + p + ":Envelope>";
    }

    /** A GetStatus answer in the usual ASMX shape, with the GetStatusResult wrapper. */
    public static String getStatusEnvelope(Version version, String status, String errorCode, String externalContext) {
        return envelope(
                version,
                "<GetStatusResponse xmlns=\"" + API_NAMESPACE + "\"><GetStatusResult>"
                        + element("Status", status) + element("ErrorCode", errorCode)
                        + element("ExternalContext", externalContext) + "</GetStatusResult></GetStatusResponse>");
    }

    /** A fault as ASMX reports an exception: {@code soap:Server} (1.1) or {@code soap12:Receiver} (1.2). */
    public static String faultEnvelope(Version version, String faultString) {
        String fault = version == Version.SOAP_11
                ? "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>" + faultString
                        + "</faultstring><detail /></soap:Fault>"
                : "<soap12:Fault><soap12:Code><soap12:Value>soap12:Receiver</soap12:Value></soap12:Code>"
                        + "<soap12:Reason><soap12:Text xml:lang=\"en\">" + faultString
                        + "</soap12:Text></soap12:Reason><soap12:Detail /></soap12:Fault>";
        return envelope(version, fault);
    }

    /** HTTP 200 carrying {@link #getStatusEnvelope}. */
    public static HttpAnswer getStatus(Version version, String status, String errorCode, String externalContext) {
        return HttpAnswer.of(200, version.contentType, getStatusEnvelope(version, status, errorCode, externalContext));
    }

    /** HTTP 500 carrying {@link #faultEnvelope}, as ASMX sends faults. */
    public static HttpAnswer fault(Version version, String faultString) {
        return HttpAnswer.of(500, version.contentType, faultEnvelope(version, faultString));
    }

    /** The servers' default: Completed / NoError / "x", in the SOAP version the request used. */
    public static HttpAnswer completed(RecordedRequest request) {
        return getStatus(Version.of(request), "Completed", "NoError", "x");
    }

    /** XML character escaping for text content and attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static String element(String name, String text) {
        return text == null ? "" : "<" + name + ">" + text + "</" + name + ">";
    }
}
