package io.jenkins.plugins.coraocr.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration spellings a scenario file accepts: {@code 500ms}, {@code 2s}, {@code 10m}, {@code 1h}, {@code PT2S}, or a number of seconds. */
final class Durations {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {}

    static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher matcher = WITH_UNIT.matcher(trimmed);
        if (matcher.matches()) {
            BigDecimal amount = new BigDecimal(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> ofNanos(amount.movePointRight(6));
                case "s" -> seconds(amount);
                case "m" -> seconds(amount.multiply(BigDecimal.valueOf(60)));
                default -> seconds(amount.multiply(BigDecimal.valueOf(3600)));
            };
        }
        try {
            return seconds(new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    static Duration seconds(BigDecimal seconds) {
        return ofNanos(seconds.movePointRight(9));
    }

    private static Duration ofNanos(BigDecimal nanos) {
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration is out of range or finer than a nanosecond: " + nanos + "ns");
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a duration: \"" + text
                + "\" (expected e.g. \"500ms\", \"2s\", \"10m\", \"PT2S\" or a number of seconds)");
    }
}
