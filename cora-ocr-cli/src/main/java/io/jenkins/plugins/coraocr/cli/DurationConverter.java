package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.wait.Durations;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
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
 * {@code 2h}, ISO-8601 ({@code PT15S}) or a bare number of seconds ({@code 30}, {@code 1.5}), within the
 * bounds of the option. Every layer below counts whole milliseconds and takes 0 ms as "no limit", so
 * nothing that comes to less than 1 ms passes. Messages quote the value as typed; picocli puts the
 * option's name in front.
 */
abstract class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
    private static final String FORMS = "use for example 500ms, 15s, 10m, 2h, PT15S or a number of seconds";

    private final Duration min;
    private final Duration max;
    private final String maxText;
    private final String tooShort;

    /**
     * @param maxText {@code max} as a person reads it ("24 days" rather than "596h31m")
     * @param tooShort why a value below {@code min} is refused
     */
    DurationConverter(Duration min, Duration max, String maxText, String tooShort) {
        this.min = min;
        this.max = max;
        this.maxText = maxText;
        this.tooShort = tooShort;
    }

    @Override
    public Duration convert(String text) {
        Duration duration = parse(text);
        if (duration.toMillis() < min.toMillis()) {
            throw new TypeConversionException("'" + text + "' is too short: " + tooShort);
        }
        if (duration.compareTo(max) > 0) {
            throw new TypeConversionException("'" + text + "' is too long: at most " + maxText);
        }
        return duration;
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

    /** {@code --connect-timeout}, {@code --read-timeout}: what the HTTP layer can count (24 days in ms). */
    static final class RequestTimeout extends DurationConverter {
        RequestTimeout() {
            super(
                    Duration.ofMillis(1),
                    Duration.ofMillis(Integer.MAX_VALUE),
                    "24 days",
                    "a timeout must be at least 1ms (0 would mean none)");
        }
    }

    /** {@code --poll-interval}: the wait engine's minimum, at most a day as in the Pipeline step. */
    static final class PollInterval extends DurationConverter {
        PollInterval() {
            super(
                    WaitOptions.MIN_POLL_INTERVAL,
                    Duration.ofDays(1),
                    "a day (24h)",
                    "polls are at least " + Durations.format(WaitOptions.MIN_POLL_INTERVAL) + " apart");
        }
    }

    /** {@code --timeout}: every wait has a deadline; at most a year, as in the Pipeline step. */
    static final class WaitTimeout extends DurationConverter {
        WaitTimeout() {
            super(
                    Duration.ofMillis(1),
                    Duration.ofDays(366),
                    "366 days",
                    "every wait needs a deadline, so the timeout must be at least 1ms");
        }
    }
}
