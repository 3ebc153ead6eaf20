package io.jenkins.plugins.coraocr.client.wait;

import java.time.Duration;

/** Short human forms of durations for console lines: {@code 250ms}, {@code 15s}, {@code 2m30s}, {@code 1h5m}. */
public final class Durations {
    private Durations() {}

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            long tenths = Math.round(millis / 100.0);
            return tenths % 10 == 0 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
        }
        long seconds = Math.round(millis / 1000.0);
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 && hours == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }
}
