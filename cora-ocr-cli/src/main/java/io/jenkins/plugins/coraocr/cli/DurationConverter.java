package io.jenkins.plugins.coraocr.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people write them on a command line: {@code 500ms}, {@code 15s}, {@code 10m},
 * {@code 2h}, ISO-8601 ({@code PT15S}) or a bare number of seconds ({@code 30}, {@code 1.5}).
 * picocli puts the option's name in front of the message.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
    private static final String FORMS = "use for example 500ms, 15s, 10m, 2h, PT15S or a number of seconds";

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String trimmed = text.trim();
        Duration duration;
        try {
            duration = trimmed.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(trimmed) : fromNumber(trimmed);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(text, FORMS);
        }
        if (duration.isNegative()) {
            throw invalid(text, "a duration cannot be negative");
        }
        return duration;
    }

    private static Duration fromNumber(String text) {
        Matcher matcher = NUMBER_AND_UNIT.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(text, FORMS);
        }
        long nanosPerUnit =
                switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
                    case "ms" -> 1_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "h" -> 3_600_000_000_000L;
                    default -> 1_000_000_000L;
                };
        BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
        return Duration.ofNanos(nanos.toBigInteger().longValueExact());
    }

    private static TypeConversionException invalid(String text, String why) {
        return new TypeConversionException("'" + text + "' is not a valid duration: " + why);
    }
}
