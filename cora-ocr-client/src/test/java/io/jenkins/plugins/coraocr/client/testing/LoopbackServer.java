package io.jenkins.plugins.coraocr.client.testing;

import java.net.InetSocketAddress;

/**
 * A test server listening on 127.0.0.1 only, on a port the system chose. Closing it closes every socket it accepted
 * and ends every thread it started, so that no test leaves work behind.
 */
public interface LoopbackServer extends AutoCloseable {
    /** Where the Cora OCR integration service lives on a real SeQuence server. */
    String ENDPOINT_PATH = "/SequenceServices/coraOcrIntegration_v1.0.0.asmx";

    int port();

    /** {@code http://127.0.0.1:port} (or {@code https://} for TLS), without a trailing slash. */
    String url();

    /** {@link #url()} followed by {@link #ENDPOINT_PATH}. */
    default String endpointUrl() {
        return url() + ENDPOINT_PATH;
    }

    /** The listening address, for example for {@code ProxySelector.of(...)}. */
    default InetSocketAddress address() {
        return new InetSocketAddress(Loopback.ADDRESS, port());
    }

    /** Closes the listening socket and every accepted connection; waits a bounded time for the threads to end. */
    @Override
    void close();
}
