package io.jenkins.plugins.coraocr;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Test set-up shared by the plugin's tests. */
final class Fixtures {
    static final String USER = "ocr-bot";
    static final String PASSWORD = "s3cret-Pa55word";

    private Fixtures() {}

    static void globalCredentials(String id, String user, String password) throws Exception {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials()
                .add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "Cora " + id, user, password));
        provider.save();
    }

    static void folderCredentials(Folder folder, String id, String user, String password) throws Exception {
        for (CredentialsStore store : CredentialsProvider.lookupStores(folder)) {
            if (store.getProvider() instanceof FolderCredentialsProvider && store.getContext() == folder) {
                store.addCredentials(
                        Domain.global(),
                        new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "Cora " + id, user, password));
                return;
            }
        }
        throw new IllegalStateException("no credentials store in folder " + folder.getFullName());
    }

    /** Replaces the configured servers by one server named {@code name} at {@code endpoint}. */
    static CoraOcrServer onlyServer(String name, URI endpoint, String credentialsId) {
        CoraOcrServer server = server(name, endpoint, credentialsId);
        CoraOcrGlobalConfiguration.get().setServers(List.of(server));
        return server;
    }

    static CoraOcrServer addServer(String name, URI endpoint, String credentialsId) {
        CoraOcrServer server = server(name, endpoint, credentialsId);
        List<CoraOcrServer> servers =
                new ArrayList<>(CoraOcrGlobalConfiguration.get().getServers());
        servers.add(server);
        CoraOcrGlobalConfiguration.get().setServers(servers);
        return server;
    }

    static CoraOcrServer server(String name, URI endpoint, String credentialsId) {
        CoraOcrServer server = new CoraOcrServer(name, endpoint.toString());
        server.setCredentialsId(credentialsId);
        server.setConnectTimeoutSeconds(5);
        server.setReadTimeoutSeconds(5);
        return server;
    }
}
