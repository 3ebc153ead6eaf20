package io.jenkins.plugins.coraocr.client;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * One GetStatus answer. Unrecognised values are kept as raw text so that a newer server never
 * crashes an older client. Serializable because a paused wait saves the last status it saw.
 */
public final class WorkflowStatus implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String rawStatus;
    private final String rawErrorCode;
    private final String externalContext;

    private WorkflowStatus(String rawStatus, String rawErrorCode, String externalContext) {
        this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus");
        this.rawErrorCode = rawErrorCode;
        this.externalContext = externalContext;
    }

    /**
     * @param rawStatus the Status text, required
     * @param rawErrorCode the ErrorCode text, or null when the server sent none
     * @param externalContext the ExternalContext text, or null when the server sent none
     */
    public static WorkflowStatus of(String rawStatus, String rawErrorCode, String externalContext) {
        return new WorkflowStatus(rawStatus, rawErrorCode, externalContext);
    }

    public OcrStatus status() {
        return OcrStatus.fromWire(rawStatus);
    }

    public String rawStatus() {
        return rawStatus;
    }

    public OcrErrorCode errorCode() {
        return OcrErrorCode.fromWire(rawErrorCode);
    }

    /** The ErrorCode text as sent, or null when the answer had none. */
    public String rawErrorCode() {
        return rawErrorCode;
    }

    public Optional<String> externalContext() {
        return Optional.ofNullable(externalContext);
    }

    /** Completed, Aborted, Failed and NotFound are final; an unrecognised status is not. */
    public boolean isFinal() {
        return status().isFinal();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WorkflowStatus)) {
            return false;
        }
        WorkflowStatus that = (WorkflowStatus) other;
        return rawStatus.equals(that.rawStatus)
                && Objects.equals(rawErrorCode, that.rawErrorCode)
                && Objects.equals(externalContext, that.externalContext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rawStatus, rawErrorCode, externalContext);
    }

    /**
     * For a console line, e.g. {@code Completed (NoError), ExternalContext "invoice-42"}: the server's text
     * with control characters escaped and long values cut (see {@link ServerText}).
     */
    public String describe() {
        StringBuilder text = new StringBuilder(ServerText.excerpt(rawStatus, 100));
        text.append(" (")
                .append(rawErrorCode == null ? "no error code" : ServerText.excerpt(rawErrorCode, 100))
                .append(')');
        if (externalContext != null) {
            text.append(", ExternalContext \"")
                    .append(ServerText.excerpt(externalContext))
                    .append('"');
        }
        return text.toString();
    }

    /** The same as {@link #describe()}: safe to print. */
    @Override
    public String toString() {
        return describe();
    }
}
