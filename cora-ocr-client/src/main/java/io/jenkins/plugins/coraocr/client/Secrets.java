package io.jenkins.plugins.coraocr.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for passwords: a server can echo request headers into a fault or an error
 * page, and whatever it says reaches exception messages, logs and consoles. Applied to raw server text
 * before anything cuts, folds or escapes it, so no part of a secret can slip through a cut.
 */
final class Secrets {
    static final String MASK = "****";
    static final Secrets NONE = new Secrets(List.of());

    /**
     * An echoed Authorization or Proxy-Authorization header: its credentials are masked even when the
     * server cut them short, since a cut token is still part of a secret.
     */
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)\\b((?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?\\s*[a-z]+\\s+)([^\\s\"'<,;]+)");

    /**
     * What may be a "user:password@" in a URL as typed, with a scheme and any number of slashes, or none of them,
     * before it: everything up to the last '@', since a password may hold '/', '?' or '#' too.
     */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*:/+)?.*@", Pattern.DOTALL);

    private final List<String> values;

    private Secrets(List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        // Longest first, so that a password inside a token does not leave the rest of the token behind.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(sorted);
    }

    /** The password and its Basic form for {@code username}; then the same for the proxy, if any. */
    static Secrets of(String username, String password, ProxySettings proxy) {
        List<String> values = new ArrayList<>();
        add(values, username, password);
        if (proxy != null) {
            add(values, proxy.username(), proxy.password());
        }
        return new Secrets(values);
    }

    private static void add(List<String> values, String username, String password) {
        if (password == null || password.isEmpty()) {
            return;
        }
        values.add(password);
        values.add(Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code text} with every secret, and every credential after a scheme name, replaced by ****. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : values) {
            result = result.replace(value, MASK);
        }
        Matcher header = AUTHORIZATION.matcher(result);
        return header.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    /** A URL as typed, fit to be repeated in a message: whatever could be a user name and password is masked. */
    static String maskUserInfo(String url) {
        return url == null
                ? ""
                : USER_INFO
                        .matcher(url)
                        .replaceFirst(
                                m -> Matcher.quoteReplacement((m.group(1) == null ? "" : m.group(1)) + MASK + "@"));
    }
}
