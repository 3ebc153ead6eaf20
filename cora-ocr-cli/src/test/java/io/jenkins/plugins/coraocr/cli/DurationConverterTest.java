package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    @ParameterizedTest
    @CsvSource({
        "500ms, 500", "15s, 15000", "10m, 600000", "2h, 7200000", "PT15S, 15000", "pt1m30s, 90000",
        "30, 30000", "1.5, 1500", "1.5s, 1500", "0, 0", "' 15s ', 15000", "15S, 15000"
    })
    void acceptsTheDocumentedForms(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5x", "s", "1d", "-5s", "PT-5S", "1m30s", "15 s", "ten", "99999999999999999999h"})
    void rejectsEverythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'" + text + "' is not a valid duration");
    }
}
