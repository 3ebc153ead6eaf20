package io.jenkins.plugins.coraocr.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The endpoint rule: where a user-written server URL sends GetStatus. */
final class EndpointAddress {
    private EndpointAddress() {}

    /**
     * An http or https URL whose path is empty or "/" gets the service's standard path; any other
     * path is used as given.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    static URI resolve(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("server URL is required");
        }
        String trimmed = url.trim();
        if (!trimmed.contains("://") && trimmed.matches("[A-Za-z0-9.-]+(:\\d+)?(/\\S*)?")) {
            throw new IllegalArgumentException("server URL '" + shown(trimmed) + "' has no scheme: write https://"
                    + shown(trimmed) + " (or http://" + shown(trimmed) + ")");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("server URL '" + shown(trimmed) + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException(
                    "server URL '" + shown(trimmed) + "' must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            // The URL would carry the password into logs and error messages; credentials have their own field.
            throw new IllegalArgumentException("server URL '" + shown(trimmed)
                    + "' must not contain a user name or password; configure credentials separately");
        }
        if (uri.getHost() == null && uri.getRawAuthority() != null) {
            throw new IllegalArgumentException("server URL '" + shown(trimmed)
                    + "' has no valid host name and port (a port is a number from 1 to 65535)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("server URL '" + shown(trimmed) + "' has no host name");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new IllegalArgumentException("server URL '" + shown(trimmed) + "' has the port " + uri.getPort()
                    + ", but a port is a number from 1 to 65535");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("server URL '" + shown(trimmed) + "' must not contain a #fragment");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            try {
                return new URI(
                        scheme, null, uri.getHost(), uri.getPort(), ServiceNames.DEFAULT_PATH, uri.getQuery(), null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("server URL '" + shown(trimmed) + "' is not a valid URL");
            }
        }
        return uri;
    }

    private static String shown(String url) {
        return Secrets.maskUserInfo(url);
    }
}
