package io.jenkins.plugins.coraocr.client.gate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The life of one gate, in every order of events a build can produce. */
class GateTest {
    private static final Duration FAST = Duration.ofMillis(100);
    private static final SettingNames NAMES = new SettingNames() {
        @Override
        public String url() {
            return "the URL";
        }

        @Override
        public String windowsAuthentication() {
            return "NTLM";
        }

        @Override
        public String basicAuthentication() {
            return "Basic";
        }

        @Override
        public String credentials() {
            return "the credentials";
        }

        @Override
        public String trustedCertificates() {
            return "the CA field";
        }

        @Override
        public String proxy() {
            return "the proxy field";
        }

        @Override
        public String proxyCredentials() {
            return "the proxy's credentials";
        }

        @Override
        public String soapVersion() {
            return "the SOAP field";
        }
    };

    @RegisterExtension
    static WireMockExtension stalling = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private CoraOcrSimulator simulator;
    private ScheduledExecutorService timers;
    private ThreadPoolExecutor blocking;
    private ExecutorService gateThreads;
    private final List<CoraOcrClient> clients = new CopyOnWriteArrayList<>();
    private final List<String> info = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        simulator = CoraOcrSimulator.builder().basicAuth("bot", "right").start();
        timers = Executors.newSingleThreadScheduledExecutor();
        blocking = (ThreadPoolExecutor) Executors.newFixedThreadPool(4);
        gateThreads = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        blocking.shutdownNow();
        gateThreads.shutdownNow();
        clients.forEach(CoraOcrClient::close);
        simulator.close();
    }

    private GateTarget target(String url, String password) {
        CoraOcrClient client =
                CoraOcrClient.builder(url).credentials("bot", password).build();
        clients.add(client);
        return new GateTarget("prod", new OcrWaiter(client, timers, blocking), false);
    }

    private GateTarget simulated() {
        return target(simulator.endpointUrl().toString(), "right");
    }

    private static WaitOptions.Builder fast() {
        return WaitOptions.builder().pollInterval(FAST).timeout(Duration.ofMinutes(1));
    }

    private Gate gate(
            GateRequest request, WaitState state, RecordingHost host, java.util.concurrent.Executor executor) {
        return new Gate(
                request,
                state,
                host,
                new GateConsole(info::add, problems::add, request.quiet()),
                new Remedies(NAMES),
                executor,
                Clock.systemUTC());
    }

    private Gate gate(GateRequest request, RecordingHost host) {
        return gate(
                request, WaitState.begin(request.workflowId(), request.options(), Instant.now()), host, gateThreads);
    }

    private static GateRequest request(long id, WaitOptions options, boolean propagate, boolean quiet) {
        return new GateRequest(id, options, "prod", propagate, quiet);
    }

    private static void awaitReport(RecordingHost host) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !host.reports.isEmpty());
    }

    @Test
    void aPassingGateReturnsTheMapAndPrintsStartChangesAndOutcome() {
        simulator.script(
                42,
                WorkflowScript.builder()
                        .status("Queued")
                        .times(2)
                        .status("Completed", "NoError", "inv-7")
                        .build());
        RecordingHost host = new RecordingHost(this::simulated);
        gate(request(42, fast().build(), true, false), host).start();
        awaitReport(host);

        assertThat(host.reports).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo("pass");
            assertThat(report.result())
                    .containsEntry("workflowId", 42L)
                    .containsEntry("server", "prod")
                    .containsEntry("status", "Completed")
                    .containsEntry("errorCode", "NoError")
                    .containsEntry("externalContext", "inv-7")
                    .containsEntry("result", "PASSED")
                    .containsEntry("polls", 3);
            assertThat(report.result().keySet())
                    .containsExactly(
                            "workflowId",
                            "server",
                            "status",
                            "errorCode",
                            "externalContext",
                            "result",
                            "polls",
                            "elapsedMillis",
                            "message");
        });
        assertThat(info.get(0))
                .startsWith("Waiting for OCR workflow 42 on Cora server 'prod' (" + simulator.endpointUrl()
                        + "): SOAP 1.1," + " basic authentication, polling every 100ms, deadline ");
        assertThat(info)
                .contains("OCR workflow 42 on Cora server 'prod' PASSED: it completed without error. Last status:"
                        + " Completed (NoError), ExternalContext \"inv-7\". 3 polls in "
                        + info.get(info.size() - 1).replaceAll(".* 3 polls in ", ""));
        assertThat(info.stream().filter(line -> line.contains("] status "))).hasSize(2);
        assertThat(host.saved).isNotEmpty();
    }

    @Test
    void anUnstableCodeMarksTheCallerWithAWarning() {
        simulator.script(
                8,
                WorkflowScript.builder().status("Completed", "TimedOut", "slow").build());
        RecordingHost host = new RecordingHost(this::simulated);
        WaitOptions options = fast().unstableErrorCodes(
                        java.util.Set.of(io.jenkins.plugins.coraocr.client.OcrErrorCode.TIMED_OUT))
                .build();
        gate(request(8, options, true, false), host).start();
        awaitReport(host);

        assertThat(host.reports).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo("unstable");
            assertThat(report.result()).containsEntry("result", "UNSTABLE");
            assertThat(report.message())
                    .startsWith("OCR workflow 8 on Cora server 'prod' UNSTABLE: it ended Completed with"
                            + " error code TimedOut, which is marked unstable.");
        });
        assertThat(problems).contains("WARNING: " + host.reports.get(0).message());
    }

    @Test
    void aFailedWorkflowFailsTheCallerWithOneLineTheHostPrints() {
        simulator.script(
                7,
                WorkflowScript.builder()
                        .status("ProcessingInput")
                        .status("Failed", "InputFileNotFound", "b-9")
                        .build());
        RecordingHost host = new RecordingHost(this::simulated);
        gate(request(7, fast().build(), true, false), host).start();
        awaitReport(host);

        assertThat(host.reports).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo("fail");
            assertThat(report.message())
                    .startsWith(
                            "OCR workflow 7 on Cora server 'prod' FAILED: it ended Failed with error"
                                    + " code InputFileNotFound. Last status: Failed (InputFileNotFound), ExternalContext \"b-9\". 2 polls in");
        });
        assertThat(info).noneMatch(line -> line.contains("FAILED"));
    }

    @Test
    void withoutPropagateEveryOutcomeComesBackAsData() {
        simulator.script(
                9, WorkflowScript.builder().status("Aborted", "InternalError").build());
        RecordingHost host = new RecordingHost(this::simulated);
        gate(request(9, fast().build(), false, false), host).start();
        awaitReport(host);

        assertThat(host.reports).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo("pass");
            assertThat(report.result()).containsEntry("result", "FAILED").containsEntry("status", "Aborted");
        });
        assertThat(info).anyMatch(line -> line.startsWith("OCR workflow 9 on Cora server 'prod' FAILED:"));
    }

    @Test
    void anErrorSaysWhatToChange() {
        RecordingHost host =
                new RecordingHost(() -> target(simulator.endpointUrl().toString(), "wrong"));
        gate(request(10, fast().build(), true, false), host).start();
        awaitReport(host);

        assertThat(host.reports)
                .singleElement()
                .satisfies(report -> assertThat(report.message())
                        .contains(
                                "ERROR: could not read the status: HTTP 401 Unauthorized: the server rejected the user name or"
                                        + " password")
                        .endsWith("To fix: Check the user name and password (the credentials)."));
        assertThat(simulator.requests()).hasSize(1);
    }

    @Test
    void quietPrintsOnlyTheOutcome() {
        simulator.script(
                11,
                WorkflowScript.builder().status("Queued").status("Completed").build());
        RecordingHost host = new RecordingHost(this::simulated);
        gate(request(11, fast().build(), true, true), host).start();
        awaitReport(host);

        assertThat(info)
                .singleElement()
                .satisfies(line -> assertThat(line).contains("OCR workflow 11 on Cora server" + " 'prod' PASSED"));
        assertThat(problems).isEmpty();
    }

    @Test
    void aStopBeforeTheFirstPollReportsTheCauseAndSendsNothing() {
        ManualExecutor executor = new ManualExecutor();
        RecordingHost host = new RecordingHost(this::simulated);
        GateRequest request = request(12, fast().build(), true, false);
        Gate gate = gate(request, WaitState.begin(12, request.options(), Instant.now()), host, executor);
        gate.start();
        IllegalStateException cause = new IllegalStateException("aborted by the user");
        gate.stop(cause);
        executor.runAll();

        assertThat(host.reports)
                .singleElement()
                .satisfies(report -> assertThat(report.cause()).isSameAs(cause));
        assertThat(host.connects).hasValue(0);
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void aStopWhileAPollIsInFlightAbortsItAndReportsOnce() {
        stalling.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(120_000)));
        RecordingHost host = new RecordingHost(() -> target(stalling.baseUrl(), "pw"));
        Gate gate = gate(request(13, fast().build(), true, false), host);
        gate.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !stalling.findAll(anyRequestedFor(anyUrl())).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> blocking.getActiveCount() == 1);

        IllegalStateException cause = new IllegalStateException("stopped");
        gate.stop(cause);

        await().atMost(Duration.ofSeconds(30)).until(() -> blocking.getActiveCount() == 0);
        assertThat(host.reports)
                .singleElement()
                .satisfies(report -> assertThat(report.cause()).isSameAs(cause));
        assertThat(stalling.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aStopAfterTheOutcomeWasComputedButBeforeItWasReportedWins() throws Exception {
        simulator.script(14, WorkflowScript.builder().status("Completed").build());
        ManualExecutor executor = new ManualExecutor();
        RecordingHost host = new RecordingHost(this::simulated);
        GateRequest request = request(14, fast().build(), true, false);
        Gate gate = gate(request, WaitState.begin(14, request.options(), Instant.now()), host, executor);
        gate.start();
        executor.runAll();
        // The outcome is computed; its delivery waits in the gate's executor.
        await().atMost(Duration.ofSeconds(30)).until(() -> executor.pending() == 1);

        IllegalStateException cause = new IllegalStateException("stopped");
        gate.stop(cause);
        executor.runAll();

        assertThat(host.reports)
                .singleElement()
                .satisfies(report -> assertThat(report.cause()).isSameAs(cause));
    }

    @Test
    void aDeadlineThatPassedWhileTheProcessWasDownEndsTheGateAtOnceWithOneLine() {
        simulator.script(15, WorkflowScript.builder().status("Completed").build());
        RecordingHost host = new RecordingHost(this::simulated);
        GateRequest request = request(15, fast().build(), true, false);
        WaitState longAgo = WaitState.begin(15, request.options(), Instant.now().minus(Duration.ofMinutes(2)));
        gate(request, longAgo, host, gateThreads).resume();
        awaitReport(host);

        assertThat(host.reports).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo("fail");
            assertThat(report.message()).contains("TIMED_OUT: the 1m timeout ran out while the wait was not running");
        });
        assertThat(info).isEmpty();
        assertThat(problems).isEmpty();
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void aServerRemovedWhileTheProcessWasDownEndsTheGateWithAnError() {
        SetupException gone = SetupException.serverGone("prod", List.of("staging", "dr"));
        for (boolean propagate : new boolean[] {true, false}) {
            RecordingHost host = new RecordingHost(this::simulated).failingSetup(gone);
            GateRequest request = request(16, fast().build(), propagate, false);
            gate(request, WaitState.begin(16, request.options(), Instant.now()), host, gateThreads)
                    .resume();
            awaitReport(host);

            assertThat(host.reports).singleElement().satisfies(report -> {
                assertThat(report.kind()).isEqualTo(propagate ? "fail" : "pass");
                String message =
                        propagate ? report.message() : (String) report.result().get("message");
                assertThat(message)
                        .startsWith("OCR workflow 16 ERROR: Cora server 'prod' is no longer configured"
                                + " (configured now: staging, dr); an administrator removed or renamed it"
                                + " while this build waited.");
                if (!propagate) {
                    assertThat(report.result()).containsEntry("result", "ERROR");
                }
            });
        }
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void aHostThatFailsToSaveStillGetsExactlyOneReport() {
        simulator.script(
                17,
                WorkflowScript.builder().status("Queued").status("Completed").build());
        RecordingHost host = new RecordingHost(this::simulated).failingSaves(new IllegalStateException("disk full"));
        gate(request(17, fast().build(), true, false), host).start();
        awaitReport(host);

        assertThat(host.reports)
                .singleElement()
                .satisfies(report -> assertThat(report.kind()).isEqualTo("pass"));
    }

    @Test
    void aReportThatThrowsEndsTheHostWithThatFailureOnce() {
        simulator.script(18, WorkflowScript.builder().status("Completed").build());
        IllegalStateException broken = new IllegalStateException("the host cannot take the result");
        RecordingHost host = new RecordingHost(this::simulated).failingPass(broken);
        gate(request(18, fast().build(), true, false), host).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> host.reports.size() >= 2);

        assertThat(host.reports).extracting(RecordingHost.Report::kind).containsExactly("pass", "stopped");
        assertThat(host.reports.get(1).cause()).isSameAs(broken);
    }

    @Test
    void suspendingStopsPollingWithoutReporting() throws Exception {
        simulator.script(19, WorkflowScript.builder().status("Queued").build());
        RecordingHost host = new RecordingHost(this::simulated);
        Gate gate = gate(request(19, fast().build(), true, false), host);
        gate.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.requests().size() >= 2);
        gate.suspend();
        int requests = simulator.requests().size();
        gateThreads.shutdown();
        gateThreads.awaitTermination(30, TimeUnit.SECONDS);
        Thread.sleep(FAST.multipliedBy(10).toMillis());

        // A request already on its way may still arrive; a gate that kept polling would send about ten more.
        assertThat(simulator.requests().size()).isLessThanOrEqualTo(requests + 1);
        assertThat(host.reports).isEmpty();
    }
}
