package io.jenkins.plugins.coraocr.client;

/** Hand-written SOAP answers, shaped like what an ASMX service sends. */
final class Envelopes {
    static final String NS = "http://genpact.com/cora/orchestration/ocr/1.0.0/api/";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    private Envelopes() {}

    static String soap11(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    static String soap12(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + "<soap12:Envelope xmlns:soap12=\"" + SOAP12
                + "\"><soap12:Body>" + body + "</soap12:Body></soap12:Envelope>";
    }

    /** The usual ASMX shape, with the GetStatusResult wrapper. */
    static String wrapped(String status, String errorCode, String externalContext) {
        return "<GetStatusResponse xmlns=\"" + NS + "\"><GetStatusResult>" + fields(status, errorCode, externalContext)
                + "</GetStatusResult></GetStatusResponse>";
    }

    /** The fields directly under GetStatusResponse. */
    static String bare(String status, String errorCode, String externalContext) {
        return "<GetStatusResponse xmlns=\"" + NS + "\">" + fields(status, errorCode, externalContext)
                + "</GetStatusResponse>";
    }

    private static String fields(String status, String errorCode, String externalContext) {
        return (status == null ? "" : "<Status>" + status + "</Status>")
                + (errorCode == null ? "" : "<ErrorCode>" + errorCode + "</ErrorCode>")
                + (externalContext == null ? "" : "<ExternalContext>" + externalContext + "</ExternalContext>");
    }

    static String fault11(String code, String text) {
        return soap11("<soap:Fault><faultcode>" + code + "</faultcode><faultstring>" + text
                + "</faultstring><detail /></soap:Fault>");
    }

    static String fault12(String code, String text) {
        return soap12("<soap12:Fault><soap12:Code><soap12:Value>" + code + "</soap12:Value></soap12:Code>"
                + "<soap12:Reason><soap12:Text xml:lang=\"en\">" + text
                + "</soap12:Text></soap12:Reason><soap12:Detail /></soap12:Fault>");
    }
}
