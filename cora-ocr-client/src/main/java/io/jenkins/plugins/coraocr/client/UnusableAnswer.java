package io.jenkins.plugins.coraocr.client;

import java.io.IOException;

/**
 * Stops CXF from parsing an answer that cannot be a GetStatus response (an error page, a body that is
 * too large, a DOCTYPE, an encoded body). It travels as the cause of CXF's fault and is turned into the
 * caller's exception by {@link FailureClassifier}.
 */
final class UnusableAnswer extends IOException {
    private static final long serialVersionUID = 2L;

    private final transient ResponseFacts facts;

    UnusableAnswer(ResponseFacts facts) {
        super("HTTP " + facts.httpStatus() + " answer not parsed as SOAP");
        this.facts = facts;
    }

    ResponseFacts facts() {
        return facts;
    }
}
