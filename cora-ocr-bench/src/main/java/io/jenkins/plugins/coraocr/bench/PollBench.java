package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.WorkflowStatus;
import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import io.jenkins.plugins.coraocr.simulator.RecordedRequest;
import io.jenkins.plugins.coraocr.simulator.Scenario;
import io.jenkins.plugins.coraocr.simulator.WorkflowScript;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The cost of one poll: {@link CoraOcrClient#getStatus} against the simulator versus the floor, a raw
 * {@link HttpClient} HTTP/1.1 POST of the same request bytes to the same server plus a JDK DOM parse of the
 * answer, and versus the reference, the same with {@link java.net.HttpURLConnection}. A fourth contender, bare
 * Apache HttpClient 5 (the client's transport) + the same DOM parse, splits the client's extra cost into its HTTP
 * library and everything above it (CXF, the conduit, the client's own code). One thread, one call at a time, the
 * four interleaved (rotating which goes first) after a common warm-up, so all see the same JIT state, the same
 * server and the same machine noise. Next to the wall time of each call, the calling thread's CPU time and the
 * bytes it allocated are taken: the client-side work alone, without the server's and without waiting for the CPU.
 */
final class PollBench {
    static final long WORKFLOW_ID = 4242;
    static final String NAMESPACE = "http://genpact.com/cora/orchestration/ocr/1.0.0/api/";

    record Config(int warmupRounds, int measuredRounds) {}

    record Result(
            Stats client,
            Stats floor,
            Stats urlConnection,
            double medianRatio,
            double p99Ratio,
            double refRatio,
            CapturedRequest request) {}

    @FunctionalInterface
    interface Call {
        /** Returns the Status text of the answer. */
        String call() throws Exception;
    }

    /** One way to poll, its measurements and its label. */
    private static final class Contender {
        final String name;
        final Call call;
        final long[] wallNanos;
        final long[] cpuNanos;
        final long[] allocatedBytes;

        Contender(String name, Call call, int rounds) {
            this.name = name;
            this.call = call;
            this.wallNanos = new long[rounds];
            this.cpuNanos = new long[rounds];
            this.allocatedBytes = new long[rounds];
        }

        /** Wall time inside, the calling thread's CPU time and allocation outside the timed stretch. */
        void measure(int round, com.sun.management.ThreadMXBean threads) throws Exception {
            long allocatedStart = threads.getCurrentThreadAllocatedBytes();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            String status = call.call();
            long took = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedStart;
            if (status == null) {
                throw new IllegalStateException(name + ": no status");
            }
            wallNanos[round] = took;
            cpuNanos[round] = cpu;
            allocatedBytes[round] = allocated;
        }
    }

    private final Config config;
    private final PrintStream out;

    PollBench(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    Result run() throws Exception {
        Scenario scenario = Scenario.builder()
                .workflow(WORKFLOW_ID, WorkflowScript.builder().status("Queued").build())
                .build();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (CoraOcrSimulator simulator =
                        CoraOcrSimulator.builder().scenario(scenario).start();
                CoraOcrClient client = CoraOcrClient.builder(
                                simulator.endpointUrl().toString())
                        .build()) {
            WorkflowStatus first = client.getStatus(WORKFLOW_ID);
            List<RecordedRequest> recorded = simulator.requests();
            CapturedRequest request = CapturedRequest.from(simulator.endpointUrl(), recorded.get(recorded.size() - 1));
            simulator.clearRequests();
            Floor floor = new Floor(request);
            UrlConnectionFloor urlFloor = new UrlConnectionFloor(request);
            try (BareHttpClient5 bare = new BareHttpClient5(request)) {
                String floorStatus = floor.call();
                String urlStatus = urlFloor.call();
                String bareStatus = bare.call();
                if (!first.rawStatus().equals(floorStatus)
                        || !first.rawStatus().equals(urlStatus)
                        || !first.rawStatus().equals(bareStatus)) {
                    throw new IllegalStateException("client read " + first.rawStatus() + " but the others read "
                            + floorStatus + ", " + urlStatus + " and " + bareStatus);
                }
                out.printf(
                        Locale.ROOT,
                        "server: CoraOcrSimulator (the JDK's HTTP server) at %s, workflow %d answers Queued%n",
                        simulator.endpointUrl(),
                        WORKFLOW_ID);
                out.printf(
                        Locale.ROOT,
                        "request: %d bytes, Content-Type: %s, SOAPAction: %s%n",
                        request.body().length,
                        request.contentType(),
                        request.soapAction());
                out.printf(
                        Locale.ROOT,
                        "floor: java.net.http.HttpClient HTTP/1.1 POST of the same bytes + JDK DOM parse%n");
                out.printf(
                        Locale.ROOT,
                        "reference: HttpURLConnection POST of the same bytes (kept alive, body sent with the headers)"
                                + " + JDK DOM parse%n");
                out.printf(
                        Locale.ROOT,
                        "diagnostic (no goal): bare Apache HttpClient 5 classic, pooled, POST of the same bytes + JDK"
                                + " DOM parse: the client's transport without CXF, the conduit and the client's own code%n");

                Call clientCall = () -> client.getStatus(WORKFLOW_ID).rawStatus();
                long warmStart = System.nanoTime();
                for (int i = 0; i < config.warmupRounds(); i++) {
                    clientCall.call();
                    floor.call();
                    urlFloor.call();
                    bare.call();
                    if (i % 500 == 499) {
                        simulator.clearRequests();
                    }
                }
                simulator.clearRequests();
                out.printf(
                        Locale.ROOT,
                        "warm-up: %d rounds (all four) in %.1f s%n",
                        config.warmupRounds(),
                        (System.nanoTime() - warmStart) / 1e9);

                int rounds = config.measuredRounds();
                Contender[] contenders = {
                    new Contender("getStatus() (the client)", clientCall, rounds),
                    new Contender("floor (HttpClient + DOM)", floor::call, rounds),
                    new Contender("ref. (HttpURLConnection + DOM)", urlFloor::call, rounds),
                    new Contender("bare HttpClient 5 + DOM", bare::call, rounds)
                };
                long measureStart = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    // Rotate the order so that none of them always runs right after another.
                    for (int k = 0; k < contenders.length; k++) {
                        contenders[(i + k) % contenders.length].measure(i, threads);
                    }
                    if (i % 500 == 499) {
                        simulator.clearRequests(); // the simulator keeps every request; do not let that list grow
                    }
                }
                simulator.clearRequests();
                out.printf(
                        Locale.ROOT,
                        "measured: %d interleaved rounds in %.1f s%n",
                        rounds,
                        (System.nanoTime() - measureStart) / 1e9);

                Stats clientStats = Stats.of(contenders[0].wallNanos);
                Stats floorStats = Stats.of(contenders[1].wallNanos);
                Stats urlStats = Stats.of(contenders[2].wallNanos);
                Stats bareStats = Stats.of(contenders[3].wallNanos);
                double medianRatio = (double) clientStats.median() / floorStats.median();
                double p99Ratio = (double) clientStats.p99() / floorStats.p99();
                double refRatio = (double) clientStats.median() / urlStats.median();
                out.printf(
                        Locale.ROOT,
                        "%-32s %10s %10s %10s %10s %10s %14s %12s%n",
                        "",
                        "min us",
                        "median us",
                        "mean us",
                        "p99 us",
                        "max us",
                        "CPU median us",
                        "alloc KiB");
                for (Contender contender : contenders) {
                    row(
                            contender.name,
                            Stats.of(contender.wallNanos),
                            Stats.of(contender.cpuNanos),
                            Stats.of(contender.allocatedBytes));
                }
                out.printf(
                        Locale.ROOT,
                        "ratio client/floor: median %.2f, p99 %.2f (goal: median <= 1.2)%n",
                        medianRatio,
                        p99Ratio);
                out.printf(
                        Locale.ROOT,
                        "ref-ratio client/reference: median %.2f (goal <= 1.10), p99 %.2f; client minus reference %s us"
                                + " per poll (median), of it calling-thread CPU %s us%n",
                        refRatio,
                        (double) clientStats.p99() / urlStats.p99(),
                        Stats.micros(clientStats.median() - urlStats.median()),
                        Stats.micros(Stats.of(contenders[0].cpuNanos).median()
                                - Stats.of(contenders[2].cpuNanos).median()));
                out.printf(
                        Locale.ROOT,
                        "split of client minus reference (medians): bare HttpClient 5 minus reference %s us (the HTTP"
                                + " library); client minus bare HttpClient 5 %s us (CXF, the conduit, the client's own"
                                + " code); CPU: %s us and %s us%n",
                        Stats.micros(bareStats.median() - urlStats.median()),
                        Stats.micros(clientStats.median() - bareStats.median()),
                        Stats.micros(Stats.of(contenders[3].cpuNanos).median()
                                - Stats.of(contenders[2].cpuNanos).median()),
                        Stats.micros(Stats.of(contenders[0].cpuNanos).median()
                                - Stats.of(contenders[3].cpuNanos).median()));
                return new Result(clientStats, floorStats, urlStats, medianRatio, p99Ratio, refRatio, request);
            }
        }
    }

    private void row(String name, Stats wall, Stats cpu, Stats allocated) {
        out.printf(
                Locale.ROOT,
                "%-32s %10s %10s %10.1f %10s %10s %14s %12.1f%n",
                name,
                Stats.micros(wall.min()),
                Stats.micros(wall.median()),
                wall.mean() / 1000.0,
                Stats.micros(wall.p99()),
                Stats.micros(wall.max()),
                Stats.micros(cpu.median()),
                allocated.median() / 1024.0);
    }

    /** The least a Java client must do per poll: one HTTP/1.1 POST on a kept-alive connection and a DOM parse. */
    static final class Floor {
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        private final HttpRequest request;
        private final DocumentBuilder parser;

        Floor(CapturedRequest captured) throws Exception {
            HttpRequest.Builder builder = HttpRequest.newBuilder(captured.endpoint())
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", captured.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(captured.body()));
            if (captured.soapAction() != null) {
                builder.header("SOAPAction", captured.soapAction());
            }
            this.request = builder.build();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            this.parser = factory.newDocumentBuilder();
        }

        /** Returns the Status text of the answer. */
        String call() throws Exception {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("floor got HTTP " + response.statusCode());
            }
            parser.reset();
            Document document = parser.parse(new ByteArrayInputStream(response.body()));
            NodeList status = document.getElementsByTagNameNS(NAMESPACE, "Status");
            return status.getLength() == 0
                    ? null
                    : status.item(0).getTextContent().trim();
        }
    }

    /**
     * HttpURLConnection, kept alive by the JDK's cache, plus the same DOM parse. No streaming mode: the body is
     * buffered and leaves with the headers, as the client's own transport sends it.
     */
    static final class UrlConnectionFloor {
        private final CapturedRequest captured;
        private final java.net.URL url;
        private final DocumentBuilder parser;

        UrlConnectionFloor(CapturedRequest captured) throws Exception {
            this.captured = captured;
            this.url = captured.endpoint().toURL();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            this.parser = factory.newDocumentBuilder();
        }

        String call() throws Exception {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(30_000);
            // No streaming mode: the JDK buffers the body and sends it with the headers.
            connection.setRequestProperty("Content-Type", captured.contentType());
            if (captured.soapAction() != null) {
                connection.setRequestProperty("SOAPAction", captured.soapAction());
            }
            try (java.io.OutputStream body = connection.getOutputStream()) {
                body.write(captured.body());
            }
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("reference got HTTP " + connection.getResponseCode());
            }
            byte[] answer;
            try (java.io.InputStream in = connection.getInputStream()) {
                answer = in.readAllBytes(); // read to the end, so the connection goes back to the keep-alive cache
            }
            parser.reset();
            Document document = parser.parse(new ByteArrayInputStream(answer));
            NodeList status = document.getElementsByTagNameNS(NAMESPACE, "Status");
            return status.getLength() == 0
                    ? null
                    : status.item(0).getTextContent().trim();
        }
    }

    /**
     * Apache HttpClient 5 classic with a pooling connection manager, as little configured as it allows (no retries,
     * redirects, cookies or compression), plus the same DOM parse: what the client's transport costs by itself.
     */
    static final class BareHttpClient5 implements AutoCloseable {
        private final org.apache.hc.client5.http.impl.classic.CloseableHttpClient http;
        private final CapturedRequest captured;
        private final org.apache.hc.core5.http.ContentType contentType;
        private final DocumentBuilder parser;

        BareHttpClient5(CapturedRequest captured) throws Exception {
            this.captured = captured;
            this.contentType = org.apache.hc.core5.http.ContentType.parseLenient(captured.contentType());
            this.http = org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                    .setConnectionManager(
                            org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create()
                                    .build())
                    .disableAutomaticRetries()
                    .disableRedirectHandling()
                    .disableCookieManagement()
                    .disableContentCompression()
                    .build();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            this.parser = factory.newDocumentBuilder();
        }

        String call() throws Exception {
            org.apache.hc.client5.http.classic.methods.HttpPost post =
                    new org.apache.hc.client5.http.classic.methods.HttpPost(captured.endpoint());
            if (captured.soapAction() != null) {
                post.setHeader("SOAPAction", captured.soapAction());
            }
            post.setEntity(new org.apache.hc.core5.http.io.entity.ByteArrayEntity(captured.body(), contentType));
            byte[] answer;
            try (org.apache.hc.core5.http.ClassicHttpResponse response = http.executeOpen(null, post, null)) {
                if (response.getCode() != 200) {
                    throw new IllegalStateException("bare HttpClient 5 got HTTP " + response.getCode());
                }
                answer = org.apache.hc.core5.http.io.entity.EntityUtils.toByteArray(response.getEntity());
            }
            parser.reset();
            Document document = parser.parse(new ByteArrayInputStream(answer));
            NodeList status = document.getElementsByTagNameNS(NAMESPACE, "Status");
            return status.getLength() == 0
                    ? null
                    : status.item(0).getTextContent().trim();
        }

        @Override
        public void close() throws java.io.IOException {
            http.close();
        }
    }
}
