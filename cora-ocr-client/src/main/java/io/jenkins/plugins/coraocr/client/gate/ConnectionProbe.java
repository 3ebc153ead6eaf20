package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.CoraOcrException;
import io.jenkins.plugins.coraocr.client.ProxySettings;

/**
 * "Test connection": one GetStatus for a workflow id no server has, with the settings as they are. Any
 * status, NotFound included, proves the URL, the logon, the trust and the SOAP version; a failure says
 * what to change, and a passing one (a 503, a timeout) is a warning, since the settings may well be right.
 */
public final class ConnectionProbe {
    /** The workflow id asked about. */
    public static final long PROBE_WORKFLOW_ID = Long.MAX_VALUE;

    private ConnectionProbe() {}

    /**
     * Builds a client from {@code settings} for this one call, asks, and closes it.
     *
     * @param proxy the proxy for the server's host, or null for none
     */
    public static Advice probe(
            ServerSettings settings, String user, String password, ProxySettings proxy, Remedies remedies) {
        try (CoraOcrClient client = settings.newClient(user, password, proxy)) {
            return probe(client, remedies);
        } catch (IllegalArgumentException e) {
            return Advice.error(e.getMessage());
        }
    }

    public static Advice probe(CoraOcrClient client, Remedies remedies) {
        try {
            String status = client.getStatus(PROBE_WORKFLOW_ID).describe();
            return new Advice(
                    Advice.Level.OK,
                    "Reachable: " + client.endpoint() + " answered GetStatus over "
                            + client.soapVersion() + " (status " + status
                            + " for a probe workflow id). URL, logon, trust and"
                            + " SOAP version work.");
        } catch (CoraOcrException e) {
            String line = client.endpoint() + ": " + e.detail()
                    + remedies.forKind(e.kind()).map(remedy -> " " + remedy).orElse("");
            return new Advice(e.isRetryable() ? Advice.Level.WARNING : Advice.Level.ERROR, line);
        }
    }
}
