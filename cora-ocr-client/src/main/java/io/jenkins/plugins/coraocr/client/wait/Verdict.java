package io.jenkins.plugins.coraocr.client.wait;

import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import io.jenkins.plugins.coraocr.client.OcrStatus;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;

/** The gate's rule for a final status. The accept and unstable sets apply to every final status. */
final class Verdict {
    private final WaitResult result;
    private final String why;

    private Verdict(WaitResult result, String why) {
        this.result = result;
        this.why = why;
    }

    static Verdict of(WorkflowStatus status, WaitOptions options) {
        OcrErrorCode code = status.errorCode();
        String codeText = status.rawErrorCode() == null ? "no error code" : "error code " + status.rawErrorCode();
        if (status.status() == OcrStatus.COMPLETED && code == OcrErrorCode.NO_ERROR) {
            return new Verdict(WaitResult.PASSED, "it completed without error");
        }
        if (options.acceptErrorCodes().contains(code)) {
            return new Verdict(
                    WaitResult.PASSED, "it ended " + status.rawStatus() + " with " + codeText + ", which is accepted");
        }
        if (options.unstableErrorCodes().contains(code)) {
            return new Verdict(
                    WaitResult.UNSTABLE,
                    "it ended " + status.rawStatus() + " with " + codeText + ", which is marked unstable");
        }
        if (status.status() == OcrStatus.NOT_FOUND) {
            return new Verdict(WaitResult.FAILED, "the server does not know this workflow (NotFound)");
        }
        return new Verdict(WaitResult.FAILED, "it ended " + status.rawStatus() + " with " + codeText);
    }

    WaitResult result() {
        return result;
    }

    String why() {
        return why;
    }
}
