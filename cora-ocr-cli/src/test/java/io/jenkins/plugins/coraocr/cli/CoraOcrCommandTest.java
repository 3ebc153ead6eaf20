package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoraOcrCommandTest {
    @Test
    void helpListsTheCommandsAndExits0() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out())
                .contains("status", "wait", "simulate", "demo", "CORA_OCR_URL", "CORA_OCR_USER", "CORA_OCR_PASSWORD");
    }

    @Test
    void waitHelpListsEveryOptionAndTheExitCodes() {
        Cli.Result result = Cli.run("wait", "--help");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out())
                .contains(
                        "--url",
                        "--workflow-id",
                        "--user",
                        "--password-env",
                        "--password-file",
                        "--soap",
                        "--connect-timeout",
                        "--read-timeout",
                        "--poll-interval",
                        "--timeout",
                        "--max-errors",
                        "--accept-error-codes",
                        "--unstable-error-codes",
                        "--json",
                        "3  TIMED_OUT",
                        "4  UNSTABLE",
                        "5  ERROR");
    }

    @Test
    void versionNamesTheProjectVersion() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).startsWith("cora-ocr 1.");
    }
}
