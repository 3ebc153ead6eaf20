package io.jenkins.plugins.coraocr.client;

import java.util.List;
import java.util.Locale;

/** What the HTTP layer of one answer said, captured before any XML is parsed. Server text is masked. */
final class ResponseFacts {
    private final int httpStatus;
    private final String contentType;
    private final String contentEncoding;
    private final List<String> challenges;
    private final List<String> proxyChallenges;
    private final String location;
    private final boolean tooLarge;
    private final boolean hasDoctype;
    private final boolean fromProxy;

    ResponseFacts(
            int httpStatus,
            String contentType,
            String contentEncoding,
            List<String> challenges,
            List<String> proxyChallenges,
            String location,
            boolean tooLarge,
            boolean hasDoctype,
            boolean fromProxy) {
        this.httpStatus = httpStatus;
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
        this.challenges = List.copyOf(challenges);
        this.proxyChallenges = List.copyOf(proxyChallenges);
        this.location = location;
        this.tooLarge = tooLarge;
        this.hasDoctype = hasDoctype;
        this.fromProxy = fromProxy;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The Content-Type header, or null when the answer had none. */
    String contentType() {
        return contentType;
    }

    /** A Content-Encoding other than identity, or null. */
    String contentEncoding() {
        return contentEncoding;
    }

    /** The WWW-Authenticate values, e.g. {@code Basic realm="x"}, {@code Negotiate}, {@code NTLM}. */
    List<String> challenges() {
        return challenges;
    }

    /** The Proxy-Authenticate values of a 407. */
    List<String> proxyChallenges() {
        return proxyChallenges;
    }

    /** The Location header of a redirect, or null. */
    String location() {
        return location;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    boolean hasDoctype() {
        return hasDoctype;
    }

    /** Whether the proxy gave this answer itself: a refused CONNECT, or its own 502/504 for plain http. */
    boolean fromProxy() {
        return fromProxy;
    }

    boolean isHtml() {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
    }

    /** Whether the body is worth handing to the SOAP parser at all. */
    boolean looksLikeSoap() {
        return (httpStatus == 200 || httpStatus == 500)
                && !fromProxy
                && !isHtml()
                && !tooLarge
                && !hasDoctype
                && contentEncoding == null;
    }
}
