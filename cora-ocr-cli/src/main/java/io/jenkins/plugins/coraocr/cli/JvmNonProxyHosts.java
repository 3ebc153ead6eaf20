package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.NoProxyList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM's {@code http.nonProxyHosts} ({@code |}-separated host patterns with {@code *} wildcards) as the
 * closest {@link NoProxyList}: {@code *.example.com} becomes {@code .example.com} (which also covers
 * example.com itself), {@code 10.*} becomes {@code 10.0.0.0/8}. A pattern with any other wildcard has no
 * equivalent and is left out, so that hosts it names go through the proxy; {@link #unusable} lists them.
 */
final class JvmNonProxyHosts {
    /** What the JDK's proxy selector uses when the property is not set. */
    static final String JDK_DEFAULT = "localhost|127.*|[::1]|0.0.0.0|[::0]";

    private static final Pattern IPV4_PREFIX = Pattern.compile("((?:\\d{1,3}\\.){1,3})\\*");

    private final NoProxyList list;
    private final List<String> unusable;

    private JvmNonProxyHosts(NoProxyList list, List<String> unusable) {
        this.list = list;
        this.unusable = List.copyOf(unusable);
    }

    /** @param patterns the property's value, or null when it is not set */
    static JvmNonProxyHosts convert(String patterns) {
        List<String> entries = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (String part : (patterns == null ? JDK_DEFAULT : patterns).split("\\|")) {
            String pattern = part.trim().toLowerCase(Locale.ROOT);
            if (pattern.isEmpty()) {
                continue;
            }
            String entry = entry(pattern);
            if (entry == null || !usable(entry)) {
                unusable.add(part.trim());
            } else {
                entries.add(entry);
            }
        }
        return new JvmNonProxyHosts(NoProxyList.parse(String.join(",", entries)), unusable);
    }

    NoProxyList list() {
        return list;
    }

    /** The patterns that could not be converted, as written. */
    List<String> unusable() {
        return unusable;
    }

    private static String entry(String pattern) {
        if (pattern.indexOf('*') < 0 || pattern.equals("*")) {
            return pattern;
        }
        if (pattern.startsWith("*") && pattern.indexOf('*', 1) < 0) {
            return pattern.substring(1);
        }
        Matcher prefix = IPV4_PREFIX.matcher(pattern);
        if (prefix.matches()) {
            String[] octets = prefix.group(1).split("\\.");
            StringBuilder network = new StringBuilder(String.join(".", octets));
            for (int i = octets.length; i < 4; i++) {
                network.append(".0");
            }
            return network + "/" + octets.length * 8;
        }
        return null;
    }

    private static boolean usable(String entry) {
        try {
            NoProxyList.parse(entry);
            return !entry.isEmpty() && !entry.equals(".");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
