package io.jenkins.plugins.coraocr;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.SoapVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@link CoraOcrClient} per server configuration and credential: a client is thread-safe and
 * building one (a CXF bus, service and dispatch) is far more expensive than a poll. The key holds a
 * digest of the password, never the password. Clients are closed when Jenkins shuts down; a server
 * edited while Jenkins runs gets a new client, and the old one stays until then (it may still serve
 * a wait that started before the edit).
 */
final class ClientCache {
    private static final Logger LOGGER = Logger.getLogger(ClientCache.class.getName());
    private static final Map<Key, CoraOcrClient> CLIENTS = new ConcurrentHashMap<>();

    private ClientCache() {}

    /**
     * @throws IllegalArgumentException naming the problem when the server configuration cannot make a client
     */
    static CoraOcrClient get(CoraOcrServer server, @CheckForNull String username, @CheckForNull String password) {
        Key key = new Key(
                server.getName(),
                server.getUrl(),
                server.soapVersion(),
                server.getConnectTimeoutSeconds(),
                server.getReadTimeoutSeconds(),
                username == null ? "" : username,
                digest(password));
        return CLIENTS.computeIfAbsent(key, k -> build(server, username, password));
    }

    /** A client for one call that is not kept (the "Test connection" button). */
    static CoraOcrClient uncached(CoraOcrServer server, @CheckForNull String username, @CheckForNull String password) {
        return build(server, username, password);
    }

    static void closeAll() {
        List<CoraOcrClient> closing = new ArrayList<>(CLIENTS.values());
        CLIENTS.clear();
        for (CoraOcrClient client : closing) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "could not close " + client, e);
            }
        }
    }

    private static CoraOcrClient build(
            CoraOcrServer server, @CheckForNull String username, @CheckForNull String password) {
        CoraOcrClient.Builder builder = CoraOcrClient.builder(server.getUrl())
                .soapVersion(server.soapVersion())
                .connectTimeout(Duration.ofSeconds(server.getConnectTimeoutSeconds()))
                .readTimeout(Duration.ofSeconds(server.getReadTimeoutSeconds()));
        if (username != null && !username.isEmpty()) {
            builder.credentials(username, password);
        }
        return builder.build();
    }

    private static String digest(@CheckForNull String password) {
        if (password == null) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Key(
            String name,
            String url,
            SoapVersion soapVersion,
            int connectTimeoutSeconds,
            int readTimeoutSeconds,
            String username,
            String passwordDigest) {}
}
