package io.jenkins.plugins.coraocr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy;
import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy.Outcome;
import io.jenkins.plugins.coraocr.client.testing.ForwardingProxy.ProxiedRequest;
import io.jenkins.plugins.coraocr.client.testing.TestCertificates;
import io.jenkins.plugins.coraocr.client.testing.TlsServer;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy, from {@code --proxy}, the environment or the JVM's properties, against a forwarding proxy and
 * servers on 127.0.0.1: what the proxy received shows which way each request went.
 */
class ProxyTest {
    private CoraOcrSimulator simulator;
    private ForwardingProxy proxy;

    @TempDir
    Path directory;

    @BeforeEach
    void start() {
        simulator = CoraOcrSimulator.start();
        simulator.script(7, WorkflowScript.builder().status("Completed").build());
        proxy = ForwardingProxy.start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        simulator.close();
    }

    @Test
    void proxyOptionSendsEveryRequestThroughTheProxy() {
        Cli.Result result = Cli.run(waitOnSimulator("--proxy", proxy.url()));

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.outLines().get(0)).contains(", through the proxy 127.0.0.1:" + proxy.port() + ",");
        assertThat(proxy.requests())
                .isNotEmpty()
                .allSatisfy(request -> {
                    assertThat(request.method()).isEqualTo("POST");
                    assertThat(request.target())
                            .isEqualTo(simulator.endpointUrl().toString());
                    assertThat(request.outcome()).isEqualTo(Outcome.FORWARDED);
                })
                .hasSameSizeAs(simulator.requests());
    }

    @Test
    void noProxyOptionBypassesIt() {
        Cli.Result result = Cli.run(waitOnSimulator("--proxy", proxy.url(), "--no-proxy", "localhost,127.0.0.1"));

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.outLines().get(0)).doesNotContain("proxy");
        assertThat(proxy.requests()).isEmpty();
        assertThat(simulator.requests()).isNotEmpty();
    }

    @Test
    void noProxyFromTheEnvironmentBypassesTheProxyOptionAsCurlDoes() {
        Cli.Result result = Cli.run(Map.of("no_proxy", "127.0.0.0/8"), waitOnSimulator("--proxy", proxy.url()));

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void httpProxyFromTheEnvironmentIsUsedForHttpUrls() {
        Cli.Result result = Cli.run(Map.of("http_proxy", proxy.url()), waitOnSimulator());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(proxy.requests()).isNotEmpty().allMatch(request -> request.outcome() == Outcome.FORWARDED);
    }

    @Test
    void upperCaseHttpProxyIsIgnoredAsCurlIgnoresIt() {
        Cli.Result result = Cli.run(Map.of("HTTP_PROXY", proxy.url()), waitOnSimulator());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(proxy.requests()).isEmpty();
        assertThat(simulator.requests()).isNotEmpty();
    }

    @Test
    void httpsGoesThroughTheProxyWithConnectFromTheOptionOrEitherVariable() throws IOException {
        Path ca = Files.writeString(
                directory.resolve("ca.pem"), TestCertificates.authority().pem());
        try (TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            String[] status = {"status", "--url", server.url(), "--workflow-id", "7", "--ca-file", ca.toString()};
            List<Cli.Result> results = List.of(
                    Cli.run(Map.of(), append(status, "--proxy", proxy.url())),
                    Cli.run(Map.of("https_proxy", proxy.url()), status),
                    Cli.run(Map.of("HTTPS_PROXY", proxy.url()), status));

            assertThat(results)
                    .allSatisfy(result ->
                            assertThat(result.exitCode()).as("%s", result).isZero());
            assertThat(proxy.requests()).hasSize(3).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("CONNECT");
                assertThat(request.target()).isEqualTo("127.0.0.1:" + server.port());
                assertThat(request.outcome()).isEqualTo(Outcome.TUNNELLED);
            });
            assertThat(server.requests()).hasSize(3);
        }
    }

    private static String[] append(String[] args, String... extra) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void httpProxyIsNotUsedForHttpsUrls() throws IOException {
        Path ca = Files.writeString(
                directory.resolve("ca.pem"), TestCertificates.authority().pem());
        try (TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            Cli.Result result = Cli.run(
                    Map.of("http_proxy", proxy.url()),
                    "status",
                    "--url",
                    server.url(),
                    "--workflow-id",
                    "7",
                    "--ca-file",
                    ca.toString());

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(proxy.requests()).isEmpty();
        }
    }

    @Test
    void aProxyThatWantsALogonEndsWith407AndTheRemedyNamesTheProxy() {
        try (ForwardingProxy guarded = ForwardingProxy.builder()
                .basicAuth(Cli.PROXY_USER, Cli.PROXY_PASSWORD)
                .start()) {
            Cli.Result result = Cli.run(waitOnSimulator("--proxy", guarded.url()));

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            // To a plain http request the 407 comes as the answer itself; only a proxy sends one.
            assertThat(result.errLines())
                    .last()
                    .satisfies(line -> assertThat(line)
                            .contains("HTTP 407 from the proxy 127.0.0.1:" + guarded.port()
                                    + ": it wants a user name and password")
                            .endsWith("To fix: Check the proxy's user name and password (--proxy http://user@127.0.0.1:"
                                    + guarded.port() + " and CORA_OCR_PROXY_PASSWORD)."));
            assertThat(guarded.requests()).hasSize(1);
            assertThat(simulator.requests()).isEmpty();
        }
    }

    @Test
    void aProxyHostThatDoesNotResolveSaysWhereThatProxyWasChosen() {
        Cli.Result fromOption = Cli.run(waitOnSimulator("--proxy", "http://no-such-proxy.invalid:3128"));
        assertThat(fromOption.exitCode()).as("%s", fromOption).isEqualTo(5);
        assertThat(fromOption.errLines())
                .last()
                .satisfies(line -> assertThat(line)
                        .contains("the proxy host no-such-proxy.invalid does not resolve")
                        .endsWith("To fix: Check the proxy's host name (--proxy)."));

        Cli.Result fromEnvironment =
                Cli.run(Map.of("http_proxy", "http://no-such-proxy.invalid:3128"), waitOnSimulator());
        assertThat(fromEnvironment.exitCode()).as("%s", fromEnvironment).isEqualTo(5);
        assertThat(fromEnvironment.errLines())
                .last()
                .satisfies(line ->
                        assertThat(line).endsWith("To fix: Check the proxy's host name (http_proxy, or --proxy)."));
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void a407ToConnectNamesTheProxy() throws IOException {
        Path ca = Files.writeString(
                directory.resolve("ca.pem"), TestCertificates.authority().pem());
        try (ForwardingProxy guarded = ForwardingProxy.builder()
                        .basicAuth(Cli.PROXY_USER, Cli.PROXY_PASSWORD)
                        .start();
                TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            Cli.Result result = Cli.run(
                    Map.of("HTTPS_PROXY", guarded.url()),
                    "status",
                    "--url",
                    server.url(),
                    "--workflow-id",
                    "7",
                    "--ca-file",
                    ca.toString());

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(result.err())
                    .contains("HTTP 407 from the proxy 127.0.0.1:" + guarded.port()
                            + ": it wants a user name and password")
                    .contains("To fix: Check the proxy's user name and password (user:password@ in HTTPS_PROXY, or"
                            + " --proxy http://user@127.0.0.1:" + guarded.port() + " and CORA_OCR_PROXY_PASSWORD).");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aRejectedProxyPasswordSaysSoWithoutShowingIt() throws IOException {
        Path ca = Files.writeString(
                directory.resolve("ca.pem"), TestCertificates.authority().pem());
        String wrong = "W" + Cli.PROXY_PASSWORD;
        try (ForwardingProxy guarded = ForwardingProxy.builder()
                        .basicAuth(Cli.PROXY_USER, Cli.PROXY_PASSWORD)
                        .start();
                TlsServer server = TlsServer.start(TestCertificates.localhost())) {
            Cli.Result result = Cli.run(
                    Map.of("https_proxy", "http://" + Cli.PROXY_USER + ":" + wrong + "@127.0.0.1:" + guarded.port()),
                    "wait",
                    "--url",
                    server.url(),
                    "--workflow-id",
                    "7",
                    "--ca-file",
                    ca.toString(),
                    "--json");

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(result.json().get("message").asText())
                    .contains("HTTP 407 from the proxy 127.0.0.1:" + guarded.port()
                            + ": it rejected the proxy user name or password");
            assertThat(result.out() + result.err())
                    .doesNotContain(wrong)
                    .doesNotContain(java.util.Base64.getEncoder()
                            .encodeToString((Cli.PROXY_USER + ":" + wrong).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aRejectedProxyPasswordOverPlainHttpSaysSoOnce() {
        String wrong = "not-the-" + Cli.PROXY_PASSWORD;
        try (ForwardingProxy guarded = ForwardingProxy.builder()
                .basicAuth(Cli.PROXY_USER, Cli.PROXY_PASSWORD)
                .start()) {
            Cli.Result result = Cli.run(
                    Map.of("CORA_OCR_PROXY_PASSWORD", wrong),
                    waitOnSimulator("--proxy", "http://" + Cli.PROXY_USER + "@127.0.0.1:" + guarded.port()));

            assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
            assertThat(result.err())
                    .contains("HTTP 407 from the proxy 127.0.0.1:" + guarded.port()
                            + ": it rejected the proxy user name or password");
            assertThat(result.out() + result.err()).doesNotContain(wrong);
            // The proxy's challenge, then one logon with the wrong password, never a second.
            assertThat(guarded.requests()).hasSize(2);
            assertThat(guarded.requests())
                    .filteredOn(request -> request.proxyAuthorization() != null)
                    .hasSize(1);
            assertThat(simulator.requests()).isEmpty();
        }
    }

    @Test
    void theProxyUserOfTheOptionLogsOnWithThePasswordFromTheEnvironment() {
        try (ForwardingProxy guarded = ForwardingProxy.builder()
                .basicAuth(Cli.PROXY_USER, Cli.PROXY_PASSWORD)
                .start()) {
            Cli.Result result = Cli.run(
                    Map.of("CORA_OCR_PROXY_PASSWORD", Cli.PROXY_PASSWORD),
                    waitOnSimulator("--proxy", "http://" + Cli.PROXY_USER + "@127.0.0.1:" + guarded.port()));

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(guarded.requests())
                    .filteredOn(ProxiedRequest::authenticated)
                    .isNotEmpty()
                    .hasSameSizeAs(simulator.requests());
        }
    }

    @Test
    void jvmPropertiesAreTheLastSource() {
        Cli.Result result = Cli.run(
                Map.of(),
                Map.of(
                        "http.proxyHost",
                        "127.0.0.1",
                        "http.proxyPort",
                        String.valueOf(proxy.port()),
                        "http.nonProxyHosts",
                        "*.internal.example|10.*"),
                StopSignals.NONE,
                waitOnSimulator());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(proxy.requests()).isNotEmpty().allMatch(request -> request.outcome() == Outcome.FORWARDED);
    }

    @Test
    void jvmPropertiesWithoutNonProxyHostsBypassLocalhostAsTheJdkDoes() {
        Cli.Result result = Cli.run(
                Map.of(),
                Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", String.valueOf(proxy.port())),
                StopSignals.NONE,
                waitOnSimulator());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void aNonProxyHostsPatternWithoutAnEquivalentIsWarnedAbout() {
        Cli.Result result = Cli.run(
                Map.of(),
                Map.of(
                        "http.proxyHost",
                        "127.0.0.1",
                        "http.proxyPort",
                        String.valueOf(proxy.port()),
                        "http.nonProxyHosts",
                        "build*.example.com|127.*"),
                StopSignals.NONE,
                waitOnSimulator());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.errLines())
                .containsExactly("WARNING: -Dhttp.nonProxyHosts: 'build*.example.com' cannot be followed (only"
                        + " *.domain, host names, addresses and IPv4 prefixes such as 10.* can); hosts it names go"
                        + " through the proxy");
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void theEnvironmentWinsOverJvmProperties() {
        try (ForwardingProxy other = ForwardingProxy.start()) {
            Cli.Result result = Cli.run(
                    Map.of("http_proxy", proxy.url()),
                    Map.of(
                            "http.proxyHost",
                            "127.0.0.1",
                            "http.proxyPort",
                            String.valueOf(other.port()),
                            "http.nonProxyHosts",
                            ""),
                    StopSignals.NONE,
                    waitOnSimulator());

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(proxy.requests()).isNotEmpty();
            assertThat(other.requests()).isEmpty();
        }
    }

    private String[] waitOnSimulator(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "wait",
                "--url",
                simulator.endpointUrl().toString(),
                "--workflow-id",
                "7",
                "--poll-interval",
                "100ms",
                "--max-errors",
                "1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }
}
