package io.jenkins.plugins.coraocr.client;

import java.net.URI;
import java.util.Objects;

/**
 * Why a GetStatus call did not give a status. Callers decide between waiting and giving up with
 * {@link #isRetryable()}, and tell a person what to change from {@link #kind()}. The message always
 * names the endpoint and the workflow and never a credential; server text in it is masked, cut and
 * kept on one line.
 */
public abstract class CoraOcrException extends Exception {
    private static final long serialVersionUID = 2L;

    private final FailureKind kind;
    private final URI endpoint;
    private final long workflowId;
    private final String detail;

    protected CoraOcrException(FailureKind kind, URI endpoint, long workflowId, String detail, Throwable cause) {
        super("GetStatus for OCR workflow " + workflowId + " at " + endpoint + " failed: " + detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.endpoint = endpoint;
        this.workflowId = workflowId;
        this.detail = detail;
    }

    public FailureKind kind() {
        return kind;
    }

    /** Whether asking again later may succeed. */
    public boolean isRetryable() {
        return kind.isRetryable();
    }

    public URI endpoint() {
        return endpoint;
    }

    public long workflowId() {
        return workflowId;
    }

    /** The reason alone, without endpoint and workflow, for lines that already name them. */
    public String detail() {
        return detail;
    }
}
