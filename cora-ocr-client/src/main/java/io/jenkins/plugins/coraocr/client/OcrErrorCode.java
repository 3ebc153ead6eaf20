package io.jenkins.plugins.coraocr.client;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The ErrorCode values GetStatus documents, plus {@link #UNKNOWN} for anything else a server sends. */
public enum OcrErrorCode {
    NO_ERROR("NoError"),
    TIMED_OUT("TimedOut"),
    INPUT_FILE_NOT_FOUND("InputFileNotFound"),
    INPUT_FILE_EXISTS("InputFileExists"),
    FAILED_TO_PUT_INPUT_FILE("FailedToPutInputFile"),
    OUTPUT_FILE_EXISTS("OutputFileExists"),
    FAILED_TO_PUT_OUTPUT_FILE("FailedToPutOutputFile"),
    ROBOT_PROFILE_NOT_FOUND("RobotProfileNotFound"),
    INTERNAL_ERROR("InternalError"),
    /** A value outside the documented list (or none); the raw text is kept in {@link WorkflowStatus#rawErrorCode()}. */
    UNKNOWN(null);

    private final String wireName;

    OcrErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The exact text on the wire, or null for {@link #UNKNOWN}. */
    public String wireName() {
        return wireName;
    }

    /** Exact, case-sensitive match as ASMX serializes enums; anything else is {@link #UNKNOWN}. */
    public static OcrErrorCode fromWire(String text) {
        for (OcrErrorCode code : values()) {
            if (code.wireName != null && code.wireName.equals(text)) {
                return code;
            }
        }
        return UNKNOWN;
    }

    /**
     * Parses a user-written, comma-separated list such as {@code "OutputFileExists, TimedOut"}.
     * Names are matched ignoring case; a blank or null list is empty.
     *
     * @param field names the option or parameter in the error message
     * @throws IllegalArgumentException naming the field, the bad value and the valid names
     */
    public static Set<OcrErrorCode> parseList(String field, String list) {
        if (list == null || list.isBlank()) {
            return Collections.emptySet();
        }
        Set<OcrErrorCode> codes = EnumSet.noneOf(OcrErrorCode.class);
        for (String part : list.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            codes.add(parseName(field, name));
        }
        return Collections.unmodifiableSet(codes);
    }

    private static OcrErrorCode parseName(String field, String name) {
        for (OcrErrorCode code : values()) {
            if (code.wireName != null && code.wireName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return code;
            }
        }
        throw new IllegalArgumentException(
                field + ": unknown error code '" + name + "'; valid codes are " + validNames());
    }

    /** The documented names, comma-separated, for error messages and help texts. */
    public static String validNames() {
        return Arrays.stream(values())
                .filter(code -> code.wireName != null)
                .map(OcrErrorCode::wireName)
                .collect(Collectors.joining(", "));
    }
}
