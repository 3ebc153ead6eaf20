package io.jenkins.plugins.coraocr.client;

import java.util.Locale;

/** How the client logs on to the Cora server. IIS offers one or both, per site. */
public enum Authentication {
    /** HTTP Basic, sent with the first request of every call. */
    BASIC("basic"),
    /**
     * Windows authentication with NTLMv2: a {@code DOMAIN&#92;user} name (or {@code user@domain}) and the
     * password. One handshake per connection; the logged-on connection is kept for later calls.
     */
    NTLM("ntlm");

    private final String label;

    Authentication(String label) {
        this.label = label;
    }

    /** "basic" or "ntlm", as users write it. */
    public String label() {
        return label;
    }

    /**
     * @throws IllegalArgumentException naming the value as typed and the valid ones
     */
    public static Authentication fromLabel(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (Authentication authentication : values()) {
                if (authentication.label.equals(wanted)) {
                    return authentication;
                }
            }
        }
        throw new IllegalArgumentException("authentication must be basic or ntlm, got '" + text + "'");
    }
}
