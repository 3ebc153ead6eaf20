package io.jenkins.plugins.coraocr.client.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** 127.0.0.1, the only address these servers bind and the only one the proxy forwards to. */
final class Loopback {
    static final InetAddress ADDRESS = ipv4Loopback();

    private Loopback() {}

    /** Whether a host name from a request names 127.0.0.1; decided on the text alone, without any name lookup. */
    static boolean isLoopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("127.0.0.1") || name.equals("localhost");
    }

    private static InetAddress ipv4Loopback() {
        try {
            // Explicit bytes: getLoopbackAddress() answers ::1 when IPv6 is preferred.
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
