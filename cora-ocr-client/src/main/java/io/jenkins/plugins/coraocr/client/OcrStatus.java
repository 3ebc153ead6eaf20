package io.jenkins.plugins.coraocr.client;

/** The Status values GetStatus documents, plus {@link #UNKNOWN} for anything else a server sends. */
public enum OcrStatus {
    QUEUED("Queued", false),
    PROCESSING_INPUT("ProcessingInput", false),
    WAITING_FOR_OUTPUT("WaitingForOutput", false),
    COMPLETED("Completed", true),
    ABORTED("Aborted", true),
    FAILED("Failed", true),
    NOT_FOUND("NotFound", true),
    /** A value outside the documented list; the raw text is kept in {@link WorkflowStatus#rawStatus()}. */
    UNKNOWN(null, false);

    private final String wireName;
    private final boolean finalStatus;

    OcrStatus(String wireName, boolean finalStatus) {
        this.wireName = wireName;
        this.finalStatus = finalStatus;
    }

    /** The exact text on the wire, or null for {@link #UNKNOWN}. */
    public String wireName() {
        return wireName;
    }

    /** Whether the workflow will not change any more. */
    public boolean isFinal() {
        return finalStatus;
    }

    /** Exact, case-sensitive match as ASMX serializes enums; anything else is {@link #UNKNOWN}. */
    public static OcrStatus fromWire(String text) {
        for (OcrStatus status : values()) {
            if (status.wireName != null && status.wireName.equals(text)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
