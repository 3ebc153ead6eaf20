package io.jenkins.plugins.coraocr.client;

import java.net.URI;
import java.util.List;

/** HTTP 401 or 403: asking again with the same credentials cannot help. */
public final class AuthenticationRejectedException extends CoraOcrException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final List<String> challenges;

    public AuthenticationRejectedException(
            URI endpoint, long workflowId, int httpStatus, List<String> challenges, String detail) {
        super(endpoint, workflowId, detail, null);
        this.httpStatus = httpStatus;
        this.challenges = List.copyOf(challenges);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The WWW-Authenticate values the server sent, e.g. {@code Basic realm="cora"}, {@code NTLM}. */
    public List<String> challenges() {
        return challenges;
    }
}
