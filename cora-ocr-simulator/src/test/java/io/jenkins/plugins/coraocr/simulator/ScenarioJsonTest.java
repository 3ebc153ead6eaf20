package io.jenkins.plugins.coraocr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioJsonTest {

    @TempDir
    Path directory;

    @Test
    void exampleFileReadsAsTheSameScenarioTheFluentApiBuilds() throws URISyntaxException {
        Scenario fromFile = Scenario.fromJson(resource("/scenarios/example.json"));

        Scenario expected = Scenario.builder()
                .workflow(
                        42,
                        WorkflowScript.builder()
                                .status("Queued")
                                .times(2)
                                .status("ProcessingInput", "NoError", "x")
                                .forDuration(Duration.ofMillis(500))
                                .httpError(503)
                                .soapFault("Server was unable to process request. ---> boom")
                                .malformedBody()
                                .dropConnection()
                                .status("Completed", "NoError")
                                .delayedBy(Duration.ofSeconds(2))
                                .build())
                .workflow(
                        7,
                        WorkflowScript.builder()
                                .status("Paused", "SomethingNew")
                                .forDuration(Duration.ofMinutes(1))
                                .soapFault(FaultCode.CLIENT, "rejected")
                                .forDuration(Duration.ofMillis(1500))
                                .status("Failed", "InputFileNotFound")
                                .build())
                .fileBatchProgression(FileBatchProgression.polls(2))
                .firstWorkflowId(5000)
                .build();
        assertThat(fromFile).isEqualTo(expected);
    }

    @Test
    void theModuleExampleIsValid() {
        Scenario scenario = Scenario.fromJson(Path.of("examples", "scenario.json"));

        assertThat(scenario.workflows()).containsOnlyKeys(42L, 43L, 44L);
        assertThat(scenario.fileBatchProgression()).contains(FileBatchProgression.lasting(Duration.ofSeconds(3)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown field        | {"workflows": {"42": [{"status": "Queued", "pols": 2}]}}           | /workflows/42/0/pols   | 1:44 | unknown field "pols"
            wrong type           | {"workflows": {"42": [{"status": "Queued", "polls": "two"}]}}      | /workflows/42/0/polls  | 1:44 | expected a whole number, found the string "two"
            negative polls       | {"workflows": {"42": [{"status": "Queued", "polls": -1}]}}         | /workflows/42/0/polls  | 1:44 | polls must be at least 1, not -1
            polls and duration   | {"workflows": {"42": [{"status": "Queued", "polls": 2, "duration": "1s"}]}} | /workflows/42/0/duration | 1:56 | either "polls" or "duration", not both
            unknown fault kind   | {"workflows": {"42": [{"fault": "explode"}]}}                      | /workflows/42/0/fault  | 1:24 | unknown fault kind "explode"
            id not a long        | {"workflows": {"abc": [{"status": "Queued"}]}}                     | /workflows/abc         | 1:16 | workflow id "abc" is not a positive long
            id not positive      | {"workflows": {"0": [{"status": "Queued"}]}}                       | /workflows/0           | 1:16 | workflow id "0" is not a positive long
            bad duration         | {"workflows": {"42": [{"status": "Queued", "duration": "soon"}]}}  | /workflows/42/0/duration | 1:44 | not a duration: "soon"
            status and fault     | {"workflows": {"42": [{"status": "Queued", "fault": "drop"}]}}     | /workflows/42/0        | 1:23 | either "status" or "fault", not both
            neither              | {"workflows": {"42": [{"polls": 3}]}}                              | /workflows/42/0        | 1:23 | needs either "status" or "fault"
            http without status  | {"workflows": {"42": [{"fault": "http"}]}}                         | /workflows/42/0        | 1:23 | an http fault needs "httpStatus"
            http status range    | {"workflows": {"42": [{"fault": "http", "httpStatus": 200}]}}      | /workflows/42/0/httpStatus | 1:41 | between 400 and 599, not 200
            field of other kind  | {"workflows": {"42": [{"fault": "drop", "errorCode": "NoError"}]}} | /workflows/42/0/errorCode | 1:41 | belongs to a status step
            empty script         | {"workflows": {"42": []}}                                          | /workflows/42          | 1:16 | at least one step
            top level field      | {"workflow": {}}                                                   | /workflow              | 1:2  | unknown field "workflow"
            stage both           | {"fileBatch": {"stagePolls": 1, "stageDuration": "1s"}}            | /fileBatch/stageDuration | 1:33 | not both
            stage polls zero     | {"fileBatch": {"stagePolls": 0}}                                   | /fileBatch/stagePolls  | 1:16 | stagePolls must be at least 1, not 0
            """)
    void badScenarioFilesNameFilePlaceAndProblem(
            String name, String json, String pointer, String lineColumn, String problem) throws IOException {
        Path file = write(json);
        String[] position = lineColumn.split(":");

        assertThatThrownBy(() -> Scenario.fromJson(file)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.pointer()).isEqualTo(pointer);
            assertThat(e.line()).isEqualTo(Integer.parseInt(position[0]));
            assertThat(e.column()).isEqualTo(Integer.parseInt(position[1]));
            assertThat(e.problem()).contains(problem);
            assertThat(e.getMessage())
                    .isEqualTo(file + ": at " + pointer + " (line " + position[0] + ", column " + position[1] + "): "
                            + e.problem());
        });
    }

    @Test
    void positionsFollowLinesOfAPrettyFile() throws IOException {
        Path file = write("{\n  \"workflows\": {\n    \"42\": [\n      {\"status\": \"Queued\"},\n"
                + "      {\"status\": \"Queued\", \"polls\": 0}\n    ]\n  }\n}\n");

        assertThatThrownBy(() -> Scenario.fromJson(file))
                .hasMessage(file + ": at /workflows/42/1/polls (line 5, column 28): polls must be at least 1, not 0");
    }

    @Test
    void invalidJsonNamesTheObjectLineAndColumnWhereItBroke() throws IOException {
        Path file = write("{\"workflows\": {\"42\": [{\"status\": \"Queued\",}]}}");

        assertThatThrownBy(() -> Scenario.fromJson(file)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            // The error is in the step object, not in its status "Queued", the last value read before it.
            assertThat(e.pointer()).isEqualTo("/workflows/42/0");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(43);
            assertThat(e.getMessage())
                    .isEqualTo(file + ": at /workflows/42/0 (line 1, column 43): invalid JSON: Unexpected character"
                            + " ('}' (code 125)): was expecting double-quote to start field name");
        });
    }

    @Test
    void invalidJsonOnALaterLineNamesThatLine() throws IOException {
        Path file = write(
                "{\n  \"workflows\": {\n    \"42\": [\n      {\"status\": \"Queued\" \"polls\": 2}\n    ]\n  }\n}\n");

        assertThatThrownBy(() -> Scenario.fromJson(file))
                .hasMessageStartingWith(file + ": at /workflows/42/0 (line 4, column 27): invalid JSON: ")
                .hasMessageContaining("comma");
    }

    @Test
    void anUnclosedObjectNamesWhereItStartsWithoutRepeatingTheFile() throws IOException {
        String json = "{\"workflows\": {\"42\": [{\"status\": \"Queued\"}]}";
        Path file = write(json);

        assertThatThrownBy(() -> Scenario.fromJson(file))
                .hasMessage(file + ": at the top level (line 1, column 45): invalid JSON: Unexpected end-of-input:"
                        + " expected close marker for Object (start marker at line 1, column 1)")
                .message()
                .doesNotContain("Source", json);
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        Path file = write("{\"workflows\": {\"42\": [{\"status\": \"Queued\"}], \"42\": [{\"status\": \"Failed\"}]}}");

        assertThatThrownBy(() -> Scenario.fromJson(file)).hasMessageContaining("Duplicate field '42'");
    }

    @Test
    void aMissingFileIsReportedWithItsName() {
        Path file = directory.resolve("absent.json");

        assertThatThrownBy(() -> Scenario.fromJson(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ": at the top level: cannot be read");
    }

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "2s, PT2S",
        "10m, PT10M",
        "1h, PT1H",
        "PT2S, PT2S",
        "3, PT3S",
        "0.25, PT0.25S",
        "1.5s, PT1.5S"
    })
    void durationSpellings(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    private Path write(String json) throws IOException {
        return Files.writeString(directory.resolve("scenario.json"), json);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ScenarioJsonTest.class.getResource(name).toURI());
    }
}
