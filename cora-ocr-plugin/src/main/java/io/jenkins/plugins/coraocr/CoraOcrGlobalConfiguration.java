package io.jenkins.plugins.coraocr;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.coraocr.client.gate.Advice;
import io.jenkins.plugins.coraocr.client.gate.ServerChoice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
     * Replaces the whole list (an empty or null list removes every server) and saves. Clients of servers that
     * are gone or changed are closed once no wait uses them.
     *
     * @throws IllegalArgumentException when two servers share a name
     */
    @DataBoundSetter
    public synchronized void setServers(@CheckForNull List<CoraOcrServer> servers) {
        List<CoraOcrServer> copy = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
        ServerChoice.checkUnique(copy.stream().map(CoraOcrServer::getName).collect(Collectors.toList()));
        this.servers = copy;
        save();
        CoraOcrThreads.runtime()
                .clients()
                .retain(copy.stream().collect(Collectors.toMap(CoraOcrServer::getName, CoraOcrServer::settings)));
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            // Once the last server is deleted the form sends no "servers" at all, and plain data binding would
            // then never call the setter: bind the list explicitly, empty included.
            setServers(json.has("servers") ? req.bindJSONToList(CoraOcrServer.class, json.get("servers")) : List.of());
        } catch (IllegalArgumentException e) {
            throw new FormException(Advice.reasonOf(e), "servers");
        }
        return true;
    }

    /** The configured names, in their order. */
    List<String> names() {
        return getServers().stream().map(CoraOcrServer::getName).collect(Collectors.toList());
    }

    /**
     * The server a step names, or the only one when it names none.
     *
     * @throws io.jenkins.plugins.coraocr.client.gate.ArgumentException naming the configured servers
     */
    String choose(String server) {
        return ServerChoice.choose(server, names());
    }

    Optional<CoraOcrServer> server(String name) {
        return getServers().stream()
                .filter(server -> server.getName().equals(name))
                .findFirst();
    }
}
