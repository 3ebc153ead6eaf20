package io.jenkins.plugins.coraocr.client;

import java.net.URI;

/** The caller aborted the call before it ended (its wait's deadline passed, or the wait was stopped). */
public final class CallAbortedException extends CoraOcrException {
    private static final long serialVersionUID = 2L;

    CallAbortedException(URI endpoint, long workflowId) {
        super(FailureKind.ABORTED, endpoint, workflowId, "the call was aborted before it ended", null);
    }
}
