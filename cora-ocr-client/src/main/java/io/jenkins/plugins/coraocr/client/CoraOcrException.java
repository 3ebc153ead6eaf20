package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/**
 * Why a GetStatus call did not give a status. Callers decide between waiting and giving up with
 * {@link #isRetryable()}; the message always names the endpoint and the workflow and never a
 * credential.
 */
public abstract class CoraOcrException extends Exception {
    private static final long serialVersionUID = 1L;

    private final URI endpoint;
    private final long workflowId;
    private final String detail;

    protected CoraOcrException(URI endpoint, long workflowId, String detail, Throwable cause) {
        super("GetStatus for OCR workflow " + workflowId + " at " + endpoint + " failed: " + detail, cause);
        this.endpoint = endpoint;
        this.workflowId = workflowId;
        this.detail = detail;
    }

    /** Whether asking again later may succeed. */
    public abstract boolean isRetryable();

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
