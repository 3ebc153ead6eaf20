package io.jenkins.plugins.coraocr.client;

import java.util.List;
import java.util.Locale;

/** What the HTTP layer of one answer said, captured before any XML is parsed. */
final class ResponseFacts {
    private final int httpStatus;
    private final String contentType;
    private final List<String> challenges;
    private final String location;
    private final boolean tooLarge;
    private final boolean hasDoctype;

    ResponseFacts(
            int httpStatus,
            String contentType,
            List<String> challenges,
            String location,
            boolean tooLarge,
            boolean hasDoctype) {
        this.httpStatus = httpStatus;
        this.contentType = contentType;
        this.challenges = List.copyOf(challenges);
        this.location = location;
        this.tooLarge = tooLarge;
        this.hasDoctype = hasDoctype;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The Content-Type header, or null when the answer had none. */
    String contentType() {
        return contentType;
    }

    /** The WWW-Authenticate values, e.g. {@code Basic realm="x"}, {@code Negotiate}, {@code NTLM}. */
    List<String> challenges() {
        return challenges;
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

    boolean isHtml() {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
    }

    /** Whether the body is worth handing to the SOAP parser at all. */
    boolean looksLikeSoap() {
        return (httpStatus == 200 || httpStatus == 500) && !isHtml() && !tooLarge && !hasDoctype;
    }
}
