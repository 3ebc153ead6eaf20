package io.jenkins.plugins.coraocr.client.testing;

import static io.jenkins.plugins.coraocr.client.testing.RawClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import org.apache.hc.client5.http.auth.AuthChallenge;
import org.apache.hc.client5.http.auth.AuthScheme;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.AuthenticationException;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.MalformedChallengeException;
import org.apache.hc.client5.http.auth.NTCredentials;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.NTLMScheme;
import org.apache.hc.client5.http.impl.auth.NTLMSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

/** The NTLM server end to end with Apache HttpClient 5's own NTLM scheme, the one the product uses. */
@SuppressWarnings("deprecation") // NTLMSchemeFactory and NTCredentials: deprecated, and what the product uses
class NtlmServerTest {
    private static final String REQUEST = SoapAnswers.envelope(
            SoapAnswers.Version.SOAP_11, "<GetStatus xmlns=\"" + SoapAnswers.API_NAMESPACE + "\"/>");

    /** Status code and body of one POST. */
    private record Result(int status, String body) {}

    @Test
    void theRightPasswordLogsOnAndTheLoggedOnConnectionServesTheNextRequest() throws Exception {
        try (NtlmServer server = NtlmServer.start("cora", "CORP", "s3cret!");
                CloseableHttpClient client = ntlmClient("cora", "s3cret!", "corp", StandardAuthScheme.NTLM)) {
            HttpClientContext context = HttpClientContext.create();
            Result first = exchange(client, server, context);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).contains("<Status>Completed</Status>");
            assertThat(server.succeededLogons()).singleElement().satisfies(logon -> {
                assertThat(logon.scheme()).isEqualTo("NTLM");
                assertThat(logon.user()).isEqualTo("cora");
                assertThat(logon.domain()).isEqualTo("CORP"); // NTCredentials upper-cases the domain
                assertThat(logon.workstation()).isNotEmpty();
            });
            assertThat(server.failedLogons()).isEmpty();
            List<RecordedRequest> handshake = server.requests();
            assertThat(handshake).hasSize(3);
            assertThat(handshake.get(0).header("Authorization")).isNull();
            assertThat(handshake.get(1).header("Authorization")).startsWith("NTLM ");
            assertThat(handshake.get(2).header("Authorization")).startsWith("NTLM ");

            Result second = exchange(client, server, context);
            assertThat(second.status()).isEqualTo(200);
            List<RecordedRequest> all = server.requests();
            assertThat(all).hasSize(4);
            assertThat(all.get(3).header("Authorization")).isNull();
            assertThat(all.get(3).connection()).isEqualTo(handshake.get(2).connection());
            assertThat(server.negotiateMessages()).isEqualTo(1);
            assertThat(server.challengeMessages()).isEqualTo(1);
            assertThat(server.authenticateMessages()).isEqualTo(1);
            assertThat(server.connections()).hasSize(1);
        }
    }

    @Test
    void withoutTheSameContextHttpClientLeasesANewConnectionThatLogsOnAgain() throws Exception {
        // HttpClient pools a logged-on connection under the NTLM principal (its "user token"); a request with a
        // fresh context has none, so it gets another connection, and this server makes that one log on again.
        try (NtlmServer server = NtlmServer.start("cora", "CORP", "s3cret!");
                CloseableHttpClient client = ntlmClient("cora", "s3cret!", "CORP", StandardAuthScheme.NTLM)) {
            assertThat(exchange(client, server, HttpClientContext.create()).status())
                    .isEqualTo(200);
            assertThat(exchange(client, server, HttpClientContext.create()).status())
                    .isEqualTo(200);
            assertThat(server.connections()).hasSize(2);
            assertThat(server.succeededLogons())
                    .extracting(NtlmServer.Logon::connection)
                    .containsExactly(1, 2);
            assertThat(server.negotiateMessages()).isEqualTo(2);
        }
    }

    @Test
    void aWrongPasswordIsExactlyOneFailedLogonAndA401() throws Exception {
        try (NtlmServer server = NtlmServer.start("cora", "CORP", "s3cret!");
                CloseableHttpClient client = ntlmClient("cora", "guess", "CORP", StandardAuthScheme.NTLM)) {
            Result result = exchange(client, server, HttpClientContext.create());
            assertThat(result.status()).isEqualTo(401);
            assertThat(server.failedLogons()).singleElement().satisfies(logon -> {
                assertThat(logon.user()).isEqualTo("cora");
                assertThat(logon.domain()).isEqualTo("CORP");
                assertThat(logon.reason()).contains("wrong password");
            });
            assertThat(server.succeededLogons()).isEmpty();
            assertThat(server.authenticateMessages()).isEqualTo(1);
            assertThat(server.requests())
                    .last()
                    .satisfies(r -> assertThat(r.header("Authorization")).startsWith("NTLM "));
        }
    }

    @Test
    void aWrongDomainIsRejected() throws Exception {
        try (NtlmServer server = NtlmServer.start("cora", "CORP", "s3cret!");
                CloseableHttpClient client = ntlmClient("cora", "s3cret!", "ELSEWHERE", StandardAuthScheme.NTLM)) {
            assertThat(exchange(client, server, HttpClientContext.create()).status())
                    .isEqualTo(401);
            assertThat(server.failedLogons()).singleElement().satisfies(logon -> {
                assertThat(logon.domain()).isEqualTo("ELSEWHERE");
                assertThat(logon.reason()).isEqualTo("wrong domain");
            });
            assertThat(server.succeededLogons()).isEmpty();
        }
    }

    @Test
    void anotherConnectionMustLogOnAgainAndCannotReplayTheFirstOnesToken() throws Exception {
        try (NtlmServer server = NtlmServer.start("cora", "CORP", "s3cret!");
                CloseableHttpClient client = ntlmClient("cora", "s3cret!", "CORP", StandardAuthScheme.NTLM)) {
            assertThat(exchange(client, server, HttpClientContext.create()).status())
                    .isEqualTo(200);
            String type3 = server.requests().get(2).header("Authorization");

            try (RawClient other = new RawClient(server)) {
                String answer =
                        other.send(post(LoopbackServer.ENDPOINT_PATH, REQUEST)).readAnswer();
                assertThat(answer).startsWith("HTTP/1.1 401 ").contains("\r\nWWW-Authenticate: NTLM\r\n");
                String replay = post(LoopbackServer.ENDPOINT_PATH, REQUEST)
                        .replace("\r\nHost:", "\r\nAuthorization: " + type3 + "\r\nHost:");
                assertThat(other.send(replay).readAnswer()).startsWith("HTTP/1.1 401 ");
            }
            assertThat(server.failedLogons())
                    .singleElement()
                    .satisfies(
                            logon -> assertThat(logon.reason()).isEqualTo("no challenge was sent on this connection"));
            assertThat(server.succeededLogons()).hasSize(1);
        }
    }

    @Test
    void everyOfferedSchemeIsAnnouncedAndNoBasicArrivesWhenNtlmIsChosen() throws Exception {
        try (NtlmServer server = NtlmServer.builder("cora", "CORP", "s3cret!")
                        .offer("Negotiate", "NTLM", "Basic realm=\"cora\"")
                        .answer(request -> SoapAnswers.getStatus(SoapAnswers.Version.SOAP_11, "Queued", "NoError", "y"))
                        .start();
                CloseableHttpClient client = ntlmClient("cora", "s3cret!", "CORP", StandardAuthScheme.NTLM)) {
            try (RawClient raw = new RawClient(server)) {
                assertThat(raw.send(post(LoopbackServer.ENDPOINT_PATH, REQUEST)).readAnswer())
                        .contains("\r\nWWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\n"
                                + "WWW-Authenticate: Basic realm=\"cora\"\r\n");
            }
            Result result = exchange(client, server, HttpClientContext.create());
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).contains("<Status>Queued</Status>");
            assertThat(server.authorizationHeaders())
                    .hasSize(2)
                    .allSatisfy(value -> assertThat(value).startsWith("NTLM "));
        }
    }

    @Test
    void basicIsAcceptedOnlyWhenOffered() throws Exception {
        String basic = "Authorization: Basic "
                + Base64.getEncoder().encodeToString("CORP\\cora:s3cret!".getBytes(StandardCharsets.UTF_8));
        try (NtlmServer ntlmOnly = NtlmServer.start("cora", "CORP", "s3cret!");
                NtlmServer withBasic = NtlmServer.builder("cora", "CORP", "s3cret!")
                        .offer("NTLM", "Basic realm=\"cora\"")
                        .start()) {
            for (NtlmServer server : List.of(ntlmOnly, withBasic)) {
                try (RawClient raw = new RawClient(server)) {
                    raw.send(post(LoopbackServer.ENDPOINT_PATH, REQUEST)
                            .replace("\r\nHost:", "\r\n" + basic + "\r\nHost:"));
                    assertThat(raw.readAnswer()).startsWith(server == ntlmOnly ? "HTTP/1.1 401 " : "HTTP/1.1 200 ");
                }
            }
            assertThat(ntlmOnly.failedLogons())
                    .singleElement()
                    .satisfies(l -> assertThat(l.reason()).isEqualTo("Basic was not offered"));
            assertThat(withBasic.succeededLogons()).singleElement().satisfies(l -> {
                assertThat(l.scheme()).isEqualTo("Basic");
                assertThat(l.domain()).isEqualTo("CORP");
            });
        }
    }

    @Test
    void negotiateCarryingRawNtlmTokensLogsOnUnderTheNegotiateName() throws Exception {
        try (NtlmServer server = NtlmServer.builder("cora", "CORP", "s3cret!")
                        .offer("Negotiate")
                        .start();
                CloseableHttpClient client = ntlmClient("cora", "s3cret!", "CORP", StandardAuthScheme.SPNEGO)) {
            assertThat(exchange(client, server, HttpClientContext.create()).status())
                    .isEqualTo(200);
            assertThat(server.succeededLogons())
                    .singleElement()
                    .satisfies(l -> assertThat(l.scheme()).isEqualTo("Negotiate"));
            assertThat(server.authorizationHeaders())
                    .hasSize(2)
                    .allSatisfy(value -> assertThat(value).startsWith("Negotiate TlRMTVNTUA")); // base64 of "NTLMSSP"
        }
    }

    private static Result exchange(CloseableHttpClient client, LoopbackServer server, HttpClientContext context)
            throws IOException {
        HttpPost post = new HttpPost(server.endpointUrl());
        post.setEntity(new StringEntity(REQUEST, ContentType.create("text/xml", "utf-8")));
        return client.execute(
                post, context, response -> new Result(response.getCode(), EntityUtils.toString(response.getEntity())));
    }

    /**
     * A client with NT credentials that answers challenges of the named scheme; {@code Negotiate} is served by
     * {@link NtlmUnderNegotiate}.
     */
    static CloseableHttpClient ntlmClient(String user, String password, String domain, String scheme) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(
                new AuthScope(null, -1), new NTCredentials(user, password.toCharArray(), null, domain));
        AuthSchemeFactory factory = scheme.equals(StandardAuthScheme.NTLM)
                ? NTLMSchemeFactory.INSTANCE
                : context -> new NtlmUnderNegotiate();
        Registry<AuthSchemeFactory> schemes = RegistryBuilder.<AuthSchemeFactory>create()
                .register(scheme, factory)
                .build();
        RequestConfig config = RequestConfig.custom()
                .setTargetPreferredAuthSchemes(List.of(scheme))
                .setResponseTimeout(Timeout.ofSeconds(20))
                .build();
        return HttpClients.custom()
                .setDefaultCredentialsProvider(credentials)
                .setDefaultAuthSchemeRegistry(schemes)
                .setDefaultRequestConfig(config)
                .build();
    }

    /** HttpClient's NTLM scheme under the Negotiate name, as Windows clients send raw NTLMSSP without Kerberos. */
    private static final class NtlmUnderNegotiate implements AuthScheme {
        private final NTLMScheme ntlm = new NTLMScheme();

        @Override
        public String getName() {
            return StandardAuthScheme.SPNEGO;
        }

        @Override
        public boolean isConnectionBased() {
            return true;
        }

        @Override
        public void processChallenge(AuthChallenge challenge, HttpContext context) throws MalformedChallengeException {
            ntlm.processChallenge(challenge, context);
        }

        @Override
        public boolean isChallengeComplete() {
            return ntlm.isChallengeComplete();
        }

        @Override
        public String getRealm() {
            return null;
        }

        @Override
        public boolean isResponseReady(HttpHost host, CredentialsProvider credentials, HttpContext context)
                throws AuthenticationException {
            return ntlm.isResponseReady(host, credentials, context);
        }

        @Override
        public Principal getPrincipal() {
            return ntlm.getPrincipal();
        }

        @Override
        public String generateAuthResponse(HttpHost host, HttpRequest request, HttpContext context)
                throws AuthenticationException {
            String response = ntlm.generateAuthResponse(host, request, context);
            return getName() + response.substring(StandardAuthScheme.NTLM.length());
        }
    }
}
