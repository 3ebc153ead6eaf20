package io.jenkins.plugins.coraocr.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP proxy: host, port, optional credentials sent to the proxy (Basic), and the hosts reached
 * without it. HTTPS goes through the proxy with CONNECT. The password never appears in
 * {@link #toString()}.
 */
public final class ProxySettings {
    /** curl's default when a proxy URL names no port. */
    static final int DEFAULT_PORT = 1080;

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final NoProxyList noProxy;

    private ProxySettings(String host, int port, String username, String password, NoProxyList noProxy) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.noProxy = noProxy;
    }

    /**
     * @throws IllegalArgumentException when the host is empty or the port is outside 1 to 65535
     */
    public static ProxySettings of(String host, int port) {
        if (host == null || host.isBlank() || !host.trim().matches("[A-Za-z0-9._:\\[\\]-]+")) {
            throw new IllegalArgumentException("proxy host '" + (host == null ? "" : host) + "' is not a host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be between 1 and 65535, got " + port);
        }
        return new ProxySettings(host.trim(), port, null, null, NoProxyList.empty());
    }

    /**
     * Reads {@code http://[user[:password]@]host[:port]} as curl does (no scheme means http, no port
     * means 1080). Only http proxies are supported.
     *
     * @param allowPassword whether the URL may carry a password (an environment variable may; a
     *     command-line argument may not, since every user can read it with {@code ps})
     * @throws IllegalArgumentException saying what is wrong, never repeating a password
     */
    public static ProxySettings parseUrl(String url, boolean allowPassword) {
        String text = url == null ? "" : url.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the proxy URL is empty");
        }
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "'" + shown(url) + "' is not a proxy URL such as http://proxy.example.com:3128");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException(
                    "'" + shown(url) + "': only http:// proxies are supported, not " + scheme + "://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + shown(url) + "' names no proxy host");
        }
        ProxySettings proxy = of(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return proxy;
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        if (colon >= 0 && !allowPassword) {
            throw new IllegalArgumentException("'" + shown(url)
                    + "' carries a password, which every user could read on the command line; give the user"
                    + " alone and the password in an environment variable");
        }
        return proxy.withCredentials(user, colon < 0 ? null : decode(userInfo.substring(colon + 1)));
    }

    /** The same proxy, logging on to it with {@code username} (a null or empty name means none). */
    public ProxySettings withCredentials(String username, String password) {
        String user = username == null || username.isEmpty() ? null : username;
        return new ProxySettings(host, port, user, user == null ? null : (password == null ? "" : password), noProxy);
    }

    public ProxySettings withNoProxy(NoProxyList list) {
        return new ProxySettings(host, port, username, password, Objects.requireNonNull(list, "list"));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The user name for the proxy, or null. */
    public String username() {
        return username;
    }

    /** The proxy password, or null; never printed. */
    public String password() {
        return password;
    }

    public NoProxyList noProxy() {
        return noProxy;
    }

    /** Whether requests to {@code host} go through this proxy. */
    public boolean appliesTo(String host) {
        return !noProxy.matches(host);
    }

    /** {@code proxy.example.com:3128}, as messages name the proxy. */
    public String address() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ProxySettings)) {
            return false;
        }
        ProxySettings that = (ProxySettings) other;
        return host.equals(that.host)
                && port == that.port
                && Objects.equals(username, that.username)
                && Objects.equals(password, that.password)
                && noProxy.equals(that.noProxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, noProxy);
    }

    @Override
    public String toString() {
        return "http://" + (username == null ? "" : username + "@") + address()
                + (noProxy.isEmpty() ? "" : " (not for " + noProxy + ")");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL as it may be shown: whatever stands between "//" and "@" could be a password. */
    private static String shown(String url) {
        return Secrets.maskUserInfo(url);
    }
}
