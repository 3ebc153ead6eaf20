package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns raw arguments, as a Pipeline passes them (Integer, Long, BigDecimal, BigInteger, String, Boolean)
 * or as a command line or a form has them (String), into checked values. Nothing is rounded or truncated:
 * {@code 12.7} is not a workflow id and {@code 2.5} is not a number of errors. Every error names the
 * parameter and the value as given.
 */
public final class Arguments {
    /** The largest id OCR FileBatch can hand out: a 64-bit integer. */
    private static final String ID_RANGE = "a whole number from 1 to " + Long.MAX_VALUE;

    private Arguments() {}

    /**
     * A MasterWorkflowInstanceId. A string may carry surrounding white space (a {@code sh(returnStdout: true)}
     * result ends with a line break).
     *
     * @throws ArgumentException when the value is missing, not a whole number, not positive or past 64 bits
     */
    public static long workflowId(String parameter, Object raw) {
        if (raw == null || (raw instanceof CharSequence && raw.toString().isBlank())) {
            throw new ArgumentException(
                    parameter, "required: the MasterWorkflowInstanceId that OCR FileBatch returned");
        }
        BigDecimal number = number(raw);
        if (number == null || !isWhole(number)) {
            throw new ArgumentException(
                    parameter, ArgumentException.shown(raw) + " is not a workflow id: it must be " + ID_RANGE);
        }
        BigInteger whole = number.toBigIntegerExact();
        if (whole.signum() <= 0 || whole.bitLength() > 63) {
            throw new ArgumentException(
                    parameter, ArgumentException.shown(raw) + " is not a workflow id: it must be " + ID_RANGE);
        }
        return whole.longValueExact();
    }

    /**
     * A whole number within {@code [min, max]}; {@code null} or a blank string gives {@code fallback}.
     *
     * @throws ArgumentException for fractions, words, and numbers out of range
     */
    public static int wholeNumber(String parameter, Object raw, int fallback, int min, int max) {
        if (isUnset(raw)) {
            return fallback;
        }
        BigDecimal number = number(raw);
        if (number == null || !isWhole(number)) {
            throw new ArgumentException(parameter, ArgumentException.shown(raw) + " is not a whole number");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ArgumentException(
                    parameter, "must be from " + min + " to " + max + ", got " + ArgumentException.shown(raw));
        }
        return number.intValueExact();
    }

    /**
     * A duration given as a number of {@code unit}s (fractions allowed), within {@code [min, max]}. Zero is
     * allowed when {@code min} is zero (it means none); anything else that rounds to 0 ms is refused, since
     * 0 means "no limit" to the layers below. {@code null} or a blank string gives {@code fallback}.
     *
     * @throws ArgumentException for words, negative numbers, and numbers out of range
     */
    public static Duration amount(
            String parameter,
            Object raw,
            Duration unit,
            String unitName,
            Duration fallback,
            Duration min,
            Duration max) {
        if (isUnset(raw)) {
            return fallback;
        }
        BigDecimal number = number(raw);
        if (number == null) {
            throw new ArgumentException(parameter, ArgumentException.shown(raw) + " is not a number of " + unitName);
        }
        if (number.signum() < 0) {
            throw new ArgumentException(parameter, "must not be negative, got " + ArgumentException.shown(raw));
        }
        BigDecimal millis = number.multiply(BigDecimal.valueOf(unit.toMillis()));
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ArgumentException(
                    parameter,
                    "must be at most " + amountText(max, unit) + " " + unitName + ", got "
                            + ArgumentException.shown(raw));
        }
        Duration value =
                Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
        if (value.isZero() && number.signum() > 0) {
            throw new ArgumentException(
                    parameter,
                    ArgumentException.shown(raw) + " " + unitName + " is less than 1 ms"
                            + (min.isZero() ? "; 0 means none" : ""));
        }
        if (value.compareTo(min) < 0) {
            throw new ArgumentException(
                    parameter,
                    "must be at least " + amountText(min, unit) + " " + unitName + ", got "
                            + ArgumentException.shown(raw));
        }
        if (value.compareTo(max) > 0) {
            throw new ArgumentException(
                    parameter,
                    "must be at most " + amountText(max, unit) + " " + unitName + ", got "
                            + ArgumentException.shown(raw));
        }
        return value;
    }

    /**
     * A comma-separated list of error code names (any case), or a list of names; blank is empty.
     *
     * @throws ArgumentException naming the unknown code and the valid ones
     */
    public static Set<OcrErrorCode> errorCodes(String parameter, Object raw) {
        if (isUnset(raw)) {
            return Collections.emptySet();
        }
        String list = raw instanceof Collection
                ? ((Collection<?>) raw).stream().map(String::valueOf).collect(Collectors.joining(","))
                : raw.toString();
        try {
            return OcrErrorCode.parseList(parameter, list);
        } catch (IllegalArgumentException e) {
            throw new ArgumentException(parameter, e.getMessage().substring(parameter.length() + 2));
        }
    }

    /**
     * @throws ArgumentException for anything but a boolean or the words true and false
     */
    public static boolean flag(String parameter, Object raw, boolean fallback) {
        if (isUnset(raw)) {
            return fallback;
        }
        if (raw instanceof Boolean) {
            return (Boolean) raw;
        }
        String text = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ArgumentException(parameter, ArgumentException.shown(raw) + " is neither true nor false");
    }

    private static boolean isUnset(Object raw) {
        return raw == null || (raw instanceof CharSequence && raw.toString().isBlank());
    }

    /** The exact value of a number or of a string holding one; null for anything else. */
    private static BigDecimal number(Object raw) {
        if (raw instanceof BigDecimal) {
            return (BigDecimal) raw;
        }
        if (raw instanceof BigInteger) {
            return new BigDecimal((BigInteger) raw);
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double value = ((Number) raw).doubleValue();
            return Double.isFinite(value) ? new BigDecimal(Double.toString(value)) : null;
        }
        if (raw instanceof CharSequence) {
            String text = raw.toString().trim();
            if (!text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
                return null;
            }
            return new BigDecimal(text);
        }
        return null;
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static String amountText(Duration amount, Duration unit) {
        BigDecimal units = BigDecimal.valueOf(amount.toMillis())
                .divide(BigDecimal.valueOf(unit.toMillis()), 3, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return units.scale() < 0 ? units.setScale(0).toPlainString() : units.toPlainString();
    }

    /**
     * The value as a snippet should show it: a whole number as an Integer (or a Long), another number as a
     * Double, anything else (a word, a blank) as given, so that the step then says what is wrong with it.
     */
    public static Object canonical(Object raw) {
        if (isUnset(raw)) {
            return null;
        }
        BigDecimal number = number(raw);
        if (number == null) {
            return raw;
        }
        if (isWhole(number) && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            long whole = number.longValueExact();
            return whole == (int) whole ? (Object) (int) whole : (Object) whole;
        }
        return number.doubleValue();
    }
}
