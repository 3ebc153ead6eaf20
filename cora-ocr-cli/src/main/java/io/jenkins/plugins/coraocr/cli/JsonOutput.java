package io.jenkins.plugins.coraocr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Prints the one JSON object that {@code --json} promises on stdout. */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {}

    static void print(PrintStream out, Map<String, Object> object) {
        try {
            out.println(MAPPER.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
