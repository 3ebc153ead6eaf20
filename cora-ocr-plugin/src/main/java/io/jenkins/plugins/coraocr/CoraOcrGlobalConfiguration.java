package io.jenkins.plugins.coraocr;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The Cora servers pipelines may wait on: Manage Jenkins » System » Cora OCR, or JCasC
 * {@code unclassified: coraOcr: servers: [...]}.
 */
@Extension
@Symbol("coraOcr")
public class CoraOcrGlobalConfiguration extends GlobalConfiguration {

    private List<CoraOcrServer> servers = new ArrayList<>();

    public CoraOcrGlobalConfiguration() {
        load();
    }

    public static CoraOcrGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(CoraOcrGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.CoraOcrGlobalConfiguration_DisplayName();
    }

    @NonNull
    public synchronized List<CoraOcrServer> getServers() {
        return Collections.unmodifiableList(new ArrayList<>(servers));
    }

    /**
     * Replaces the whole list (an empty or null list removes every server) and saves.
     *
     * @throws IllegalArgumentException when two servers share a name
     */
    @DataBoundSetter
    public synchronized void setServers(@CheckForNull List<CoraOcrServer> servers) {
        List<CoraOcrServer> copy = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
        Set<String> seen = new HashSet<>();
        for (CoraOcrServer server : copy) {
            if (!seen.add(server.getName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(Messages.CoraOcrGlobalConfiguration_DuplicateName(server.getName()));
            }
        }
        this.servers = copy;
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<CoraOcrServer> bound;
        try {
            // Once the last server is deleted the form sends no "servers" at all, and plain data
            // binding would then never call the setter: bind the list explicitly, empty included.
            bound = json.has("servers")
                    ? req.bindJSONToList(CoraOcrServer.class, json.get("servers"))
                    : Collections.emptyList();
            setServers(bound);
        } catch (IllegalArgumentException e) {
            throw new FormException(reason(e), "servers");
        }
        return true;
    }

    /** Stapler wraps what a constructor throws; the innermost IllegalArgumentException names the field. */
    private static String reason(IllegalArgumentException e) {
        String reason = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                reason = cause.getMessage();
            }
        }
        return reason;
    }

    /**
     * The server a step names, or the only one when the step names none.
     *
     * @throws AbortException with a message a pipeline author can act on: none configured, several
     *     configured and none named, or an unknown name (listing the configured names)
     */
    @NonNull
    public CoraOcrServer resolve(@CheckForNull String name) throws AbortException {
        List<CoraOcrServer> configured = getServers();
        String wanted = Util.fixEmptyAndTrim(name);
        if (configured.isEmpty()) {
            throw new AbortException(Messages.CoraOcrGlobalConfiguration_NoServers());
        }
        if (wanted == null) {
            if (configured.size() == 1) {
                return configured.get(0);
            }
            throw new AbortException(Messages.CoraOcrGlobalConfiguration_ServerRequired(names(configured)));
        }
        for (CoraOcrServer server : configured) {
            if (server.getName().equals(wanted)) {
                return server;
            }
        }
        throw new AbortException(Messages.CoraOcrGlobalConfiguration_UnknownServer(wanted, names(configured)));
    }

    private static String names(List<CoraOcrServer> servers) {
        return servers.stream().map(s -> "'" + s.getName() + "'").collect(Collectors.joining(", "));
    }
}
