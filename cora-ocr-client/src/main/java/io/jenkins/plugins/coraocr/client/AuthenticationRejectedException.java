package io.jenkins.plugins.coraocr.client;

import java.net.URI;
import java.util.List;

/** HTTP 401, 403 or 407: asking again with the same settings cannot help, and may lock the account. */
public final class AuthenticationRejectedException extends CoraOcrException {
    private static final long serialVersionUID = 2L;

    private final int httpStatus;
    private final List<String> challenges;

    AuthenticationRejectedException(
            FailureKind kind, URI endpoint, long workflowId, int httpStatus, List<String> challenges, String detail) {
        super(kind, endpoint, workflowId, detail, null);
        this.httpStatus = httpStatus;
        this.challenges = List.copyOf(challenges);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The WWW-Authenticate (or Proxy-Authenticate) values the server sent, e.g. {@code Basic realm="cora"}. */
    public List<String> challenges() {
        return challenges;
    }
}
