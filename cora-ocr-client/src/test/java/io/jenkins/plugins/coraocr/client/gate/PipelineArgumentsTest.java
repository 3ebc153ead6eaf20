package io.jenkins.plugins.coraocr.client.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.coraocr.client.OcrErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The step's arguments as Pipeline passes them: Groovy's numbers, strings, GStrings already flattened. */
class PipelineArgumentsTest {
    private static GateRequest parse(Object... pairs) {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.put((String) pairs[i], pairs[i + 1]);
        }
        return PipelineArguments.parse(raw);
    }

    static Stream<Object> acceptedIds() {
        return Stream.of(
                42, 42L, "42", "42\n", " 42 ", new BigDecimal("42"), new BigDecimal("42.0"), BigInteger.valueOf(42));
    }

    @ParameterizedTest
    @MethodSource("acceptedIds")
    void workflowIdAcceptsWhatPipelinesPass(Object id) {
        assertThat(parse("workflowId", id).workflowId()).isEqualTo(42);
    }

    @Test
    void theLargestIdIsTheLargestLong() {
        assertThat(parse("workflowId", "9223372036854775807").workflowId()).isEqualTo(Long.MAX_VALUE);
    }

    static Stream<Arguments> rejectedIds() {
        return Stream.of(
                Arguments.of(new BigDecimal("12.7"), "workflowId: 12.7 is not a workflow id"),
                Arguments.of("12.7", "workflowId: '12.7' is not a workflow id"),
                Arguments.of("abc", "workflowId: 'abc' is not a workflow id"),
                Arguments.of(0, "workflowId: 0 is not a workflow id"),
                Arguments.of(-1, "workflowId: -1 is not a workflow id"),
                Arguments.of("9223372036854775808", "workflowId: '9223372036854775808' is not a workflow id"),
                Arguments.of(new BigInteger("18446744073709551616"), "workflowId: 18446744073709551616 is not a"),
                Arguments.of(true, "workflowId: true is not a workflow id"),
                Arguments.of("4\n2", "workflowId: '4\\n2' is not a workflow id"),
                Arguments.of(null, "workflowId: required"),
                Arguments.of("", "workflowId: required"));
    }

    @ParameterizedTest
    @MethodSource("rejectedIds")
    void workflowIdRejectsEverythingElseNamingTheParameterAndTheValue(Object id, String message) {
        assertThatThrownBy(() -> parse("workflowId", id))
                .isInstanceOf(ArgumentException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((ArgumentException) e).parameter()).isEqualTo("workflowId"));
    }

    @Test
    void defaultsApplyToWhatIsLeftOut() {
        GateRequest request = parse("workflowId", 1);
        assertThat(request.options().pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(request.options().timeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(request.options().maxConsecutiveErrors()).isEqualTo(10);
        assertThat(request.server()).isNull();
        assertThat(request.propagate()).isTrue();
        assertThat(request.quiet()).isFalse();
    }

    @Test
    void numbersMayBeGroovyNumbersOrStringsAndDurationsMayHaveFractions() {
        GateRequest request = parse(
                "workflowId", 1,
                "pollIntervalSeconds", new BigDecimal("0.5"),
                "timeoutMinutes", "1.5",
                "maxErrors", "3",
                "server", " prod ",
                "acceptErrorCodes", "outputfileexists, TimedOut",
                "unstableErrorCodes", List.of("InternalError"),
                "propagate", "false",
                "quiet", true);
        assertThat(request.options().pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(request.options().timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(request.options().maxConsecutiveErrors()).isEqualTo(3);
        assertThat(request.server()).isEqualTo("prod");
        assertThat(request.options().acceptErrorCodes())
                .containsExactlyInAnyOrder(OcrErrorCode.OUTPUT_FILE_EXISTS, OcrErrorCode.TIMED_OUT);
        assertThat(request.options().unstableErrorCodes()).containsExactly(OcrErrorCode.INTERNAL_ERROR);
        assertThat(request.propagate()).isFalse();
        assertThat(request.quiet()).isTrue();
    }

    @Test
    void zeroMinutesMeansNoDeadline() {
        assertThat(parse("workflowId", 1, "timeoutMinutes", 0).options().timeout())
                .isZero();
    }

    static Stream<Arguments> rejectedOptions() {
        return Stream.of(
                Arguments.of("maxErrors", new BigDecimal("2.5"), "maxErrors: 2.5 is not a whole number"),
                Arguments.of("maxErrors", 0, "maxErrors: must be from 1 to 1000000, got 0"),
                Arguments.of("maxErrors", "ten", "maxErrors: 'ten' is not a whole number"),
                Arguments.of(
                        "pollIntervalSeconds", 0.01, "pollIntervalSeconds: must be at least 0.1 seconds, got 0.01"),
                Arguments.of("pollIntervalSeconds", "soon", "pollIntervalSeconds: 'soon' is not a number of seconds"),
                Arguments.of("pollIntervalSeconds", 0, "pollIntervalSeconds: must be at least 0.1 seconds, got 0"),
                Arguments.of("timeoutMinutes", -1, "timeoutMinutes: must not be negative, got -1"),
                Arguments.of(
                        "timeoutMinutes",
                        new BigDecimal("0.000001"),
                        "timeoutMinutes: 0.000001 minutes is less than 1 ms; 0 means none"),
                Arguments.of("timeoutMinutes", 600_000, "timeoutMinutes: must be at most 527040 minutes, got 600000"),
                Arguments.of("acceptErrorCodes", "Bogus", "acceptErrorCodes: unknown error code 'Bogus'"),
                Arguments.of("propagate", "yes", "propagate: 'yes' is neither true nor false"),
                Arguments.of("pollIntervalSecond", 5, "pollIntervalSecond: waitForOcrWorkflow has no such parameter"));
    }

    @ParameterizedTest
    @MethodSource("rejectedOptions")
    void everyOptionIsCheckedNamingTheParameterAndTheValue(String name, Object value, String message) {
        assertThatThrownBy(() -> parse("workflowId", 1, name, value))
                .isInstanceOf(ArgumentException.class)
                .hasMessageStartingWith(message);
        assertThatThrownBy(() -> PipelineArguments.check(name, value))
                .isInstanceOf(ArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aCodeCannotBeBothAcceptedAndUnstable() {
        assertThatThrownBy(
                        () -> parse("workflowId", 1, "acceptErrorCodes", "TimedOut", "unstableErrorCodes", "timedout"))
                .isInstanceOf(ArgumentException.class)
                .hasMessageContaining("acceptErrorCodes, unstableErrorCodes: an error code cannot be both");
    }
}
