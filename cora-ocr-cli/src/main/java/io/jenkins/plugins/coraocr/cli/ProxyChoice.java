package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.NoProxyList;
import io.jenkins.plugins.coraocr.client.ProxySettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which HTTP proxy the command uses, and which hosts bypass it. The proxy: {@code --proxy}, else the
 * environment as curl reads it, else the JVM's proxy properties. The hosts that bypass it:
 * {@code --no-proxy}, else {@code no_proxy}/{@code NO_PROXY}, else, for a proxy from JVM properties,
 * {@code http.nonProxyHosts}. The JVM's properties are read, never set.
 */
final class ProxyChoice {
    static final String PASSWORD_VARIABLE = "CORA_OCR_PROXY_PASSWORD";

    private final Map<String, String> env;
    private final Map<String, String> properties;
    private final Consumer<String> warnings;

    /** @param warnings where a line goes that says a JVM setting cannot be followed exactly */
    ProxyChoice(Map<String, String> env, Map<String, String> properties, Consumer<String> warnings) {
        this.env = env;
        this.properties = properties;
        this.warnings = warnings;
    }

    /** The proxy, and the option, variable or property it came from (for messages). */
    record Chosen(ProxySettings proxy, String source) {}

    /**
     * @param option the {@code --proxy} value, or null
     * @param noProxyOption the {@code --no-proxy} value, or null
     * @throws IllegalArgumentException naming the option, variable or property that is wrong
     */
    Optional<Chosen> choose(String option, String noProxyOption, URI endpoint) {
        boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
        NoProxyList bypass = noProxy(noProxyOption);
        if (option != null) {
            // A password typed on the command line is visible to every user through `ps`: refused.
            return Optional.of(new Chosen(withPassword("--proxy", parse("--proxy", option, false), bypass), "--proxy"));
        }
        // curl reads https_proxy or HTTPS_PROXY for https URLs, and for http URLs only the lower-case
        // http_proxy: a CGI program gets an HTTP_PROXY from a request's Proxy header.
        for (String name : https ? List.of("https_proxy", "HTTPS_PROXY") : List.of("http_proxy")) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Chosen(withPassword(name, parse(name, value, true), bypass), name));
            }
        }
        String scheme = https ? "https" : "http";
        return fromProperties(scheme)
                .map(proxy -> new Chosen(
                        proxy.withNoProxy(bypass != null ? bypass : jvmNonProxyHosts()), "-D" + scheme + ".proxyHost"));
    }

    /** {@code --no-proxy}, else {@code no_proxy}, else {@code NO_PROXY}; null when none is set. */
    private NoProxyList noProxy(String option) {
        if (option != null) {
            return parseList("--no-proxy", option);
        }
        for (String name : List.of("no_proxy", "NO_PROXY")) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return parseList(name, value);
            }
        }
        return null;
    }

    /** A user named without a password gets it from {@link #PASSWORD_VARIABLE}. */
    private ProxySettings withPassword(String source, ProxySettings proxy, NoProxyList bypass) {
        ProxySettings chosen = proxy;
        // ProxySettings keeps a user named without a password with an empty one.
        if (proxy.username() != null && proxy.password().isEmpty()) {
            String password = env.get(PASSWORD_VARIABLE);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(source + ": the proxy user " + proxy.username()
                        + " needs a password: set " + PASSWORD_VARIABLE);
            }
            chosen = proxy.withCredentials(proxy.username(), password);
        }
        return bypass == null ? chosen : chosen.withNoProxy(bypass);
    }

    /** {@code -Dhttps.proxyHost}/{@code -Dhttps.proxyPort} (443 by default), or the same for http (80). */
    private Optional<ProxySettings> fromProperties(String scheme) {
        String host = properties.get(scheme + ".proxyHost");
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String portProperty = scheme + ".proxyPort";
        String portText = properties.get(portProperty);
        int port;
        try {
            port = portText == null || portText.isBlank()
                    ? (scheme.equals("https") ? 443 : 80)
                    : Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + portProperty + ": '" + portText + "' is not a port number");
        }
        try {
            return Optional.of(ProxySettings.of(host, port));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + scheme + ".proxyHost/-D" + portProperty + ": " + e.getMessage());
        }
    }

    private NoProxyList jvmNonProxyHosts() {
        JvmNonProxyHosts converted = JvmNonProxyHosts.convert(properties.get("http.nonProxyHosts"));
        for (String pattern : converted.unusable()) {
            warnings.accept("WARNING: -Dhttp.nonProxyHosts: '" + pattern + "' cannot be followed (only *.domain,"
                    + " host names, addresses and IPv4 prefixes such as 10.* can); hosts it names go through the"
                    + " proxy");
        }
        return converted.list();
    }

    private static ProxySettings parse(String source, String url, boolean allowPassword) {
        try {
            return ProxySettings.parseUrl(url, allowPassword);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    private static NoProxyList parseList(String source, String list) {
        try {
            return NoProxyList.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }
}
