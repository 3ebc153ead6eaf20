package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.gate.Remedies;
import io.jenkins.plugins.coraocr.client.gate.SettingNames;

/** The options a person changes after a failure, as the gate's remedies name them ("To fix: ..."). */
final class CliSettingNames implements SettingNames {
    static final Remedies REMEDIES = new Remedies(new CliSettingNames());

    private CliSettingNames() {}

    @Override
    public String url() {
        return "--url";
    }

    @Override
    public String windowsAuthentication() {
        return "--auth ntlm";
    }

    @Override
    public String basicAuthentication() {
        return "--auth basic";
    }

    @Override
    public String credentials() {
        return "--user and --password-env/--password-file or " + PasswordSource.PASSWORD_VARIABLE;
    }

    @Override
    public String trustedCertificates() {
        return "--ca-file FILE";
    }

    @Override
    public String proxyCredentials() {
        return "--proxy http://user@host:port and " + ProxyChoice.PASSWORD_VARIABLE;
    }

    @Override
    public String soapVersion() {
        return "--soap";
    }
}
