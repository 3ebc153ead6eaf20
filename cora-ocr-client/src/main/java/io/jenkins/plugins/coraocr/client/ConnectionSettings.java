package io.jenkins.plugins.coraocr.client;

import java.net.URI;
import java.time.Duration;

/** Everything the HTTP layer needs to reach one server, checked by {@link CoraOcrClient.Builder}. */
record ConnectionSettings(
        URI endpoint,
        Authentication authentication,
        String username,
        String password,
        ProxySettings proxy,
        TrustedCertificates trust,
        Duration connectTimeout,
        Duration readTimeout) {

    /** The proxy requests to the endpoint go through, or null when there is none or the host bypasses it. */
    ProxySettings effectiveProxy() {
        return proxy != null && proxy.appliesTo(endpoint.getHost()) ? proxy : null;
    }

    boolean hasCredentials() {
        return username != null;
    }
}
