package io.jenkins.plugins.coraocr.client.gate;

/**
 * A mistake in the gate's own arguments, found before anything is sent: the message names the parameter
 * (as the caller spells it: {@code workflowId}, {@code --workflow-id}) and the value as it was given.
 * Mistakes like these fail a gate even when its caller asked to get every outcome back as data.
 */
public final class ArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ArgumentException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    /** The parameter as the caller spells it. */
    public String parameter() {
        return parameter;
    }

    /** The value as given, for messages: strings quoted with their control characters escaped. */
    static String shown(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof CharSequence) {
            String text = value.toString();
            String escaped = text.replace("\\", "\\\\")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r")
                    .replace("\t", "\\t")
                    .replace("'", "\\'");
            return "'" + (escaped.length() > 100 ? escaped.substring(0, 100) + "…" : escaped) + "'";
        }
        return value.toString();
    }
}
