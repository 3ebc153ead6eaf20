package io.jenkins.plugins.coraocr.client.gate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which configured server a gate uses: the one it names, or the only one when it names none. A wrong
 * choice is a mistake in the arguments: it fails the gate before anything is sent.
 */
public final class ServerChoice {
    private ServerChoice() {}

    /**
     * @param requested the name the caller gave, or null/blank for none
     * @param configured the names configured, in their order
     * @return the chosen name, as configured
     * @throws ArgumentException when none is configured, several are and none is named, or the name is unknown
     */
    public static String choose(String requested, List<String> configured) {
        String wanted = requested == null || requested.isBlank() ? null : requested.trim();
        if (configured.isEmpty()) {
            throw new ArgumentException(
                    PipelineArguments.SERVER,
                    "no Cora OCR server is configured; an administrator"
                            + " adds one under Manage Jenkins » System » Cora OCR");
        }
        if (wanted == null) {
            if (configured.size() == 1) {
                return configured.get(0);
            }
            throw new ArgumentException(
                    PipelineArguments.SERVER,
                    "several Cora OCR servers are configured (" + names(configured)
                            + "); say which one with server: '<name>'");
        }
        for (String name : configured) {
            if (name.equals(wanted)) {
                return name;
            }
        }
        throw new ArgumentException(
                PipelineArguments.SERVER,
                "no Cora OCR server is named " + ArgumentException.shown(wanted) + "; configured servers: "
                        + names(configured));
    }

    private static String names(List<String> configured) {
        return configured.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }

    /**
     * @throws IllegalArgumentException naming the first name that two servers share (case is ignored)
     */
    public static void checkUnique(List<String> names) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "Two Cora OCR servers are named '" + name + "'; server names must be unique (case is ignored)");
            }
        }
    }
}
