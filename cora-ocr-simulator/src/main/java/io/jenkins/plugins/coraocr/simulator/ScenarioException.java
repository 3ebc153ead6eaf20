package io.jenkins.plugins.coraocr.simulator;

import java.nio.file.Path;

/**
 * A scenario file that cannot be used. The message reads
 * {@code FILE: at /json/pointer (line L, column C): problem}.
 */
public final class ScenarioException extends IllegalArgumentException {

    private final transient Path file;
    private final String pointer;
    private final int line;
    private final int column;
    private final String problem;

    ScenarioException(Path file, String pointer, int line, int column, String problem, Throwable cause) {
        super(format(file, pointer, line, column, problem), cause);
        this.file = file;
        this.pointer = pointer;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(Path file, String pointer, int line, int column, String problem) {
        StringBuilder message =
                new StringBuilder().append(file).append(": at ").append(pointer.isEmpty() ? "the top level" : pointer);
        if (line > 0) {
            message.append(" (line ")
                    .append(line)
                    .append(", column ")
                    .append(column)
                    .append(')');
        }
        return message.append(": ").append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** JSON pointer of the offending value; empty for the whole document. */
    public String pointer() {
        return pointer;
    }

    /** 1-based line, or 0 when not known. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when not known. */
    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
