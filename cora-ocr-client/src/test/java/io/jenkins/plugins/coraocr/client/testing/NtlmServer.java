package io.jenkins.plugins.coraocr.client.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * An HTTP/1.1 server that demands Windows logons the way IIS does, with a real NTLMv2 check ({@link
 * NtlmVerifier}) for one account. A logon belongs to the TCP connection: once a connection has passed the
 * NEGOTIATE / CHALLENGE / AUTHENTICATE handshake, it and every later request on it are answered by the delegate
 * (by default {@link SoapAnswers#completed}) without a new challenge; another connection must log on again.
 *
 * <p>A request without credentials gets {@code 401} with the offered {@code WWW-Authenticate} values ({@code
 * NTLM} unless {@link Builder#offer} says otherwise). {@code NTLM <type 1>} (or {@code Negotiate} carrying a raw
 * NTLMSSP token, as Windows clients send when Kerberos is out of reach; SPNEGO-wrapped and Kerberos tokens are not
 * understood and get the first 401 again) gets {@code 401} with a type 2 message:
 * a fresh random server challenge, the client's flags granted, target name and target info. A type 3 message is
 * verified against that challenge; a rejected one gets {@code 401 WWW-Authenticate: NTLM} again, as on IIS, and
 * counts as a failed logon. {@code Basic} is accepted only when offered, for the same account.
 */
public final class NtlmServer extends RecordingServer<RecordedRequest> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NtlmVerifier verifier;
    private final String user;
    private final String domain;
    private final String password;
    private final List<String> offered;
    private final Function<RecordedRequest, HttpAnswer> delegate;
    private final NtlmMessages.ServerNames names;

    private final List<String> authorizations = new ArrayList<>(); // guarded by acceptor
    private final List<Logon> logons = new ArrayList<>(); // guarded by acceptor
    private int negotiateMessages; // guarded by acceptor
    private int challengeMessages; // guarded by acceptor
    private int authenticateMessages; // guarded by acceptor

    /**
     * One logon attempt.
     *
     * @param connection the connection it was made on
     * @param scheme {@code NTLM}, {@code Negotiate} or {@code Basic}, as the client wrote it
     * @param user the user name the client sent (null if its message could not be read)
     * @param domain the domain the client sent
     * @param reason why it was rejected; "accepted" otherwise
     */
    public record Logon(
            int connection,
            String scheme,
            String user,
            String domain,
            String workstation,
            boolean accepted,
            String reason) {}

    public static final class Builder {
        private final String user;
        private final String domain;
        private final String password;
        private List<String> offered = List.of("NTLM");
        private Function<RecordedRequest, HttpAnswer> delegate = SoapAnswers::completed;

        private Builder(String user, String domain, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.domain = Objects.requireNonNull(domain, "domain");
            this.password = Objects.requireNonNull(password, "password");
        }

        /**
         * The {@code WWW-Authenticate} values of a 401 to a request without (valid) credentials, one header each,
         * in this order; for example {@code offer("Negotiate", "NTLM")}, {@code offer("Negotiate")} or {@code
         * offer("NTLM", "Basic realm=\"cora\"")}.
         */
        public Builder offer(String... wwwAuthenticate) {
            if (wwwAuthenticate.length == 0) {
                throw new IllegalArgumentException("offer at least one scheme");
            }
            this.offered = List.of(wwwAuthenticate);
            return this;
        }

        /** Answers the requests of logged-on connections. */
        public Builder answer(Function<RecordedRequest, HttpAnswer> answer) {
            this.delegate = Objects.requireNonNull(answer, "answer");
            return this;
        }

        public NtlmServer start() {
            return new NtlmServer(this);
        }
    }

    private NtlmServer(Builder builder) {
        super("ntlm-server");
        user = builder.user;
        domain = builder.domain;
        password = builder.password;
        offered = builder.offered;
        delegate = builder.delegate;
        verifier = new NtlmVerifier(user, domain, password);
        String netbiosDomain = domain.toUpperCase(Locale.ROOT);
        String dnsDomain = domain.toLowerCase(Locale.ROOT) + ".test";
        names = new NtlmMessages.ServerNames(netbiosDomain, "CORAOCR", dnsDomain, "coraocr." + dnsDomain);
        listen();
    }

    /** A server for this account that offers {@code NTLM} and answers with {@link SoapAnswers#completed}. */
    public static NtlmServer start(String user, String domain, String password) {
        return builder(user, domain, password).start();
    }

    public static Builder builder(String user, String domain, String password) {
        return new Builder(user, domain, password);
    }

    /** Every {@code Authorization} header value received, in order, whatever its scheme. */
    public List<String> authorizationHeaders() {
        return acceptor.read(() -> List.copyOf(authorizations));
    }

    /** Type 1 (NEGOTIATE) messages received. */
    public int negotiateMessages() {
        return acceptor.read(() -> negotiateMessages);
    }

    /** Type 2 (CHALLENGE) messages sent. */
    public int challengeMessages() {
        return acceptor.read(() -> challengeMessages);
    }

    /** Type 3 (AUTHENTICATE) messages received. */
    public int authenticateMessages() {
        return acceptor.read(() -> authenticateMessages);
    }

    /** Every logon attempt, accepted or not, in order. */
    public List<Logon> logons() {
        return acceptor.read(() -> List.copyOf(logons));
    }

    public List<Logon> succeededLogons() {
        return logons().stream().filter(Logon::accepted).toList();
    }

    public List<Logon> failedLogons() {
        return logons().stream().filter(l -> !l.accepted()).toList();
    }

    /** The logon state of one connection, kept on the thread that serves it. */
    private static final class Session {
        byte[] pendingChallenge;
        boolean loggedOn;
    }

    @Override
    void serve(Link link) throws IOException {
        Session session = new Session();
        while (true) {
            RecordedRequest request = HttpWire.readRequest(link.id(), link.in(), link.out());
            record(request, () -> authorizations.addAll(request.headers("Authorization")));
            link.write(answer(session, request).toBytes());
        }
    }

    private HttpAnswer answer(Session session, RecordedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return session.loggedOn ? delegate.apply(request) : unauthorized();
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        String scheme = parts[0];
        String credentials = parts.length > 1 ? parts[1] : "";
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(request, credentials);
        }
        if (!scheme.equalsIgnoreCase("NTLM") && !scheme.equalsIgnoreCase("Negotiate")) {
            return unauthorized();
        }
        byte[] token;
        try {
            token = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException notBase64) {
            return unauthorized();
        }
        return switch (NtlmMessages.messageType(token)) {
            case 1 -> challenge(session, scheme, token);
            case 3 -> authenticate(session, request, scheme, token);
            default -> unauthorized();
        };
    }

    private HttpAnswer challenge(Session session, String scheme, byte[] negotiate) {
        byte[] serverChallenge = new byte[8];
        RANDOM.nextBytes(serverChallenge);
        session.loggedOn = false;
        session.pendingChallenge = serverChallenge;
        byte[] message = NtlmMessages.challenge(
                NtlmMessages.negotiateFlags(negotiate), serverChallenge, names, System.currentTimeMillis());
        acceptor.update(() -> {
            negotiateMessages++;
            challengeMessages++;
        });
        return iisPage(401, "Unauthorized: Access is denied due to invalid credentials.")
                .withHeader(
                        "WWW-Authenticate", scheme + " " + Base64.getEncoder().encodeToString(message));
    }

    private HttpAnswer authenticate(Session session, RecordedRequest request, String scheme, byte[] message) {
        byte[] serverChallenge = session.pendingChallenge;
        session.pendingChallenge = null;
        NtlmVerifier.Verdict verdict = serverChallenge == null
                ? new NtlmVerifier.Verdict(false, null, null, null, "no challenge was sent on this connection")
                : verifier.verify(message, serverChallenge);
        Logon logon = new Logon(
                request.connection(),
                scheme,
                verdict.user(),
                verdict.domain(),
                verdict.workstation(),
                verdict.accepted(),
                verdict.reason());
        acceptor.update(() -> {
            authenticateMessages++;
            logons.add(logon);
        });
        if (!verdict.accepted()) {
            return unauthorizedNtlm();
        }
        session.loggedOn = true;
        return delegate.apply(request);
    }

    private HttpAnswer basic(RecordedRequest request, String credentials) {
        boolean offeredBasic = offered.stream().anyMatch(o -> o.regionMatches(true, 0, "Basic", 0, 5));
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        String name = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        int backslash = name.indexOf('\\');
        String sentDomain = backslash < 0 ? "" : name.substring(0, backslash);
        String sentUser = name.substring(backslash + 1);
        boolean valid = sentUser.equalsIgnoreCase(user)
                && (sentDomain.isEmpty() || sentDomain.equalsIgnoreCase(domain))
                && secret.equals(password);
        boolean accepted = offeredBasic && valid;
        String reason = accepted ? "accepted" : offeredBasic ? "wrong user or password" : "Basic was not offered";
        Logon logon = new Logon(request.connection(), "Basic", sentUser, sentDomain, null, accepted, reason);
        acceptor.update(() -> logons.add(logon));
        return accepted ? delegate.apply(request) : unauthorized();
    }

    private HttpAnswer unauthorized() {
        HttpAnswer answer = iisPage(401, "Unauthorized: Access is denied due to invalid credentials.");
        for (String value : offered) {
            answer = answer.withHeader("WWW-Authenticate", value);
        }
        return answer;
    }

    /** What IIS sends after a failed NTLM handshake: a fresh start with NTLM alone. */
    private static HttpAnswer unauthorizedNtlm() {
        return iisPage(401, "Unauthorized: Access is denied due to invalid credentials.")
                .withHeader("WWW-Authenticate", "NTLM");
    }

    private static HttpAnswer iisPage(int status, String message) {
        return HttpAnswer.of(
                        status,
                        "text/html",
                        "<!DOCTYPE html><html><head><title>" + status + " - " + message + "</title></head><body><h2>"
                                + status + " - " + message + "</h2></body></html>")
                .withHeader("Server", "Microsoft-IIS/10.0");
    }
}
