package io.jenkins.plugins.coraocr.client;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Hosts reached without the proxy, written as curl reads {@code NO_PROXY}: a comma-separated list of
 * host names (each also covers its subdomains), {@code .domain} or {@code *.domain} suffixes, IP
 * addresses, IP ranges in CIDR form ({@code 10.0.0.0/8}), or {@code *} for every host. Names are
 * matched ignoring case and never resolved.
 */
public final class NoProxyList {
    private static final NoProxyList EMPTY = new NoProxyList(List.of(), "");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> entries;
    private final String text;

    private NoProxyList(List<String> entries, String text) {
        this.entries = List.copyOf(entries);
        this.text = text;
    }

    public static NoProxyList empty() {
        return EMPTY;
    }

    /**
     * @throws IllegalArgumentException naming an entry that is not a host, a suffix, an address or a range
     */
    public static NoProxyList parse(String list) {
        if (list == null || list.isBlank()) {
            return EMPTY;
        }
        List<String> entries = new ArrayList<>();
        for (String part : list.split("[,\\s]+")) {
            String entry = part.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("*.")) {
                entry = entry.substring(1);
            }
            if (entry.startsWith("[") && entry.endsWith("]")) {
                entry = entry.substring(1, entry.length() - 1);
            }
            if (!entry.equals("*") && (entry.contains("://") || !entry.matches("[a-z0-9._:/%-]+"))) {
                throw new IllegalArgumentException(
                        "'" + part.trim() + "' is not a host name, a .domain suffix, an IP address or a CIDR range");
            }
            if (entry.contains("/")) {
                checkRange(part.trim(), entry);
            }
            entries.add(entry);
        }
        return new NoProxyList(entries, String.join(",", entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether {@code host} (a name or an IP literal, without brackets) is reached directly. */
    public boolean matches(String host) {
        String wanted = stripBrackets(host.toLowerCase(Locale.ROOT));
        for (String entry : entries) {
            if (entry.equals("*") || entry.equals(wanted)) {
                return true;
            }
            if (entry.contains("/")) {
                if (inRange(wanted, entry)) {
                    return true;
                }
            } else if (entry.startsWith(".")) {
                if (wanted.endsWith(entry) || wanted.equals(entry.substring(1))) {
                    return true;
                }
            } else if (!isAddress(entry) && wanted.endsWith("." + entry)) {
                return true;
            }
        }
        return false;
    }

    /** The entries as they match, comma-separated. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoProxyList && ((NoProxyList) other).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isAddress(String text) {
        return IPV4.matcher(text).matches() || text.contains(":");
    }

    private static void checkRange(String typed, String entry) {
        String[] parts = entry.split("/", -1);
        byte[] network = literal(parts[0]);
        int bits;
        try {
            bits = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (parts.length != 2 || network == null || bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException("'" + typed + "' is not a CIDR range such as 10.0.0.0/8");
        }
    }

    private static boolean inRange(String host, String range) {
        String[] parts = range.split("/");
        byte[] network = literal(parts[0]);
        byte[] address = literal(host);
        if (network == null || address == null || network.length != address.length) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        int shift = network.length * 8 - bits;
        return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, address).shiftRight(shift));
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else; never a DNS lookup. */
    private static byte[] literal(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] octets = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(octets[i]);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (text.contains(":") && text.matches("[0-9a-f:.]+")) {
            return ipv6(text);
        }
        return null;
    }

    private static byte[] ipv6(String text) {
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        List<Integer> head = groups(halves[0]);
        List<Integer> tail = halves.length == 2 ? groups(halves[1]) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.size() - tail.size();
        if (missing < 0 || (halves.length == 1 && missing != 0)) {
            return null;
        }
        byte[] bytes = new byte[16];
        int index = 0;
        for (int group : head) {
            bytes[index++] = (byte) (group >> 8);
            bytes[index++] = (byte) group;
        }
        index += missing * 2;
        for (int group : tail) {
            bytes[index++] = (byte) (group >> 8);
            bytes[index++] = (byte) group;
        }
        return bytes;
    }

    private static List<Integer> groups(String text) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        for (String group : text.split(":", -1)) {
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            groups.add(Integer.parseInt(group, 16));
        }
        return groups;
    }
}
