package io.jenkins.plugins.coraocr.client;

/**
 * Text that came from the server, made safe to print on one line: shown, never obeyed. Control
 * characters (C0, DEL, C1) and the Unicode line and direction controls become visible escapes, so that
 * a server cannot end a console line, start a forged one or recolour the console; long text is cut,
 * saying how much was left out. Masking secrets happens before this, on the raw text.
 */
public final class ServerText {
    /** How much server text a console line shows at most. */
    public static final int DEFAULT_MAX = 300;

    private ServerText() {}

    /** {@code text} with every control character escaped, e.g. {@code \r}, {@code \n}, {@code \x1B}. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c);
            if (escaped == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(escaped);
        }
        return out == null ? text : out.toString();
    }

    /**
     * At most {@code max} characters of {@code text}, then {@code … (N more characters)}; escaped as
     * {@link #escape} does. The cut never splits an escape or a surrogate pair.
     */
    public static String excerpt(String text, int max) {
        if (text == null) {
            return null;
        }
        if (text.length() <= max) {
            return escape(text);
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return escape(text.substring(0, end)) + "… (" + (text.length() - end) + " more characters)";
    }

    /** {@link #excerpt(String, int)} with {@link #DEFAULT_MAX}. */
    public static String excerpt(String text) {
        return excerpt(text, DEFAULT_MAX);
    }

    private static String escaped(char c) {
        switch (c) {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            return String.format("\\x%02X", (int) c);
        }
        if (c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return String.format("\\u%04X", (int) c);
        }
        return null;
    }
}
