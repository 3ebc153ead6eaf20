package io.jenkins.plugins.coraocr.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP/1.1 for one server on Apache HttpClient 5: a connection pool of its own, HTTP Basic sent with the
 * first request or an NTLM handshake once per connection (never both), an optional proxy (HTTPS through
 * CONNECT) and TLS with the client's own trust. Nothing here changes JVM-wide state: no default
 * Authenticator, ProxySelector, SSLContext or system property is read for decisions or written.
 */
final class HttpTransport implements AutoCloseable {
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final String IN_FLIGHT = InFlight.class.getName();

    /** The exchange the calling thread runs: the trust manager reports the server's chain to it. */
    private final ThreadLocal<InFlight> current = new ThreadLocal<>();

    private final ConnectionSettings settings;
    private final Secrets secrets;
    private final HttpHost proxyHost;
    private final String basicAuthorization;
    private final Object userToken;
    private final BasicAuthCache proxyAuthCache = new BasicAuthCache();
    private final Watchdog watchdog = new Watchdog();
    private volatile RequestType requestType;
    private final CloseableHttpClient client;

    HttpTransport(ConnectionSettings settings, Secrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
        ProxySettings proxy = settings.effectiveProxy();
        this.proxyHost = proxy == null ? null : new HttpHost("http", proxy.host(), proxy.port());
        this.basicAuthorization = settings.authentication() == Authentication.BASIC && settings.hasCredentials()
                ? "Basic "
                        + Base64.getEncoder()
                                .encodeToString((settings.username() + ":" + settings.password())
                                        .getBytes(StandardCharsets.UTF_8))
                : null;
        this.userToken = settings.authentication() == Authentication.NTLM && settings.hasCredentials()
                ? NtlmLogon.principal(settings.username())
                : null;
        this.client = build();
    }

    private CloseableHttpClient build() {
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        // A pooled connection the server closed while idle would fail the next poll.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setDefaultTlsConfig(
                        TlsConfig.custom().setHandshakeTimeout(connect).build())
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(TlsTrust.context(settings.trust(), this::seen))
                        // HttpClient's own check after the handshake tells a wrong name from an untrusted CA.
                        .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                        .setHostnameVerifier(new DefaultHostnameVerifier())
                        .buildClassic())
                .setMaxConnTotal(100)
                .setMaxConnPerRoute(100)
                .build();
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        RegistryBuilder<AuthSchemeFactory> schemes = RegistryBuilder.<AuthSchemeFactory>create()
                .register(StandardAuthScheme.BASIC, BasicSchemeFactory.INSTANCE);
        ProxySettings proxy = settings.effectiveProxy();
        if (proxy != null && proxy.username() != null) {
            credentials.setCredentials(
                    new AuthScope(proxyHost),
                    new UsernamePasswordCredentials(
                            proxy.username(), proxy.password().toCharArray()));
        }
        if (userToken != null) {
            NtlmLogon.register(schemes, credentials, new AuthScope(target()), settings.username(), settings.password());
        }
        Registry<AuthSchemeFactory> registry = schemes.build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(
                        proxyHost == null
                                ? new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE)
                                : new DefaultProxyRoutePlanner(proxyHost))
                .setDefaultAuthSchemeRegistry(registry)
                .setDefaultCredentialsProvider(credentials)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .setAuthenticationEnabled(true)
                        // The server gets NTLM or nothing from HttpClient; Basic to it is sent by this class.
                        .setTargetPreferredAuthSchemes(userToken == null ? List.of() : List.of(StandardAuthScheme.NTLM))
                        .setProxyPreferredAuthSchemes(List.of(StandardAuthScheme.BASIC))
                        .build())
                .addExecInterceptorBefore(
                        ChainElement.MAIN_TRANSPORT.name(), "cora-ocr-connected", (request, scope, chain) -> {
                            InFlight flight = (InFlight) scope.clientContext.getAttribute(IN_FLIGHT);
                            if (flight != null) {
                                flight.connected();
                            }
                            return chain.proceed(request, scope);
                        })
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .setUserAgent("cora-ocr")
                .build();
    }

    private HttpHost target() {
        return new HttpHost(
                settings.endpoint().getScheme(),
                settings.endpoint().getHost(),
                settings.endpoint().getPort());
    }

    ConnectionSettings settings() {
        return settings;
    }

    /** A new exchange whose timeouts are this server's. */
    InFlight newExchange() {
        return new InFlight(watchdog, settings.connectTimeout(), settings.readTimeout());
    }

    /**
     * Sends one SOAP request and reads the whole answer (at most {@link #MAX_BODY_BYTES}).
     *
     * @throws IOException when no complete answer arrived; {@link InFlight#abort()} says whether it was aborted
     */
    Answer exchange(InFlight flight, byte[] body, String contentType, Map<String, List<String>> headers)
            throws IOException {
        HttpPost post = new HttpPost(settings.endpoint());
        headers.forEach((name, values) -> post.setHeader(name, String.join(",", values)));
        if (basicAuthorization != null) {
            post.setHeader("Authorization", basicAuthorization);
        }
        post.setEntity(new ByteArrayEntity(body, parsed(contentType)));
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(IN_FLIGHT, flight);
        context.setAuthCache(proxyAuthCache);
        if (userToken != null) {
            // Only a connection logged on as this user is reused, and without a new handshake.
            context.setUserToken(userToken);
        }
        current.set(flight);
        flight.started(post);
        try (ClassicHttpResponse response = client.executeOpen(null, post, context)) {
            return read(flight, response);
        } finally {
            flight.finished();
            current.remove();
        }
    }

    /** A client sends one content type; parsing it for every poll showed in the profile. */
    private ContentType parsed(String contentType) {
        RequestType last = requestType;
        if (last == null || !last.text().equals(contentType)) {
            last = new RequestType(contentType, ContentType.parseLenient(contentType));
            requestType = last;
        }
        return last.type();
    }

    private record RequestType(String text, ContentType type) {}

    private Answer read(InFlight flight, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        String contentEncoding = first(response, "Content-Encoding");
        if (contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("identity")) {
            contentEncoding = null;
        }
        HttpEntity entity = response.getEntity();
        // A refused CONNECT never reached the server; for plain http the proxy speaks for itself with 407, 502, 504.
        boolean fromProxy =
                proxyHost != null && (!flight.reachedServer() || status == 407 || status == 502 || status == 504);
        byte[] body = new byte[0];
        boolean tooLarge = entity != null && entity.getContentLength() > MAX_BODY_BYTES;
        if (entity != null && !tooLarge) {
            body = readAtMost(entity.getContent(), entity.getContentLength(), MAX_BODY_BYTES);
            tooLarge = body == null;
        }
        if (tooLarge) {
            // Reading the rest just to keep the connection would let the server make us read forever.
            response.close();
        } else {
            EntityUtils.consumeQuietly(entity);
        }
        ResponseFacts facts = new ResponseFacts(
                status,
                secrets.mask(first(response, "Content-Type")),
                secrets.mask(contentEncoding),
                masked(response.getHeaders("WWW-Authenticate")),
                masked(response.getHeaders("Proxy-Authenticate")),
                secrets.mask(first(response, "Location")),
                tooLarge,
                body != null && Doctype.isIn(body),
                fromProxy);
        flight.facts(facts);
        return new Answer(facts, tooLarge ? new byte[0] : body);
    }

    private List<String> masked(Header[] values) {
        List<String> masked = new ArrayList<>(values.length);
        for (Header value : values) {
            masked.add(secrets.mask(value.getValue()));
        }
        return masked;
    }

    private void seen(X509Certificate[] chain) {
        InFlight flight = current.get();
        if (flight != null && chain != null) {
            flight.serverCertificates(List.of(chain));
        }
    }

    private static String first(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /**
     * The whole stream, or null when it holds more than {@code limit} bytes. A declared length sizes the
     * buffer exactly (a status answer is well under a kilobyte); without one it grows as the body comes.
     */
    private static byte[] readAtMost(InputStream in, long declaredLength, int limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        if (declaredLength >= 0) {
            byte[] body = in.readNBytes((int) declaredLength);
            return in.read() == -1 ? body : null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[1024];
        int total = 0;
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Closes every pooled connection and the watchdog thread. */
    @Override
    public void close() {
        watchdog.close();
        try {
            client.close();
        } catch (IOException e) {
            // Closing sockets of a client nobody uses any more: nothing to report to anyone.
        }
    }

    /** A complete answer: its facts, its headers and its body. */
    record Answer(ResponseFacts facts, byte[] body) {}
}
