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
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.coraocr.client.AuthenticationRejectedException;
import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.EndpointNotFoundException;
import io.jenkins.plugins.coraocr.client.ProtocolViolationException;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import io.jenkins.plugins.coraocr.client.TransientServiceException;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Cora SeQuence server, as an administrator configures it under Manage Jenkins » System » Cora
 * OCR (or in JCasC under {@code unclassified: coraOcr: servers:}).
 */
public class CoraOcrServer extends AbstractDescribableImpl<CoraOcrServer> {
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;
    static final int MAX_TIMEOUT_SECONDS = 3600;
    /** The workflow id "Test connection" asks about; any answer, NotFound included, proves the endpoint works. */
    static final long PROBE_WORKFLOW_ID = Long.MAX_VALUE;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String name;
    private final String url;
    private String credentialsId;
    private String soapVersion = SoapVersion.SOAP_11.label();
    private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;

    /**
     * @throws IllegalArgumentException naming the field when the name or URL is unusable
     */
    @DataBoundConstructor
    public CoraOcrServer(String name, String url) {
        this.name = checkName(name);
        this.url = checkUrl(url);
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
        this.connectTimeoutSeconds = checkTimeout("connectTimeoutSeconds", connectTimeoutSeconds);
    }

    public int getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(int readTimeoutSeconds) {
        this.readTimeoutSeconds = checkTimeout("readTimeoutSeconds", readTimeoutSeconds);
    }

    SoapVersion soapVersion() {
        return SoapVersion.fromLabel(soapVersion);
    }

    /** The address GetStatus goes to (the URL with the service's standard path when it had none). */
    URI endpoint() {
        return CoraOcrClient.resolveEndpoint(url);
    }

    /** Tolerates configuration files written by hand: missing or broken values fall back to the defaults. */
    protected Object readResolve() {
        if (soapVersion == null) {
            soapVersion = SoapVersion.SOAP_11.label();
        }
        if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > MAX_TIMEOUT_SECONDS) {
            connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
        }
        if (readTimeoutSeconds < 1 || readTimeoutSeconds > MAX_TIMEOUT_SECONDS) {
            readTimeoutSeconds = DEFAULT_READ_TIMEOUT_SECONDS;
        }
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CoraOcrServer)) {
            return false;
        }
        CoraOcrServer that = (CoraOcrServer) other;
        return name.equals(that.name)
                && url.equals(that.url)
                && Objects.equals(credentialsId, that.credentialsId)
                && soapVersion.equals(that.soapVersion)
                && connectTimeoutSeconds == that.connectTimeoutSeconds
                && readTimeoutSeconds == that.readTimeoutSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url, credentialsId, soapVersion, connectTimeoutSeconds, readTimeoutSeconds);
    }

    @Override
    public String toString() {
        return "CoraOcrServer{" + name + ", " + url + "}";
    }

    static String checkName(String name) {
        String value = Util.fixEmptyAndTrim(name);
        if (value == null) {
            throw new IllegalArgumentException(Messages.CoraOcrServer_NameRequired());
        }
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(Messages.CoraOcrServer_NameInvalid(value));
        }
        return value;
    }

    static String checkUrl(String url) {
        String value = Util.fixEmptyAndTrim(url);
        if (value == null) {
            throw new IllegalArgumentException(Messages.CoraOcrServer_UrlRequired());
        }
        CoraOcrClient.resolveEndpoint(value); // throws IllegalArgumentException naming the problem
        return value;
    }

    static int checkTimeout(String field, int seconds) {
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(Messages.CoraOcrServer_TimeoutRange(
                    field, String.valueOf(MAX_TIMEOUT_SECONDS), String.valueOf(seconds)));
        }
        return seconds;
    }

    /**
     * The credential for {@code credentialsId} as the global configuration sees it: GLOBAL scope, in
     * the Jenkins-wide stores. Builds resolve credentials in their own context instead (see the step).
     */
    @CheckForNull
    static StandardUsernamePasswordCredentials globalCredentials(@CheckForNull String credentialsId, String url) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        StandardUsernamePasswordCredentials found = CredentialsMatchers.firstOrNull(
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

        public FormValidation doCheckName(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            try {
                checkName(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public FormValidation doCheckUrl(@QueryParameter String value, @QueryParameter String credentialsId) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.CoraOcrServer_UrlRequired());
            }
            URI endpoint;
            try {
                endpoint = CoraOcrClient.resolveEndpoint(value.trim());
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            if ("http".equals(endpoint.getScheme()) && Util.fixEmptyAndTrim(credentialsId) != null) {
                return FormValidation.warning(Messages.CoraOcrServer_PlainHttpWithCredentials(endpoint));
            }
            return FormValidation.ok(Messages.CoraOcrServer_EndpointIs(endpoint));
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String url) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            String id = Util.fixEmptyAndTrim(value);
            if (id == null) {
                return FormValidation.ok(Messages.CoraOcrServer_NoCredentials());
            }
            if (globalCredentials(id, Util.fixNull(url)) == null) {
                return FormValidation.warning(Messages.CoraOcrServer_CredentialsNotFound(id));
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            return checkTimeoutField("connectTimeoutSeconds", value);
        }

        public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
            return checkTimeoutField("readTimeoutSeconds", value);
        }

        private static FormValidation checkTimeoutField(String field, String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            try {
                checkTimeout(field, Integer.parseInt(Util.fixNull(value).trim()));
                return FormValidation.ok();
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.CoraOcrServer_TimeoutNotANumber(field, value));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId, @QueryParameter String url) {
            StandardListBoxModel model = new StandardListBoxModel();
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                // Do not reveal which credentials exist; keep the saved value so that the form round-trips.
                model.includeCurrentValue(Util.fixNull(credentialsId));
                return model;
            }
            model.includeEmptyValue();
            model.includeMatchingAs(
                    ACL.SYSTEM2,
                    Jenkins.get(),
                    StandardUsernamePasswordCredentials.class,
                    URIRequirementBuilder.fromUri(Util.fixNull(url)).build(),
                    CredentialsMatchers.withScope(CredentialsScope.GLOBAL));
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
         * "Test connection": asks GetStatus about a probe workflow id with the values currently in
         * the form. Any status, NotFound included, means the URL, SOAP version and credentials work.
         */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String url,
                @QueryParameter String credentialsId,
                @QueryParameter String soapVersion,
                @QueryParameter String connectTimeoutSeconds,
                @QueryParameter String readTimeoutSeconds) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            CoraOcrServer server;
            try {
                server = new CoraOcrServer("test-connection", url);
                server.setCredentialsId(credentialsId);
                server.setSoapVersion(soapVersion);
                server.setConnectTimeoutSeconds(
                        parseTimeout("connectTimeoutSeconds", connectTimeoutSeconds, DEFAULT_CONNECT_TIMEOUT_SECONDS));
                server.setReadTimeoutSeconds(
                        parseTimeout("readTimeoutSeconds", readTimeoutSeconds, DEFAULT_READ_TIMEOUT_SECONDS));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            String username = null;
            String password = null;
            if (server.getCredentialsId() != null) {
                StandardUsernamePasswordCredentials credentials =
                        globalCredentials(server.getCredentialsId(), server.getUrl());
                if (credentials == null) {
                    return FormValidation.error(Messages.CoraOcrServer_CredentialsNotFound(server.getCredentialsId()));
                }
                username = credentials.getUsername();
                password = credentials.getPassword().getPlainText();
            }
            return probe(server, username, password);
        }

        static FormValidation probe(
                CoraOcrServer server, @CheckForNull String username, @CheckForNull String password) {
            CoraOcrClient client;
            try {
                client = ClientCache.uncached(server, username, password);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            try {
                WorkflowStatus status = client.getStatus(PROBE_WORKFLOW_ID);
                return FormValidation.ok(
                        Messages.CoraOcrServer_Reachable(client.endpoint(), client.soapVersion(), status.rawStatus()));
            } catch (AuthenticationRejectedException e) {
                String challenges = e.challenges().isEmpty() ? "" : String.join(", ", e.challenges());
                return FormValidation.error(Messages.CoraOcrServer_AuthenticationRejected(
                        client.endpoint(),
                        String.valueOf(e.httpStatus()),
                        challenges.isEmpty() ? "-" : challenges,
                        e.detail()));
            } catch (EndpointNotFoundException e) {
                return FormValidation.error(Messages.CoraOcrServer_EndpointNotFound(
                        client.endpoint(), String.valueOf(e.httpStatus()), e.detail()));
            } catch (TransientServiceException e) {
                if (e.httpStatus() == 0) {
                    return FormValidation.error(Messages.CoraOcrServer_Unreachable(client.endpoint(), e.detail()));
                }
                return FormValidation.warning(Messages.CoraOcrServer_ServiceFailed(
                        client.endpoint(), String.valueOf(e.httpStatus()), e.detail()));
            } catch (ProtocolViolationException e) {
                return FormValidation.error(Messages.CoraOcrServer_NotGetStatus(client.endpoint(), e.detail()));
            } catch (CoraOcrException e) {
                return FormValidation.error(e.getMessage());
            } finally {
                client.close();
            }
        }

        private static int parseTimeout(String field, String value, int fallback) {
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Messages.CoraOcrServer_TimeoutNotANumber(field, text), e);
            }
        }

        /** Used by config.jelly to show the default as a hint. */
        public int getDefaultConnectTimeoutSeconds() {
            return DEFAULT_CONNECT_TIMEOUT_SECONDS;
        }

        public int getDefaultReadTimeoutSeconds() {
            return DEFAULT_READ_TIMEOUT_SECONDS;
        }
    }
}
