package io.jenkins.plugins.coraocr;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ProxyConfiguration;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.coraocr.client.ProxySettings;
import io.jenkins.plugins.coraocr.client.gate.Advice;
import io.jenkins.plugins.coraocr.client.gate.SettingNames;
import java.net.Proxy;
import java.net.URI;
import jenkins.model.Jenkins;

/**
 * What the gate needs from Jenkins besides a server's own settings (the proxy, the names of the fields), and
 * how its advice shows in a form.
 */
final class JenkinsSettings {
    private static final String SERVER = " under Manage Jenkins » System » Cora OCR";

    /** The fields a Jenkins administrator changes, for the "To fix:" part of a message. */
    static final SettingNames NAMES = SettingNames.of(
            "the server's URL" + SERVER,
            "the server's Authentication field: NTLM" + SERVER,
            "the server's Authentication field: Basic" + SERVER,
            "the server's credentials" + SERVER + ", or a folder's credentials with that id",
            "the server's Trusted CA certificates field" + SERVER,
            "Jenkins' HTTP proxy configuration under Manage Jenkins » System",
            "the user name and password of Jenkins' HTTP proxy configuration",
            "the server's SOAP version field" + SERVER);

    private JenkinsSettings() {}

    /** The gate's advice, shown in a Jenkins form. */
    static FormValidation validation(Advice advice) {
        if (advice.level() == Advice.Level.OK) {
            return advice.message() == null ? FormValidation.ok() : FormValidation.ok(advice.message());
        }
        return advice.level() == Advice.Level.WARNING
                ? FormValidation.warning(advice.message())
                : FormValidation.error(advice.message());
    }

    /** Jenkins' proxy for {@code endpoint}, used the way {@link ProxyConfiguration} decides it, or null for none. */
    @CheckForNull
    static ProxySettings proxyFor(URI endpoint) {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null
                || proxy.getName() == null
                || ProxyConfiguration.createProxy(
                                endpoint.getHost(), proxy.getName(), proxy.getPort(), proxy.getNoProxyHost())
                        == Proxy.NO_PROXY) {
            return null;
        }
        Secret password = proxy.getSecretPassword();
        return ProxySettings.of(proxy.getName(), proxy.getPort())
                .withCredentials(proxy.getUserName(), password == null ? null : password.getPlainText());
    }
}
