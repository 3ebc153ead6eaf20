package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoraOcrCommandTest {
    @Test
    void helpListsTheCommandsAndExits0() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out())
                .contains(
                        "status",
                        "wait",
                        "simulate",
                        "demo",
                        "CORA_OCR_URL",
                        "CORA_OCR_USER",
                        "CORA_OCR_PASSWORD",
                        "CORA_OCR_AUTH",
                        "CORA_OCR_CA_FILE",
                        "CORA_OCR_PROXY_PASSWORD",
                        "https_proxy");
    }

    @Test
    void waitHelpListsEveryOptionAndTheExitCodes() {
        Cli.Result result = Cli.run("wait", "--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out())
                .contains(
                        "--url",
                        "--workflow-id",
                        "--auth",
                        "--user",
                        "--password-env",
                        "--password-file",
                        "--ca-file",
                        "--proxy",
                        "--no-proxy",
                        "--soap",
                        "--connect-timeout",
                        "--read-timeout",
                        "--poll-interval",
                        "--timeout",
                        "--max-errors",
                        "--accept-error-codes",
                        "--unstable-error-codes",
                        "--json",
                        "3    TIMED_OUT",
                        "4    UNSTABLE",
                        "5    ERROR",
                        "130  CANCELLED  stopped by SIGINT",
                        "143  CANCELLED  stopped by SIGTERM",
                        "CORA_OCR_PROXY_PASSWORD");
        // What polls counts, and the order the proxy is taken from.
        assertThat(result.out().replaceAll("\\s+", " "))
                .contains("'polls' counts the polls the server answered with a status; failed polls do not count")
                .contains("The proxy is the first of: 1. --proxy http://[user@]host:port (its password:"
                        + " CORA_OCR_PROXY_PASSWORD) 2. https_proxy or HTTPS_PROXY for https URLs, http_proxy for http"
                        + " URLs (HTTP_PROXY is ignored, as curl does); they may carry user:password@ 3."
                        + " -Dhttps.proxyHost/-Dhttps.proxyPort or -Dhttp.proxyHost/-Dhttp.proxyPort Hosts reached"
                        + " without it: --no-proxy, else no_proxy or NO_PROXY, else (for a proxy from -D properties)"
                        + " -Dhttp.nonProxyHosts.");
    }

    @Test
    void statusHelpNamesTheConnectionOptionsAndTheProxyOrder() {
        Cli.Result result = Cli.run("status", "--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out())
                .contains("--auth", "--ca-file", "--proxy", "--no-proxy", "CORA_OCR_CA_FILE")
                .contains("The proxy is the first of:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "status --help", "wait --help", "simulate --help", "demo --help"})
    void everyHelpPageFitsIn80ColumnsAndWarnsOfNothing(String command) {
        Cli.Result result = Cli.run(command.split(" "));

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines())
                .allSatisfy(line -> assertThat(line.length()).as("%s", line).isLessThanOrEqualTo(80));
    }

    @Test
    void versionNamesTheProjectVersion() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).startsWith("cora-ocr 1.");
    }
}
