package io.jenkins.plugins.coraocr.client;

import java.nio.charset.StandardCharsets;

/** Finds a DOCTYPE before anything parses a body: a SOAP message must not have one, and DTDs are never read. */
final class Doctype {
    private static final byte[] MARKER = "<!doctype".getBytes(StandardCharsets.US_ASCII);

    private Doctype() {}

    /**
     * ASMX answers in UTF-8, where the marker is plain ASCII; a DOCTYPE in another encoding still meets
     * the parser's own refusal of DTDs.
     */
    static boolean isIn(byte[] body) {
        outer:
        for (int i = 0; i + MARKER.length <= body.length; i++) {
            if (body[i] != '<' || body[i + 1] != '!') {
                continue;
            }
            for (int j = 2; j < MARKER.length; j++) {
                byte b = body[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b = (byte) (b + ('a' - 'A'));
                }
                if (b != MARKER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
