package io.jenkins.plugins.coraocr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The trickling server's request parsing; no sockets, no time. */
class TricklingServerTest {

    @Test
    void findsTheEndOfTheHead() {
        byte[] request = bytes("POST /x HTTP/1.1\r\nHost: a\r\n\r\n<body/>");
        assertThat(TricklingServer.headEnd(request, request.length)).isEqualTo(29);
        // Not all of it read yet: the blank line is not in the first bytes.
        assertThat(TricklingServer.headEnd(request, 27)).isEqualTo(-1);
        assertThat(TricklingServer.headEnd(bytes("GET / HTTP/1.1\n\n"), 16)).isEqualTo(-1);
    }

    @Test
    void readsTheContentLengthWhateverItsCase() {
        assertThat(TricklingServer.contentLength("POST /x HTTP/1.1\r\nHost: a\r\ncontent-length:  364 \r\n\r\n"))
                .isEqualTo(364);
        assertThat(TricklingServer.contentLength("POST /x HTTP/1.1\r\nHost: a\r\n\r\n"))
                .isZero();
    }

    @Test
    void refusesChunkedAndUnreadableLengths() {
        assertThat(TricklingServer.contentLength("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"))
                .isEqualTo(-1);
        assertThat(TricklingServer.contentLength("POST /x HTTP/1.1\r\nContent-Length: many\r\n\r\n"))
                .isEqualTo(-1);
        assertThat(TricklingServer.contentLength("POST /x HTTP/1.1\r\nContent-Length: -3\r\n\r\n"))
                .isEqualTo(-1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
