package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How to reach and log in to the Cora server; shared by {@code status} and {@code wait}. */
final class ConnectionOptions {
    static final String URL_VARIABLE = "CORA_OCR_URL";
    static final String USER_VARIABLE = "CORA_OCR_USER";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description =
                    "The Cora server, http or https; an empty path gets /SequenceServices/coraOcrIntegration_v1.0.0.asmx."
                            + " Default: $" + URL_VARIABLE + ".")
    private String url;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "HTTP Basic user name. Default: $" + USER_VARIABLE + ".")
    private String user;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "Read the password from this environment variable. Without this option and --password-file: $"
                    + PasswordSource.PASSWORD_VARIABLE + ".")
    private String passwordVariable;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "Read the password from the first line of this file.")
    private Path passwordFile;

    @Option(
            names = "--soap",
            paramLabel = "VERSION",
            converter = SoapVersionConverter.class,
            description = "SOAP version, 1.1 or 1.2 (default: ${DEFAULT-VALUE}).",
            defaultValue = "1.1")
    private SoapVersion soapVersion;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "Time allowed to open a connection (default: ${DEFAULT-VALUE}).")
    private Duration connectTimeout;

    @Option(
            names = "--read-timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            defaultValue = "30s",
            description = "Time allowed for one answer (default: ${DEFAULT-VALUE}).")
    private Duration readTimeout;

    /**
     * Checks every setting and builds the client; nothing is sent yet.
     *
     * @throws ParameterException for any bad or missing setting, so that it exits with the usage code
     */
    CoraOcrClient createClient(Map<String, String> env) {
        String serverUrl = firstOf(url, env.get(URL_VARIABLE));
        if (serverUrl == null) {
            throw usage("--url is required (or set " + URL_VARIABLE + ")");
        }
        String userName = firstOf(user, env.get(USER_VARIABLE));
        Optional<String> password;
        try {
            CoraOcrClient.resolveEndpoint(serverUrl);
        } catch (IllegalArgumentException e) {
            throw usage((firstOf(url, null) == null ? URL_VARIABLE : "--url") + ": " + e.getMessage());
        }
        try {
            password = PasswordSource.resolve(passwordVariable, passwordFile, env);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (userName == null && password.isPresent()) {
            throw usage("a password is given (--password-env, --password-file or " + PasswordSource.PASSWORD_VARIABLE
                    + ") but no user: add --user or set " + USER_VARIABLE);
        }
        if (userName != null && password.isEmpty()) {
            throw usage("--user needs a password: --password-env VAR, --password-file FILE or "
                    + PasswordSource.PASSWORD_VARIABLE);
        }
        CoraOcrClient.Builder builder = CoraOcrClient.builder(serverUrl).soapVersion(soapVersion);
        apply("--user", () -> builder.credentials(userName, password.orElse(null)));
        apply("--connect-timeout", () -> builder.connectTimeout(connectTimeout));
        apply("--read-timeout", () -> builder.readTimeout(readTimeout));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void apply(String option, Runnable setting) {
        OptionCheck.apply(spec.commandLine(), option, setting);
    }

    private ParameterException usage(String message) {
        return OptionCheck.usage(spec.commandLine(), message);
    }

    private static String firstOf(String option, String fallback) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return fallback == null || fallback.isBlank() ? null : fallback;
    }
}
