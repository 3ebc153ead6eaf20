package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files named on the command line: only a regular file of bounded size is read, and anything else is a
 * usage error that names the option, the file and why, in plain words. Reading {@code /dev/zero} once ended
 * in an OutOfMemoryError; a FIFO would block forever.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileArgumentsTest {
    private static CoraOcrSimulator simulator;
    private static String url;

    @TempDir
    Path directory;

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

    /** The same rules for every file option. */
    @ParameterizedTest
    @ValueSource(strings = {"--password-file", "--ca-file", "--scenario"})
    void aMissingFileIsNamedInPlainWords(String option) {
        Path missing = directory.resolve("missing.txt");

        Cli.Result result = withFile(option, missing);

        assertUsageError(result, option + ": cannot use " + missing + ": there is no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--password-file", "--ca-file", "--scenario"})
    void anEmptyFileNameIsNotTakenForTheCurrentDirectory(String option) {
        Cli.Result result = withFile(option, Path.of(""));

        assertUsageError(result, option + ": the file name is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--password-file", "--ca-file", "--scenario"})
    void aDirectoryIsNamedAsOne(String option) {
        Cli.Result result = withFile(option, directory);

        assertUsageError(result, option + ": cannot use " + directory + ": it is a directory, not a file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--password-file", "--ca-file", "--scenario"})
    void aDeviceIsNotReadAtAll(String option) {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero exists on Linux and macOS");

        Cli.Result result = withFile(option, zero);

        assertUsageError(result, option + ": cannot use /dev/zero: it is not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--password-file", "--ca-file", "--scenario"})
    void aFifoIsNotOpened(String option) throws Exception {
        Path fifo = directory.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");

        Cli.Result result = withFile(option, fifo);

        assertUsageError(result, option + ": cannot use " + fifo + ": it is not a regular file");
    }

    @Test
    void aPasswordFileLargerThan64KiBIsRefused() throws IOException {
        Path big = Files.writeString(directory.resolve("big.txt"), "x".repeat(64 * 1024 + 1));

        Cli.Result result = withFile("--password-file", big);

        assertUsageError(result, "--password-file: cannot use " + big + ": it is larger than 64 KiB");
    }

    @Test
    void aPasswordFileOf64KiBIsRead() throws IOException {
        Path exact = Files.writeString(directory.resolve("exact.txt"), "p".repeat(64 * 1024));

        Cli.Result result = withFile("--password-file", exact);

        // Read and sent: the simulator needs no login, so the status is read.
        assertThat(result.exitCode()).as("%s", result).isZero();
    }

    @Test
    void aPasswordFileThatIsNotUtf8IsRefused() throws IOException {
        Path latin1 = Files.write(directory.resolve("latin1.txt"), "gr\u00fcn".getBytes(StandardCharsets.ISO_8859_1));

        Cli.Result result = withFile("--password-file", latin1);

        assertUsageError(result, "--password-file: cannot use " + latin1 + ": it is not UTF-8 text");
    }

    @Test
    void anEmptyPasswordFileIsRefused() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty.txt"), "\n");

        Cli.Result result = withFile("--password-file", empty);

        assertUsageError(result, "--password-file: the first line of " + empty + " is empty");
    }

    @Test
    void anEmptyCaFileIsRefused() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "\n");

        Cli.Result result = withFile("--ca-file", empty);

        assertUsageError(result, "--ca-file: " + empty + ": the file is empty");
    }

    @Test
    void aCaFileThatIsNotPemSaysWhatItExpected() throws IOException {
        Path notPem = Files.writeString(directory.resolve("ca.pem"), "hello\n");

        Cli.Result result = withFile("--ca-file", notPem);

        assertUsageError(
                result,
                "--ca-file: " + notPem + ": no certificate found: expected PEM text with -----BEGIN CERTIFICATE-----");
    }

    @Test
    void aBrokenSecondCertificateIsNamedByPositionAndLine() throws IOException {
        String good = TestCertificates.authority().pem();
        Path file = Files.writeString(directory.resolve("bundle.pem"), good + TestCertificates.brokenPem());
        int line = (int) good.lines().count() + 1;

        Cli.Result result = withFile("--ca-file", file);

        assertUsageError(
                result, "--ca-file: " + file + ": certificate 2 (line " + line + ") is not an X.509 certificate");
    }

    @Test
    void theCaFileVariableIsNamedWhenItsFileIsWrong() {
        Path missing = directory.resolve("company-ca.pem");

        Cli.Result result =
                Cli.run(Map.of("CORA_OCR_CA_FILE", missing.toString()), "status", "--url", url, "--workflow-id", "7");

        assertUsageError(result, "CORA_OCR_CA_FILE: cannot use " + missing + ": there is no such file");
    }

    @Test
    void aScenarioWithAJsonSyntaxErrorNamesLineAndColumnWithoutTheFile() throws IOException {
        String json = "{\n  \"workflows\": {\n    \"7\": [\n      {\"status\": \"Queued\",}\n    ]\n  }\n}\n";
        Path file = Files.writeString(directory.resolve("broken.json"), json);

        Cli.Result result = Cli.run("simulate", "--port", "0", "--scenario", file.toString());

        assertUsageError(result, "--scenario: " + file + ": at /workflows/7/0 (line 4, column 27): invalid JSON: ");
        assertThat(result.err()).doesNotContain("Source").doesNotContain("\"workflows\"");
    }

    private Cli.Result withFile(String option, Path file) {
        List<String> args = option.equals("--scenario")
                ? List.of("simulate", "--port", "0", "--scenario", file.toString())
                : Stream.concat(
                                Stream.of("status", "--url", url, "--workflow-id", "7", option, file.toString()),
                                option.equals("--password-file") ? Stream.of("--user", "bob") : Stream.of())
                        .toList();
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertUsageError(Cli.Result result, String expectedMessage) {
        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains(expectedMessage);
        assertThat(result.out()).isEmpty();
        BadInputTest.assertPlainWords(result.err());
        assertThat(simulator.requests()).isEmpty();
    }
}
