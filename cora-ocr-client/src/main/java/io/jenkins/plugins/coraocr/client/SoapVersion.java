package io.jenkins.plugins.coraocr.client;

import java.util.Locale;

/** The two SOAP versions an ASMX service answers on the same URL. */
public enum SoapVersion {
    SOAP_11("1.1"),
    SOAP_12("1.2");

    private final String label;

    SoapVersion(String label) {
        this.label = label;
    }

    /** "1.1" or "1.2", as users write it. */
    public String label() {
        return label;
    }

    /**
     * Accepts "1.1", "1.2", "11", "12", "SOAP_11" and "soap12" so that configuration files and
     * command lines can use whichever spelling is natural.
     */
    public static SoapVersion fromLabel(String text) {
        if (text != null) {
            String compact = text.trim()
                    .toLowerCase(Locale.ROOT)
                    .replace("soap", "")
                    .replace("_", "")
                    .replace(".", "");
            if (compact.equals("11")) {
                return SOAP_11;
            }
            if (compact.equals("12")) {
                return SOAP_12;
            }
        }
        throw new IllegalArgumentException("SOAP version must be 1.1 or 1.2, got '" + text + "'");
    }

    @Override
    public String toString() {
        return "SOAP " + label;
    }
}
