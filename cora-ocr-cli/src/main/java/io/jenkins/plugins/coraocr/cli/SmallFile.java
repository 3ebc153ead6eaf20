package io.jenkins.plugins.coraocr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A small text file named on the command line (a password, CA certificates, a scenario). Only a regular
 * file of bounded size is read: a directory, a FIFO or a device such as {@code /dev/zero} would block or
 * never end. Every problem is said in plain words, naming the option and the file.
 */
final class SmallFile {
    private SmallFile() {}

    /**
     * @param option the option (or variable) that named the file, for messages
     * @throws IllegalArgumentException naming the option, the file and what is wrong with it
     */
    static String read(String option, Path file, int maxBytes) {
        check(option, file, maxBytes);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // The size was checked, but a file can grow meanwhile; never read more than the limit.
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw problem(option, file, why(e));
        }
        if (bytes.length > maxBytes) {
            throw problem(option, file, tooLarge(maxBytes));
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw problem(option, file, "it is not UTF-8 text");
        }
    }

    /**
     * Checks that {@code file} is a regular file of at most {@code maxBytes}, for readers that open it
     * themselves.
     *
     * @throws IllegalArgumentException naming the option, the file and what is wrong with it
     */
    static void check(String option, Path file, int maxBytes) {
        if (file.toString().isBlank()) {
            // An empty name is the current directory to Java; the user meant a file and forgot to name it.
            throw new IllegalArgumentException(option + ": the file name is empty");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw problem(option, file, why(e));
        }
        if (attributes.isDirectory()) {
            throw problem(option, file, "it is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw problem(
                    option,
                    file,
                    "it is not a regular file (a device, a pipe or a socket), which could block or never end");
        }
        if (attributes.size() > maxBytes) {
            throw problem(option, file, tooLarge(maxBytes));
        }
    }

    private static String tooLarge(int maxBytes) {
        return "it is larger than " + (maxBytes % 1024 == 0 ? maxBytes / 1024 + " KiB" : maxBytes + " bytes");
    }

    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "there is no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? "it cannot be read" : "it cannot be read (" + e.getMessage() + ")";
    }

    private static IllegalArgumentException problem(String option, Path file, String why) {
        return new IllegalArgumentException(option + ": cannot use " + file + ": " + why);
    }
}
