package io.jenkins.plugins.coraocr;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.coraocr.client.Authentication;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.client.gate.Advice;
import io.jenkins.plugins.coraocr.client.gate.ConnectionProbe;
import io.jenkins.plugins.coraocr.client.gate.Remedies;
import io.jenkins.plugins.coraocr.client.gate.ServerSettings;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * One Cora SeQuence server, as an administrator configures it under Manage Jenkins » System » Cora OCR (or
 * in JCasC under {@code unclassified: coraOcr: servers:}). Every value is checked by {@link ServerSettings}
 * when it is set, so a saved configuration (form or JCasC) can always make a client.
 */
public class CoraOcrServer implements Describable<CoraOcrServer> {
    private final String name;
    private final String url;
    private String credentialsId;
    private Authentication authentication = Authentication.BASIC;
    private String trustedCertificates;
    private String soapVersion = SoapVersion.SOAP_11.label();
    private int connectTimeoutSeconds = ServerSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = ServerSettings.DEFAULT_READ_TIMEOUT_SECONDS;

    /** @throws IllegalArgumentException naming the field when the name or URL is unusable */
    @DataBoundConstructor
    public CoraOcrServer(String name, String url) {
        this.name = ServerSettings.checkName(name);
        this.url = ServerSettings.checkUrl(url);
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    /** The id of a "Username with password" credential, or null for a server without authentication. */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public Authentication getAuthentication() {
        return authentication;
    }

    /** BASIC (the default) or NTLM: Windows authentication, with a DOMAIN&#92;user name in the credentials. */
    @DataBoundSetter
    public void setAuthentication(@CheckForNull Authentication authentication) {
        this.authentication = authentication == null ? Authentication.BASIC : authentication;
    }

    /** PEM text of CA certificates trusted in addition to the JVM's, or null. */
    @CheckForNull
    public String getTrustedCertificates() {
        return trustedCertificates;
    }

    /** @throws IllegalArgumentException naming the certificate that is not one, by its position */
    @DataBoundSetter
    public void setTrustedCertificates(@CheckForNull String trustedCertificates) {
        this.trustedCertificates = ServerSettings.checkTrustedCertificates(trustedCertificates);
    }

    /** "1.1" or "1.2". */
    public String getSoapVersion() {
        return soapVersion;
    }

    @DataBoundSetter
    public void setSoapVersion(@CheckForNull String soapVersion) {
        String value = Util.fixEmptyAndTrim(soapVersion);
        this.soapVersion = value == null
                ? SoapVersion.SOAP_11.label()
                : SoapVersion.fromLabel(value).label();
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = ServerSettings.checkTimeout("connectTimeoutSeconds", connectTimeoutSeconds);
    }

    public int getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(int readTimeoutSeconds) {
        this.readTimeoutSeconds = ServerSettings.checkTimeout("readTimeoutSeconds", readTimeoutSeconds);
    }

    ServerSettings settings() {
        return new ServerSettings(
                url,
                authentication,
                trustedCertificates,
                SoapVersion.fromLabel(soapVersion),
                connectTimeoutSeconds,
                readTimeoutSeconds);
    }

    /**
     * A field missing from the saved XML (saved before it existed, or written by hand) takes its default: XStream
     * does not run the field initializers. Nothing here throws: a server that fails to load would be dropped
     * from the configuration at its next save; a wrong value is reported when the server is used.
     */
    protected Object readResolve() {
        setAuthentication(authentication);
        soapVersion = soapVersion == null ? SoapVersion.SOAP_11.label() : soapVersion;
        connectTimeoutSeconds = ServerSettings.savedTimeout("connectTimeoutSeconds", connectTimeoutSeconds);
        readTimeoutSeconds = ServerSettings.savedTimeout("readTimeoutSeconds", readTimeoutSeconds);
        return this;
    }

    /**
     * The credential for {@code credentialsId} as the global configuration sees it: GLOBAL scope, in the
     * Jenkins-wide stores. Builds look the id up in their own context instead (see the step).
     */
    @CheckForNull
    static StandardUsernamePasswordCredentials globalCredentials(@CheckForNull String credentialsId, String url) {
        StandardUsernamePasswordCredentials found = credentialsId == null
                ? null
                : CredentialsMatchers.firstOrNull(
                        CredentialsProvider.lookupCredentialsInItemGroup(
                                StandardUsernamePasswordCredentials.class,
                                Jenkins.get(),
                                ACL.SYSTEM2,
                                URIRequirementBuilder.fromUri(url).build()),
                        CredentialsMatchers.withId(credentialsId));
        return found != null && found.getScope() == CredentialsScope.GLOBAL ? found : null;
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<CoraOcrServer> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CoraOcrServer_DisplayName();
        }

        /** Only administrators get answers: everyone else learns nothing about servers and credentials. */
        private static FormValidation checked(Advice advice) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    ? JenkinsSettings.validation(advice)
                    : FormValidation.ok();
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return checked(Advice.of(() -> ServerSettings.checkName(value)));
        }

        public FormValidation doCheckUrl(@QueryParameter String value, @QueryParameter String credentialsId) {
            return checked(ServerSettings.urlAdvice(value, Util.fixEmptyAndTrim(credentialsId) != null));
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String url) {
            String id = Util.fixEmptyAndTrim(value);
            return checked(
                    id == null
                            ? Advice.ok(Messages.CoraOcrServer_NoCredentials())
                            : globalCredentials(id, Util.fixNull(url)) == null
                                    ? new Advice(Advice.Level.WARNING, Messages.CoraOcrServer_CredentialsNotFound(id))
                                    : Advice.ok(null));
        }

        public FormValidation doCheckTrustedCertificates(@QueryParameter String value) {
            return checked(Advice.of(() -> ServerSettings.checkTrustedCertificates(value)));
        }

        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId, @QueryParameter String url) {
            StandardListBoxModel model = new StandardListBoxModel();
            if (Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                model.includeEmptyValue();
                model.includeMatchingAs(
                        ACL.SYSTEM2,
                        Jenkins.get(),
                        StandardUsernamePasswordCredentials.class,
                        URIRequirementBuilder.fromUri(Util.fixNull(url)).build(),
                        CredentialsMatchers.withScope(CredentialsScope.GLOBAL));
            }
            // Keeps the saved value, so that the form round-trips, without revealing which credentials exist.
            model.includeCurrentValue(Util.fixNull(credentialsId));
            return model;
        }

        public ListBoxModel doFillSoapVersionItems() {
            ListBoxModel model = new ListBoxModel();
            for (SoapVersion version : SoapVersion.values()) {
                model.add(version.toString(), version.label());
            }
            return model;
        }

        /**
         * "Test connection" with the values in the form, through Jenkins' proxy. It reads the credential from
         * the global stores only; builds look it up in their own context (a folder may override it).
         */
        @RequirePOST
        public FormValidation doTestConnection(
                @QueryParameter String url,
                @QueryParameter String credentialsId,
                @QueryParameter String authentication,
                @QueryParameter String trustedCertificates,
                @QueryParameter String soapVersion,
                @QueryParameter String connectTimeoutSeconds,
                @QueryParameter String readTimeoutSeconds) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String id = Util.fixEmptyAndTrim(credentialsId);
            StandardUsernamePasswordCredentials credentials = globalCredentials(id, Util.fixNull(url));
            if (id != null && credentials == null) {
                return FormValidation.error(Messages.CoraOcrServer_CredentialsNotFound(id));
            }
            ServerSettings settings;
            try {
                settings = ServerSettings.fromForm(
                        url,
                        authentication,
                        trustedCertificates,
                        soapVersion,
                        connectTimeoutSeconds,
                        readTimeoutSeconds);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            return JenkinsSettings.validation(ConnectionProbe.probe(
                    settings,
                    credentials == null ? null : credentials.getUsername(),
                    credentials == null ? null : credentials.getPassword().getPlainText(),
                    JenkinsSettings.proxyFor(settings.endpoint()),
                    new Remedies(JenkinsSettings.NAMES)));
        }
    }
}
