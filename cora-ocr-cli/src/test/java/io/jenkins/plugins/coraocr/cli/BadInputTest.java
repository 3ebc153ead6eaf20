package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad usage or input exits 2 with one plain line naming the option, the value as typed and the problem,
 * and nothing reaches the server.
 */
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
                wait("Invalid value for option '--timeout': '5x' is not a valid duration", "--timeout", "5x"),
                wait(
                        "Invalid value for option '--poll-interval': '-3s' is not a valid duration",
                        "--poll-interval",
                        "-3s"),
                wait(
                        "Invalid value for option '--poll-interval': '50ms' is too short: polls are at least 100ms apart",
                        "--poll-interval",
                        "50ms"),
                wait(
                        "Invalid value for option '--poll-interval': '2d' is not a valid duration",
                        "--poll-interval",
                        "2d"),
                wait(
                        "Invalid value for option '--poll-interval': '25h' is too long: at most a day",
                        "--poll-interval",
                        "25h"),
                wait(
                        "Invalid value for option '--timeout': '0' is too short: every wait needs a deadline",
                        "--timeout",
                        "0"),
                wait("Invalid value for option '--timeout': '0.0004' is too short", "--timeout", "0.0004"),
                wait(
                        "Invalid value for option '--timeout': '9000h' is too long: at most 366 days",
                        "--timeout",
                        "9000h"),
                status(
                        "Invalid value for option '--read-timeout': '1 minute' is not a valid duration",
                        "--read-timeout",
                        "1 minute"),
                status(
                        "Invalid value for option '--read-timeout': '0' is too short: a timeout must be at least 1ms"
                                + " (0 would mean none)",
                        "--read-timeout",
                        "0"),
                status("Invalid value for option '--read-timeout': '0.0004' is too short", "--read-timeout", "0.0004"),
                wait(
                        "Invalid value for option '--read-timeout': '1000h' is too long: at most 24 days",
                        "--read-timeout",
                        "1000h"),
                status("Invalid value for option '--connect-timeout': '0s' is too short", "--connect-timeout", "0s"),
                status("Invalid value for option '--connect-timeout': '0' is too short", "--connect-timeout", "0"),
                bad(
                        "Invalid value for option '--workflow-id': '0' is not a workflow id: it must be a whole number"
                                + " from 1 to 9223372036854775807",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "0"),
                bad("'-1' is not a workflow id", "wait", "--url", "URL", "--workflow-id", "-1"),
                bad("'12.7' is not a workflow id", "wait", "--url", "URL", "--workflow-id", "12.7"),
                bad("'abc' is not a workflow id", "status", "--url", "URL", "--workflow-id", "abc"),
                bad(
                        "'9223372036854775808' is not a workflow id",
                        "wait",
                        "--url",
                        "URL",
                        "--workflow-id",
                        "9223372036854775808"),
                bad("Missing required option: '--workflow-id=ID'", "wait", "--url", "URL"),
                wait(
                        "--accept-error-codes: unknown error code 'Bogus'; valid codes are NoError, TimedOut,",
                        "--accept-error-codes",
                        "NoError,Bogus"),
                wait("--unstable-error-codes: unknown error code 'Nope'", "--unstable-error-codes", "Nope"),
                wait(
                        "TimedOut is in both --accept-error-codes and --unstable-error-codes",
                        "--accept-error-codes",
                        "TimedOut",
                        "--unstable-error-codes",
                        "timedout"),
                wait(
                        "Invalid value for option '--max-errors': must be from 1 to 1000000, got '0'",
                        "--max-errors",
                        "0"),
                wait("Invalid value for option '--max-errors': 'many' is not a whole number", "--max-errors", "many"),
                wait("Invalid value for option '--max-errors': '2.5' is not a whole number", "--max-errors", "2.5"),
                wait(
                        "Invalid value for option '--max-errors': a whole number from 1 to 1000000 is required",
                        "--max-errors",
                        " "),
                status("SOAP version must be 1.1 or 1.2", "--soap", "1.3"),
                bad(
                        "--url: server URL 'not a url' is not a valid URL",
                        "status",
                        "--url",
                        "not a url",
                        "--workflow-id",
                        "7"),
                bad(
                        "--url: server URL '127.0.0.1:8089' has no scheme: write https://127.0.0.1:8089 (or"
                                + " http://127.0.0.1:8089)",
                        "status",
                        "--url",
                        "127.0.0.1:8089",
                        "--workflow-id",
                        "7"),
                bad(
                        "--url: server URL 'http://127.0.0.1:99999'",
                        "wait",
                        "--url",
                        "http://127.0.0.1:99999",
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
                bad(
                        "--url: server URL '****@127.0.0.1:8089' must start with http:// or https://",
                        "status",
                        "--url",
                        "bob:" + Cli.PASSWORD + "@127.0.0.1:8089",
                        "--workflow-id",
                        "7"),
                bad(
                        "--url: server URL 'http:/****@127.0.0.1' has no host name",
                        "status",
                        "--url",
                        "http:/bob:" + Cli.PASSWORD + "@127.0.0.1",
                        "--workflow-id",
                        "7"),
                bad("--url is required (or set CORA_OCR_URL)", "status", "--workflow-id", "7"),
                status("--auth: authentication must be basic or ntlm, got 'kerberos'", "--auth", "kerberos"),
                status("--auth ntlm needs --user DOMAIN\\user (or user@domain) and a password", "--auth", "ntlm"),
                status(
                        "--password-env: environment variable UNSET_VARIABLE is not set",
                        "--user",
                        "bob",
                        "--password-env",
                        "UNSET_VARIABLE"),
                status("name not shown", "--user", "bob", "--password-env", Cli.PASSWORD),
                status(
                        "--password-env and --password-file cannot be used together",
                        "--user",
                        "bob",
                        "--password-env",
                        "OCR_SECRET",
                        "--password-file",
                        "password.txt"),
                status("--user needs a password", "--user", "bob"),
                status("but no user", "--password-env", "OCR_SECRET"),
                status("--user: user name must not contain ':'", "--user", "bob:x", "--password-env", "OCR_SECRET"),
                status(
                        "--proxy: '****@127.0.0.1:3128' carries a password, which every user could read on the"
                                + " command line",
                        "--proxy",
                        "bob:" + Cli.PROXY_PASSWORD + "@127.0.0.1:3128"),
                status(
                        "--proxy: 'socks5://127.0.0.1:1080': only http:// proxies are supported",
                        "--proxy",
                        "socks5://127.0.0.1:1080"),
                status(
                        "--proxy: the proxy user bob needs a password: set CORA_OCR_PROXY_PASSWORD",
                        "--proxy",
                        "http://bob@127.0.0.1:3128"),
                status("--proxy: proxy port must be between 1 and 65535", "--proxy", "http://127.0.0.1:0"),
                status(
                        "--no-proxy: 'host!' is not a host name",
                        "--proxy",
                        "http://127.0.0.1:3128",
                        "--no-proxy",
                        "localhost,host!"),
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
                status("Unknown option: '--frobnicate'", "--frobnicate"),
                bad("a command is required"),
                bad("Unmatched argument at index 0: 'stauts'", "stauts"));
    }

    private static Arguments bad(String expectedMessage, String... args) {
        return Arguments.of(expectedMessage, args);
    }

    /** {@code status} on the simulator, with {@code extra} options. */
    private static Arguments status(String expectedMessage, String... extra) {
        return bad(
                expectedMessage,
                Stream.concat(Stream.of("status", "--url", "URL", "--workflow-id", "7"), Arrays.stream(extra))
                        .toArray(String[]::new));
    }

    /** {@code wait} on the simulator, with {@code extra} options. */
    private static Arguments wait(String expectedMessage, String... extra) {
        return bad(
                expectedMessage,
                Stream.concat(Stream.of("wait", "--url", "URL", "--workflow-id", "7"), Arrays.stream(extra))
                        .toArray(String[]::new));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badCommandLines")
    void exits2BeforeAnyRequest(String expectedMessage, String[] args) {
        String[] withUrl =
                Arrays.stream(args).map(arg -> arg.equals("URL") ? url : arg).toArray(String[]::new);

        Cli.Result result = Cli.run(Map.of("OCR_SECRET", Cli.PASSWORD), withUrl);

        assertUsageError(result, expectedMessage);
    }

    @Test
    void badUrlFromTheEnvironmentNamesTheVariable() {
        Cli.Result result = Cli.run(Map.of("CORA_OCR_URL", "ftp://127.0.0.1/"), "status", "--workflow-id", "7");

        assertUsageError(result, "CORA_OCR_URL: server URL 'ftp://127.0.0.1/'");
    }

    @Test
    void aUrlFromTheEnvironmentNeverShowsItsPassword() {
        Cli.Result result = Cli.run(
                Map.of("CORA_OCR_URL", "bob:" + Cli.PASSWORD + "@127.0.0.1:8089"), "status", "--workflow-id", "7");

        assertUsageError(result, "CORA_OCR_URL: server URL '****@127.0.0.1:8089'");
    }

    @Test
    void badAuthenticationFromTheEnvironmentNamesTheVariable() {
        Cli.Result result = Cli.run(Map.of("CORA_OCR_AUTH", "digest"), "status", "--url", url, "--workflow-id", "7");

        assertUsageError(result, "CORA_OCR_AUTH: authentication must be basic or ntlm, got 'digest'");
    }

    @Test
    void badProxyFromTheEnvironmentNamesTheVariableAndNotItsPassword() {
        Cli.Result result = Cli.run(
                Map.of("http_proxy", "http://bob:" + Cli.PROXY_PASSWORD + "@proxy.invalid:99999"),
                "status",
                "--url",
                url,
                "--workflow-id",
                "7");

        assertUsageError(result, "http_proxy: ");
    }

    @Test
    void badNoProxyFromTheEnvironmentNamesTheVariable() {
        Cli.Result result = Cli.run(
                Map.of("http_proxy", "http://127.0.0.1:3128", "NO_PROXY", "10.0.0.0/99"),
                "status",
                "--url",
                url,
                "--workflow-id",
                "7");

        assertUsageError(result, "NO_PROXY: '10.0.0.0/99' is not a CIDR range");
    }

    @Test
    void badJvmProxyPortNamesTheProperty() {
        Cli.Result result = Cli.run(
                Map.of(),
                Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", "eighty"),
                StopSignals.NONE,
                "status",
                "--url",
                url,
                "--workflow-id",
                "7");

        assertUsageError(result, "-Dhttp.proxyPort: 'eighty' is not a port number");
    }

    /** Exit 2, the expected line, where to get help, nothing on stdout, nothing sent, and no Java in sight. */
    static void assertUsageError(Cli.Result result, String expectedMessage) {
        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains(expectedMessage).contains("--help' for more information");
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).doesNotContain(Cli.PASSWORD).doesNotContain(Cli.PROXY_PASSWORD);
        assertPlainWords(result.err());
        assertThat(simulator.requests()).isEmpty();
    }

    /** What a user reads names no Java class and no Java type or duration format. */
    static void assertPlainWords(String text) {
        assertThat(text)
                // NoError and InternalError are OCR error codes, not Java classes.
                .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|(?<!Internal)(?<!No)Error)\\b")
                .doesNotContainPattern("\\bjava\\.[a-z]")
                .doesNotContain("is not an int")
                .doesNotContain("PT0S")
                .doesNotContain(" ns");
    }
}
