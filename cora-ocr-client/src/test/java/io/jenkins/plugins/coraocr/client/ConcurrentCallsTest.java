package io.jenkins.plugins.coraocr.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One shared client, many threads: each caller must get the answer for its own workflow. */
class ConcurrentCallsTest {
    private static final int THREADS = 12;
    private static final int CALLS_PER_THREAD = 40;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig()
                    .dynamicPort()
                    .bindAddress("127.0.0.1")
                    .containerThreads(THREADS + 4)
                    .templatingEnabled(true))
            .build();

    @Test
    void everyCallerGetsTheStatusOfItsOwnWorkflow() throws Exception {
        // The answer echoes the id from the request's SOAP header, so a mixed-up header shows.
        server.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml; charset=utf-8")
                        .withBody(Envelopes.soap11(Envelopes.wrapped(
                                "Queued",
                                "NoError",
                                "id-{{xPath request.body '//*[local-name()=\"MasterWorkflowInstanceId\"]/text()'}}")))
                        .withTransformers("response-template")));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (CoraOcrClient client =
                CoraOcrClient.builder(server.baseUrl()).credentials("bot", "pw").build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<String>> caller = () -> {
                    start.await();
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        long id = 1_000_000L * (thread + 1) + i;
                        String context = client.getStatus(id).externalContext().orElse("none");
                        if (!context.equals("id-" + id)) {
                            mismatches.add(id + " -> " + context);
                        }
                    }
                    return mismatches;
                };
                results.add(pool.submit(caller));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.getAllServeEvents()).hasSize(THREADS * CALLS_PER_THREAD);
    }
}
