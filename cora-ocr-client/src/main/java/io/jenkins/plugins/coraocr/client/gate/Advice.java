package io.jenkins.plugins.coraocr.client.gate;

import java.util.Objects;

/** What a form shows next to a field or a button: how serious, and one line. */
public record Advice(Level level, String message) {
    /** How the line should be shown. */
    public enum Level {
        OK,
        WARNING,
        ERROR
    }

    public Advice {
        Objects.requireNonNull(level, "level");
    }

    public static Advice ok(String message) {
        return new Advice(Level.OK, message);
    }

    public static Advice error(String message) {
        return new Advice(Level.ERROR, message);
    }

    /** An ok without a line when {@code check} passes, its message as an error when it throws. */
    public static Advice of(Runnable check) {
        try {
            check.run();
            return ok(null);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    /**
     * The innermost message of an {@link IllegalArgumentException}: frameworks that bind forms wrap what a
     * constructor throws, and the innermost one names the field.
     */
    public static String reasonOf(IllegalArgumentException failure) {
        String reason = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                reason = cause.getMessage();
            }
        }
        return reason;
    }
}
