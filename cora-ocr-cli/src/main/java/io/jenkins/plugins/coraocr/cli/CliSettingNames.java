package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.gate.Remedies;
import io.jenkins.plugins.coraocr.client.gate.SettingNames;

/** The options a person changes after a failure, as the gate's remedies name them ("To fix: ..."). */
final class CliSettingNames implements SettingNames {
    /** For a connection without a proxy. */
    static final Remedies REMEDIES = new Remedies(new CliSettingNames(null));

    private final ProxyChoice.Chosen proxy;

    private CliSettingNames(ProxyChoice.Chosen proxy) {
        this.proxy = proxy;
    }

    /**
     * Remedies that name the proxy in use and where its credentials go: a 407 answered to a plain http
     * request does not say which proxy sent it.
     */
    static Remedies forProxy(ProxyChoice.Chosen proxy) {
        return proxy == null ? REMEDIES : new Remedies(new CliSettingNames(proxy));
    }

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
    public String proxy() {
        return proxy == null || proxy.source().equals("--proxy") ? "--proxy" : proxy.source() + ", or --proxy";
    }

    @Override
    public String proxyCredentials() {
        if (proxy == null) {
            return "--proxy http://user@host:port and " + ProxyChoice.PASSWORD_VARIABLE;
        }
        String option = "--proxy http://user@" + proxy.proxy().address() + " and " + ProxyChoice.PASSWORD_VARIABLE;
        return proxy.source().startsWith("-") ? option : "user:password@ in " + proxy.source() + ", or " + option;
    }

    @Override
    public String soapVersion() {
        return "--soap";
    }
}
