package io.jenkins.plugins.coraocr.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the password comes from. There is deliberately no way to give it as an argument: argv is
 * visible to every user of the machine through {@code ps}.
 */
final class PasswordSource {
    static final String PASSWORD_VARIABLE = "CORA_OCR_PASSWORD";
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    /** A password is one line; anything bigger is the wrong file. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private PasswordSource() {}

    /**
     * @param variable the {@code --password-env} value, or null
     * @param file the {@code --password-file} value, or null
     * @return the password, or empty when no source is given
     * @throws IllegalArgumentException naming the option and what is wrong, never the password
     */
    static Optional<String> resolve(String variable, Path file, Map<String, String> env) {
        if (variable != null && file != null) {
            throw new IllegalArgumentException("--password-env and --password-file cannot be used together");
        }
        if (variable != null) {
            return Optional.of(fromVariable("--password-env", variable, env));
        }
        if (file != null) {
            return Optional.of(fromFile(file));
        }
        return Optional.ofNullable(env.get(PASSWORD_VARIABLE));
    }

    private static String fromVariable(String option, String variable, Map<String, String> env) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(
                    option + ": " + describe(variable) + (value == null ? " is not set" : " is empty"));
        }
        return value;
    }

    /**
     * Names the variable only when it looks like one: someone who mistakes the option for a
     * password option has put the password there, and it must not reach a build log.
     */
    private static String describe(String variable) {
        return VARIABLE_NAME.matcher(variable).matches()
                ? "environment variable " + variable
                : "the variable named (name not shown: it does not look like one, and the option takes the NAME of"
                        + " a variable holding the password, not the password)";
    }

    /** The first line, without its line end: files written by {@code echo} or editors end with one. */
    private static String fromFile(Path file) {
        String text = SmallFile.read("--password-file", file, MAX_FILE_BYTES);
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw new IllegalArgumentException("--password-file: the first line of " + file + " is empty");
        }
        return line;
    }

    /** For {@code simulate}, which takes its password from a variable only. */
    static String requireVariable(String variable, Map<String, String> env) {
        return fromVariable("--password-env", variable, env);
    }
}
