package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.simulator.RecordedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The exact GetStatus request the client sent (as the simulator recorded it), for the floor and for curl to replay. */
record CapturedRequest(URI endpoint, String contentType, String soapAction, byte[] body) {

    static CapturedRequest from(URI endpoint, RecordedRequest recorded) {
        String contentType = recorded.header("Content-Type");
        String soapAction = recorded.header("SOAPAction");
        if (contentType == null || recorded.body().length == 0) {
            throw new IllegalStateException("the recorded request has no content type or no body: " + recorded);
        }
        return new CapturedRequest(
                endpoint, contentType, soapAction, recorded.body().clone());
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
