package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad usage or input exits 2 with a message naming the problem, and nothing reaches the server. */
class BadInputTest {
    private static CoraOcrSimulator simulator;
    private static String url;

    @BeforeAll
    static void startSimulator() {
        simulator = CoraOcrSimulator.start();
        url = simulator.endpointUrl().toString();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void forgetRequests() {
        simulator.clearRequests();
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                bad("'5x' is not a valid duration", "wait", "--url", "URL", "--workflow-id", "7", "--timeout", "5x"),
                bad("--poll-interval", "wait", "--url", "URL", "--workflow-id", "7", "--poll-interval", "-3s"),
                bad(
                        "poll interval must be at least 100ms",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--poll-interval",
                        "50ms"),
                bad("--timeout must be longer than 0", "wait", "--url", "URL", "--workflow-id", "7", "--timeout", "0"),
                bad("--read-timeout", "status", "--url", "URL", "--workflow-id", "7", "--read-timeout", "1 minute"),
                bad("--connect-timeout", "status", "--url", "URL", "--workflow-id", "7", "--connect-timeout", "0s"),
                bad("'0' is not a workflow id", "wait", "--url", "URL", "--workflow-id", "0"),
                bad("'-1' is not a workflow id", "wait", "--url", "URL", "--workflow-id", "-1"),
                bad("'abc' is not a workflow id", "status", "--url", "URL", "--workflow-id", "abc"),
                bad(
                        "'9223372036854775808' is not a workflow id",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "9223372036854775808"),
                bad("Missing required option: '--workflow-id=ID'", "wait", "--url", "URL"),
                bad(
                        "valid codes are NoError, TimedOut,",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--accept-error-codes",
                        "NoError,Bogus"),
                bad(
                        "--unstable-error-codes: unknown error code 'Nope'",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--unstable-error-codes",
                        "Nope"),
                bad(
                        "both accepted and unstable",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--accept-error-codes",
                        "TimedOut",
                        "--unstable-error-codes",
                        "timedout"),
                bad("--max-errors", "wait", "--url", "URL", "--workflow-id", "7", "--max-errors", "0"),
                bad("SOAP version must be 1.1 or 1.2", "status", "--url", "URL", "--workflow-id", "7", "--soap", "1.3"),
                bad(
                        "--url: server URL 'not a url' is not a valid URL",
                        "status",
                        "--url",
                        "not a url",
                        "--workflow-id",
                        "7"),
                bad("must start with http:// or https://", "status", "--url", "ftp://127.0.0.1/", "--workflow-id", "7"),
                bad(
                        "must not contain a user name or password",
                        "status",
                        "--url",
                        "http://bob:" + Cli.PASSWORD + "@127.0.0.1/",
                        "--workflow-id",
                        "7"),
                bad("--url is required (or set CORA_OCR_URL)", "status", "--workflow-id", "7"),
                bad(
                        "environment variable UNSET_VARIABLE is not set",
                        "status",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--user",
                        "bob",
                        "--password-env",
                        "UNSET_VARIABLE"),
                bad(
                        "name not shown",
                        "status",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--user",
                        "bob",
                        "--password-env",
                        Cli.PASSWORD),
                bad(
                        "cannot be used together",
                        "status",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--user",
                        "bob",
                        "--password-env",
                        "OCR_SECRET",
                        "--password-file",
                        "password.txt"),
                bad(
                        "--password-file: cannot read",
                        "status",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--user",
                        "bob",
                        "--password-file",
                        "no-such-file.txt"),
                bad("--user needs a password", "status", "--url", "URL", "--workflow-id", "7", "--user", "bob"),
                bad("but no user", "status", "--url", "URL", "--workflow-id", "7", "--password-env", "OCR_SECRET"),
                bad(
                        "--user: user name must not contain ':'",
                        "status",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--user",
                        "bob:x",
                        "--password-env",
                        "OCR_SECRET"),
                bad(
                        "there is no option that takes a password",
                        "status",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--user",
                        "bob",
                        "--password",
                        Cli.PASSWORD),
                bad(
                        "there is no option that takes a password",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "7",
                        "--password=" + Cli.PASSWORD),
                bad("Unknown option: '--frobnicate'", "status", "--url", "URL", "--workflow-id", "7", "--frobnicate"),
                bad("a command is required"),
                bad("Unmatched argument at index 0: 'stauts'", "stauts"));
    }

    private static Arguments bad(String expectedMessage, String... args) {
        return Arguments.of(expectedMessage, args);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badCommandLines")
    void exits2BeforeAnyRequest(String expectedMessage, String[] args) {
        String[] withUrl =
                Arrays.stream(args).map(arg -> arg.equals("URL") ? url : arg).toArray(String[]::new);

        Cli.Result result = Cli.run(Map.of("OCR_SECRET", Cli.PASSWORD), withUrl);

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains(expectedMessage).contains("--help' for more information");
        assertThat(result.out()).isEmpty();
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void emptyPasswordFileIsBadInput(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("empty.txt"), "\n");

        Cli.Result result = Cli.run(
                "status", "--url", url, "--workflow-id", "7", "--user", "bob", "--password-file", file.toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("is empty");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void badUrlFromTheEnvironmentNamesTheVariable() {
        Cli.Result result = Cli.run(Map.of("CORA_OCR_URL", "ftp://127.0.0.1/"), "status", "--workflow-id", "7");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("CORA_OCR_URL: server URL 'ftp://127.0.0.1/'");
        assertThat(simulator.requests()).isEmpty();
    }
}
