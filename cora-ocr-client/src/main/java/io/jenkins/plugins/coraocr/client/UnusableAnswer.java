package io.jenkins.plugins.coraocr.client;

/**
 * Stops CXF from parsing an answer that cannot be a GetStatus response (an error page, a body
 * that is too large, a DOCTYPE). It travels as the cause of CXF's fault and is turned into the
 * caller's exception by {@link FailureClassifier}.
 */
final class UnusableAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ResponseFacts facts;

    UnusableAnswer(ResponseFacts facts) {
        super("HTTP " + facts.httpStatus() + " answer not parsed as SOAP", null, false, false);
        this.facts = facts;
    }

    ResponseFacts facts() {
        return facts;
    }
}
