package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.FailureKind;
import java.util.Optional;

/**
 * What to change after a failure that will not fix itself, in the words of the front end that shows it.
 * Passing failures (a refused connection, a 503) get no remedy: the wait already tries again.
 */
public final class Remedies {
    private final SettingNames names;

    public Remedies(SettingNames names) {
        this.names = names;
    }

    /** {@code message} as a sentence, followed by "To fix: ..." when a setting could fix the failure. */
    public String appendTo(String message, FailureKind kind) {
        return forKind(kind)
                .map(remedy -> message + (message.endsWith(".") ? "" : ".") + " To fix: " + remedy)
                .orElse(message);
    }

    /** One or two sentences, or empty when there is nothing a setting could change. */
    public Optional<String> forKind(FailureKind kind) {
        switch (kind) {
            case LOGIN_REJECTED:
                return Optional.of("Check the user name and password (" + names.credentials() + ").");
            case LOGIN_MISSING:
                return Optional.of("Give the user name and password (" + names.credentials() + ").");
            case WINDOWS_AUTHENTICATION_REQUIRED:
                return Optional.of("Choose Windows authentication (" + names.windowsAuthentication()
                        + ") with a DOMAIN\\user name.");
            case BASIC_AUTHENTICATION_REQUIRED:
                return Optional.of("Choose Basic authentication (" + names.basicAuthentication() + ").");
            case KERBEROS_REQUIRED:
                return Optional.of(
                        "Once NTLM is enabled, choose Windows authentication (" + names.windowsAuthentication() + ").");
            case WINDOWS_LOGON_REJECTED:
                return Optional.of("Check the domain, user name and password (" + names.credentials()
                        + "); every rejected logon counts towards the account's lockout.");
            case FORBIDDEN:
                return Optional.of("Ask the Cora administrators to let this account call the OCR service.");
            case NOT_THE_SERVICE:
                return Optional.of("Check the URL (" + names.url() + ").");
            case UNKNOWN_HOST:
                return Optional.of("Check the host name (" + names.url() + ").");
            case PROXY_UNKNOWN_HOST:
                return Optional.of("Check the proxy's host name (" + names.proxy() + ").");
            case CERTIFICATE_UNTRUSTED:
                return Optional.of("If the certificate comes from your company's own CA, add that CA's certificate ("
                        + names.trustedCertificates() + ").");
            case CERTIFICATE_NAME_MISMATCH:
                return Optional.of("Use a host name the certificate is issued for in the URL (" + names.url() + ").");
            case PROXY_AUTHENTICATION:
                return Optional.of("Check the proxy's user name and password (" + names.proxyCredentials() + ").");
            case SOAP_VERSION_MISMATCH:
                return Optional.of("Choose the other SOAP version (" + names.soapVersion() + ").");
            default:
                return Optional.empty();
        }
    }
}
