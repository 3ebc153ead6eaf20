package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.client.TrustedCertificates;
import io.jenkins.plugins.coraocr.client.gate.Remedies;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How to reach and log in to the Cora server; shared by {@code status} and {@code wait}. */
final class ConnectionOptions {
    static final String URL_VARIABLE = "CORA_OCR_URL";
    static final String USER_VARIABLE = "CORA_OCR_USER";
    static final String AUTH_VARIABLE = "CORA_OCR_AUTH";
    static final String CA_FILE_VARIABLE = "CORA_OCR_CA_FILE";
    /** Room for a large company bundle; the whole Mozilla CA list is about 220 KiB. */
    static final int MAX_CA_FILE_BYTES = 1024 * 1024;

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
            names = "--auth",
            paramLabel = "basic|ntlm",
            description = "HTTP Basic, or Windows authentication (NTLM) with --user DOMAIN\\user or user@domain."
                    + " Default: $" + AUTH_VARIABLE + ", else basic.")
    private String authentication;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "User name (for ntlm DOMAIN\\user or user@domain). Default: $" + USER_VARIABLE + ".")
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
            description = "Read the password from the first line of this file (a regular file of at most 64 KiB).")
    private Path passwordFile;

    @Option(
            names = "--ca-file",
            paramLabel = "FILE",
            description = "PEM file of CA certificates to trust in addition to Java's own, for a server whose"
                    + " certificate comes from a company CA. Default: $" + CA_FILE_VARIABLE + ".")
    private Path caFile;

    @Option(
            names = "--proxy",
            paramLabel = "URL",
            description = "HTTP proxy, http://[user@]host:port; the proxy user's password comes from $"
                    + ProxyChoice.PASSWORD_VARIABLE + ". Default: from the environment or the JVM (see below).")
    private String proxy;

    @Option(
            names = "--no-proxy",
            paramLabel = "LIST",
            description = "Hosts reached without the proxy, comma separated: names (with their subdomains),"
                    + " .domain suffixes, addresses, CIDR ranges, or *. Default: see below.")
    private String noProxy;

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
            converter = DurationConverter.RequestTimeout.class,
            defaultValue = "10s",
            description = "Time allowed to open a connection, TLS and proxy included (default: ${DEFAULT-VALUE}).")
    private Duration connectTimeout;

    @Option(
            names = "--read-timeout",
            paramLabel = "DUR",
            converter = DurationConverter.RequestTimeout.class,
            defaultValue = "30s",
            description = "Time allowed for one whole answer (default: ${DEFAULT-VALUE}).")
    private Duration readTimeout;

    /**
     * A client, whether it sends a password over plain http (the start line warns about it), and the
     * remedies that name this connection's settings.
     */
    record Connection(CoraOcrClient client, boolean credentialsOverPlainHttp, Remedies remedies) {}

    /**
     * Checks every setting and builds the client; nothing is sent yet.
     *
     * @throws ParameterException for any bad or missing setting, so that it exits with the usage code
     */
    Connection connect(CommandContext context) {
        Map<String, String> env = context.env();
        String serverUrl = firstOf(url, env.get(URL_VARIABLE));
        if (serverUrl == null) {
            throw usage("--url is required (or set " + URL_VARIABLE + ")");
        }
        URI endpoint = check(
                firstOf(url, null) != null ? "--url" : URL_VARIABLE, () -> CoraOcrClient.resolveEndpoint(serverUrl));
        Authentication auth = authentication(env);
        String userName = firstOf(user, env.get(USER_VARIABLE));
        Optional<String> password = check(null, () -> PasswordSource.resolve(passwordVariable, passwordFile, env));
        checkAccount(auth, userName, password);
        CoraOcrClient.Builder builder = CoraOcrClient.builder(serverUrl)
                .soapVersion(soapVersion)
                .authentication(auth)
                .trustedCertificates(trustedCertificates(env))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout);
        check("--user", () -> builder.credentials(userName, password.orElse(null)));
        ProxyChoice.Chosen chosenProxy = check(
                        null,
                        () -> new ProxyChoice(env, context.properties(), context.err()::println)
                                .choose(proxy, noProxy, endpoint))
                .orElse(null);
        builder.proxy(chosenProxy == null ? null : chosenProxy.proxy());
        CoraOcrClient client = check(null, builder::build);
        // Basic sends the password itself with every request; an NTLM logon never sends it.
        boolean clearPassword =
                userName != null && auth == Authentication.BASIC && "http".equalsIgnoreCase(endpoint.getScheme());
        return new Connection(client, clearPassword, CliSettingNames.forProxy(chosenProxy));
    }

    private Authentication authentication(Map<String, String> env) {
        String text = firstOf(authentication, env.get(AUTH_VARIABLE));
        if (text == null) {
            return Authentication.BASIC;
        }
        return check(
                firstOf(authentication, null) != null ? "--auth" : AUTH_VARIABLE, () -> Authentication.fromLabel(text));
    }

    private void checkAccount(Authentication auth, String userName, Optional<String> password) {
        if (auth == Authentication.NTLM && userName == null) {
            throw usage("--auth ntlm needs --user DOMAIN\\user (or user@domain) and a password (--password-env,"
                    + " --password-file or " + PasswordSource.PASSWORD_VARIABLE + ")");
        }
        if (userName == null && password.isPresent()) {
            throw usage("a password is given (--password-env, --password-file or " + PasswordSource.PASSWORD_VARIABLE
                    + ") but no user: add --user or set " + USER_VARIABLE);
        }
        if (userName != null && password.isEmpty()) {
            throw usage("--user needs a password: --password-env VAR, --password-file FILE or "
                    + PasswordSource.PASSWORD_VARIABLE);
        }
    }

    private TrustedCertificates trustedCertificates(Map<String, String> env) {
        String variable = firstOf(null, env.get(CA_FILE_VARIABLE));
        if (caFile == null && variable == null) {
            return TrustedCertificates.none();
        }
        String source = caFile != null ? "--ca-file" : CA_FILE_VARIABLE;
        Path file = caFile != null ? caFile : Path.of(variable);
        String pem = check(null, () -> SmallFile.read(source, file, MAX_CA_FILE_BYTES));
        if (pem.isBlank()) {
            // fromPem takes blank text for "none"; a file named on purpose must hold a certificate.
            throw usage(source + ": " + file + ": the file is empty; expected PEM text with -----BEGIN CERTIFICATE-----"
                    + " blocks");
        }
        // fromPem names the certificate by its position and line.
        return check(source + ": " + file, () -> TrustedCertificates.fromPem(pem));
    }

    /**
     * Runs one check; its IllegalArgumentException becomes a usage error, its message prefixed with
     * {@code source} (the option, variable or file) unless it already starts with it or source is null.
     */
    private <T> T check(String source, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw usage(source == null || message.startsWith(source) ? message : source + ": " + message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String firstOf(String option, String fallback) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return fallback == null || fallback.isBlank() ? null : fallback;
    }
}
