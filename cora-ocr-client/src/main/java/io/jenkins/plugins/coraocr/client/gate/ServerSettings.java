package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.ProxySettings;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.client.TrustedCertificates;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured Cora server, as an administrator writes it (a form, a configuration file): the rules for
 * each field, and the client such settings make. Each check throws an {@link IllegalArgumentException}
 * whose message starts with the field's name.
 */
public final class ServerSettings {
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;
    public static final int MAX_TIMEOUT_SECONDS = 3600;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String url;
    private final Authentication authentication;
    private final String trustedCertificates;
    private final SoapVersion soapVersion;
    private final int connectTimeoutSeconds;
    private final int readTimeoutSeconds;

    /**
     * @throws IllegalArgumentException naming the first field that is wrong
     */
    public ServerSettings(
            String url,
            Authentication authentication,
            String trustedCertificates,
            SoapVersion soapVersion,
            int connectTimeoutSeconds,
            int readTimeoutSeconds) {
        this.url = checkUrl(url);
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.trustedCertificates = checkTrustedCertificates(trustedCertificates);
        this.soapVersion = Objects.requireNonNull(soapVersion, "soapVersion");
        this.connectTimeoutSeconds = checkTimeout("connectTimeoutSeconds", connectTimeoutSeconds);
        this.readTimeoutSeconds = checkTimeout("readTimeoutSeconds", readTimeoutSeconds);
    }

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit; trimmed. */
    public static String checkName(String name) {
        String value = name == null ? "" : name.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("name: a server name is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "name: " + ArgumentException.shown(value) + " is not a valid server name;"
                            + " use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return value;
    }

    /** An http or https URL the endpoint rule accepts (see {@link CoraOcrClient#builder}); trimmed. */
    public static String checkUrl(String url) {
        String value = url == null ? "" : url.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("url: the server URL is required, e.g. https://cora.example.com");
        }
        try {
            CoraOcrClient.resolveEndpoint(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: " + e.getMessage());
        }
        return value;
    }

    /** PEM text of CA certificates, or blank for none; null when blank. */
    public static String checkTrustedCertificates(String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            TrustedCertificates.fromPem(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trustedCertificates: " + e.getMessage());
        }
        // A form's text area sends CR LF; the same certificates must compare equal however they arrived.
        return pem.trim().replace("\r\n", "\n");
    }

    public static int checkTimeout(String field, int seconds) {
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(
                    field + ": must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds, got " + seconds);
        }
        return seconds;
    }

    /**
     * A timeout as a saved configuration holds it: 0 means the field was missing (saved before it existed, or
     * written by hand) and takes the field's default. Any other value stays as saved, even one out of range:
     * a server that failed to load would be dropped from the configuration at its next save, so the range is
     * checked when the settings are used, by the constructor, whose message names the field.
     */
    public static int savedTimeout(String field, int seconds) {
        int fallback =
                switch (field) {
                    case "connectTimeoutSeconds" -> DEFAULT_CONNECT_TIMEOUT_SECONDS;
                    case "readTimeoutSeconds" -> DEFAULT_READ_TIMEOUT_SECONDS;
                    default -> throw new IllegalArgumentException("no timeout is called " + field);
                };
        return seconds == 0 ? fallback : seconds;
    }

    /**
     * The settings as a form has them (strings; blank takes the default).
     *
     * @throws IllegalArgumentException naming the first field that is wrong
     */
    public static ServerSettings fromForm(
            String url,
            String authentication,
            String trustedCertificates,
            String soapVersion,
            String connect,
            String read) {
        return new ServerSettings(
                url,
                authentication == null || authentication.isBlank()
                        ? Authentication.BASIC
                        : Authentication.fromLabel(authentication),
                trustedCertificates,
                soapVersion == null || soapVersion.isBlank() ? SoapVersion.SOAP_11 : SoapVersion.fromLabel(soapVersion),
                Arguments.wholeNumber(
                        "connectTimeoutSeconds", connect, DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS),
                Arguments.wholeNumber(
                        "readTimeoutSeconds", read, DEFAULT_READ_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS));
    }

    /**
     * What a form says about a URL: where GetStatus goes, and a warning when a password would travel over
     * plain http.
     */
    public static Advice urlAdvice(String url, boolean withCredentials) {
        Advice checked = Advice.of(() -> checkUrl(url));
        if (checked.level() != Advice.Level.OK) {
            return checked;
        }
        java.net.URI endpoint = CoraOcrClient.resolveEndpoint(url.trim());
        return "http".equals(endpoint.getScheme()) && withCredentials
                ? new Advice(
                        Advice.Level.WARNING,
                        "GetStatus goes to " + endpoint + " over plain http: the user name"
                                + " and password travel unencrypted. Use https if the server offers it.")
                : Advice.ok("GetStatus goes to " + endpoint);
    }

    /** Whether a password set for this server travels unencrypted. */
    public boolean isPlainHttp() {
        return "http".equals(endpoint().getScheme());
    }

    /** The address GetStatus goes to (the URL with the service's standard path when it had none). */
    public java.net.URI endpoint() {
        return CoraOcrClient.resolveEndpoint(url);
    }

    /**
     * @param proxy the proxy for this server's host, or null for none
     * @throws IllegalArgumentException when the credentials cannot be used (a user name with ':' for Basic)
     */
    public CoraOcrClient newClient(String user, String password, ProxySettings proxy) {
        return CoraOcrClient.builder(url)
                .soapVersion(soapVersion)
                .authentication(authentication)
                .credentials(user, password)
                .trustedCertificates(TrustedCertificates.fromPem(trustedCertificates))
                .proxy(proxy)
                .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
                .readTimeout(Duration.ofSeconds(readTimeoutSeconds))
                .build();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ServerSettings)) {
            return false;
        }
        ServerSettings that = (ServerSettings) other;
        return url.equals(that.url)
                && authentication == that.authentication
                && Objects.equals(trustedCertificates, that.trustedCertificates)
                && soapVersion == that.soapVersion
                && connectTimeoutSeconds == that.connectTimeoutSeconds
                && readTimeoutSeconds == that.readTimeoutSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                url, authentication, trustedCertificates, soapVersion, connectTimeoutSeconds, readTimeoutSeconds);
    }

    @Override
    public String toString() {
        return url + " (" + soapVersion + ", " + authentication.label() + ")";
    }
}
