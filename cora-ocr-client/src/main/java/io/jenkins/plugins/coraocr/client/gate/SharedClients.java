package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.ProxySettings;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One client, and one waiter holding the server's share of the blocking threads, per configured server,
 * credential and proxy: a client is thread-safe, and building one is far more expensive than a poll. The
 * key holds a digest of the passwords, never a password. A client that no configured server uses any more
 * (a server edited or removed, a credential rotated, the proxy changed) is closed once the last gate that
 * leased it ends; clients are built outside the lock, so that one slow build delays no other server.
 */
public final class SharedClients {
    private final ScheduledExecutorService timers;
    private final Executor blocking;
    private final int callsPerServer;
    private final Map<Key, Entry> entries = new HashMap<>();

    /**
     * @param callsPerServer how many threads of {@code blocking} one server's calls may hold
     */
    public SharedClients(ScheduledExecutorService timers, Executor blocking, int callsPerServer) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.callsPerServer = callsPerServer;
    }

    /**
     * @param proxy the proxy for the server's host, or null for none
     * @throws SetupException when the settings and credentials cannot make a client
     */
    public Lease lease(String server, ServerSettings settings, String user, String password, ProxySettings proxy)
            throws SetupException {
        Key key = new Key(server, settings, user, digest(password, proxy), proxy == null ? null : proxy.toString());
        synchronized (this) {
            Entry cached = entries.get(key);
            if (cached != null) {
                cached.leases++;
                return new Lease(key, cached);
            }
        }
        CoraOcrClient client;
        try {
            client = settings.newClient(user, password, proxy);
        } catch (IllegalArgumentException e) {
            throw new SetupException("Cora OCR server '" + server + "' cannot be used: " + e.getMessage());
        }
        Entry built = new Entry(client, new OcrWaiter(client, timers, blocking, callsPerServer));
        List<Entry> closing = new ArrayList<>();
        Entry leased;
        synchronized (this) {
            leased = entries.get(key);
            if (leased == null) {
                // This server's other clients are from before an edit, a new credential or a new proxy.
                entries.forEach((other, entry) -> entry.current &= !other.server.equals(server));
                closing.addAll(removeUnused());
                entries.put(key, built);
                leased = built;
            } else {
                closing.add(built);
            }
            leased.leases++;
        }
        closing.forEach(entry -> entry.client.close());
        return new Lease(key, leased);
    }

    /** The configuration changed: clients of servers that are gone or edited close once unused. */
    public void retain(Map<String, ServerSettings> configured) {
        List<Entry> closing;
        synchronized (this) {
            entries.forEach((key, entry) -> entry.current &= key.settings.equals(configured.get(key.server)));
            closing = removeUnused();
        }
        closing.forEach(entry -> entry.client.close());
    }

    /** Closes every client, leased or not: the process shuts down. */
    public void closeAll() {
        List<Entry> closing;
        synchronized (this) {
            closing = new ArrayList<>(entries.values());
            entries.clear();
        }
        closing.forEach(entry -> entry.client.close());
    }

    /** How many clients are open; for tests and diagnostics. */
    public synchronized int open() {
        return entries.size();
    }

    private List<Entry> removeUnused() {
        List<Entry> unused = new ArrayList<>();
        entries.values().removeIf(entry -> {
            boolean remove = !entry.current && entry.leases == 0;
            if (remove) {
                unused.add(entry);
            }
            return remove;
        });
        return unused;
    }

    private void released(Key key, Entry entry) {
        boolean close;
        synchronized (this) {
            entry.leases--;
            close = !entry.current && entry.leases == 0 && entries.remove(key, entry);
        }
        if (close) {
            entry.client.close();
        }
    }

    private static String digest(String password, ProxySettings proxy) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(password).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(String.valueOf(proxy == null ? null : proxy.password()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** What makes two clients interchangeable; the passwords only as a digest. */
    private record Key(String server, ServerSettings settings, String user, String passwordDigest, String proxy) {}

    private static final class Entry {
        final CoraOcrClient client;
        final OcrWaiter waiter;
        int leases;
        boolean current = true;

        Entry(CoraOcrClient client, OcrWaiter waiter) {
            this.client = client;
            this.waiter = waiter;
        }
    }

    /** One gate's use of a client; closing it lets a client nobody configures any more go. */
    public final class Lease implements AutoCloseable {
        private final Key key;
        private final Entry entry;
        private boolean closed;

        private Lease(Key key, Entry entry) {
            this.key = key;
            this.entry = entry;
        }

        public OcrWaiter waiter() {
            return entry.waiter;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            released(key, entry);
        }
    }
}
