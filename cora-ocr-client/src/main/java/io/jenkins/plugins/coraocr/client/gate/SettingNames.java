package io.jenkins.plugins.coraocr.client.gate;

/**
 * How one front end (the command line, the Jenkins configuration) names the settings a person may have
 * to change, so that a message can say exactly what to change there.
 */
public interface SettingNames {
    /** Where the server's URL is set, e.g. {@code --url}. */
    String url();

    /** The choice of Windows authentication, e.g. {@code --auth ntlm}. */
    String windowsAuthentication();

    /** The choice of HTTP Basic authentication, e.g. {@code --auth basic}. */
    String basicAuthentication();

    /** Where the user name and password are set. */
    String credentials();

    /** Where extra trusted CA certificates are given, e.g. {@code --ca-file FILE}. */
    String trustedCertificates();

    /** Where the proxy is chosen, e.g. {@code --proxy}. */
    String proxy();

    /** Where the proxy's user name and password are set. */
    String proxyCredentials();

    /** Where the SOAP version is chosen, e.g. {@code --soap}. */
    String soapVersion();

    /** The names, in the order of this interface's methods. */
    static SettingNames of(
            String url,
            String windowsAuthentication,
            String basicAuthentication,
            String credentials,
            String trustedCertificates,
            String proxy,
            String proxyCredentials,
            String soapVersion) {
        return new Named(
                url,
                windowsAuthentication,
                basicAuthentication,
                credentials,
                trustedCertificates,
                proxy,
                proxyCredentials,
                soapVersion);
    }

    /** The plain implementation of {@link #of}. */
    record Named(
            String url,
            String windowsAuthentication,
            String basicAuthentication,
            String credentials,
            String trustedCertificates,
            String proxy,
            String proxyCredentials,
            String soapVersion)
            implements SettingNames {}
}
