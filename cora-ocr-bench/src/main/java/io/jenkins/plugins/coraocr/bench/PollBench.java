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
 * answer. One thread, one call at a time, the two interleaved (alternating which goes first) after a common
 * warm-up, so both see the same JIT state, the same server and the same machine noise.
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
            CapturedRequest request) {}

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
            String floorStatus = floor.call();
            String urlStatus = urlFloor.call();
            if (!first.rawStatus().equals(floorStatus) || !first.rawStatus().equals(urlStatus)) {
                throw new IllegalStateException("client read " + first.rawStatus() + " but the floors read "
                        + floorStatus + " and " + urlStatus);
            }
            out.printf(
                    Locale.ROOT,
                    "server: CoraOcrSimulator (Jetty 12 + CXF) at %s, workflow %d answers Queued%n",
                    simulator.endpointUrl(),
                    WORKFLOW_ID);
            out.printf(
                    Locale.ROOT,
                    "request: %d bytes, Content-Type: %s, SOAPAction: %s%n",
                    request.body().length,
                    request.contentType(),
                    request.soapAction());
            out.printf(
                    Locale.ROOT, "floor: java.net.http.HttpClient HTTP/1.1 POST of the same bytes + JDK DOM parse%n");
            out.printf(
                    Locale.ROOT,
                    "reference (not the goal): HttpURLConnection POST of the same bytes + JDK DOM parse,"
                            + " the transport CXF's conduit uses, so client minus reference is CXF's own cost%n");

            long warmStart = System.nanoTime();
            for (int i = 0; i < config.warmupRounds(); i++) {
                client.getStatus(WORKFLOW_ID);
                floor.call();
                urlFloor.call();
                if (i % 500 == 499) {
                    simulator.clearRequests();
                }
            }
            simulator.clearRequests();
            out.printf(
                    Locale.ROOT,
                    "warm-up: %d rounds (client + floor + reference) in %.1f s%n",
                    config.warmupRounds(),
                    (System.nanoTime() - warmStart) / 1e9);

            int rounds = config.measuredRounds();
            long[] clientNanos = new long[rounds];
            long[] floorNanos = new long[rounds];
            long[] urlNanos = new long[rounds];
            long measureStart = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                // Rotate the order so that none of the three always runs right after another.
                switch (i % 3) {
                    case 0 -> {
                        clientNanos[i] = timeClient(client);
                        floorNanos[i] = timeFloor(floor::call);
                        urlNanos[i] = timeFloor(urlFloor::call);
                    }
                    case 1 -> {
                        floorNanos[i] = timeFloor(floor::call);
                        urlNanos[i] = timeFloor(urlFloor::call);
                        clientNanos[i] = timeClient(client);
                    }
                    default -> {
                        urlNanos[i] = timeFloor(urlFloor::call);
                        clientNanos[i] = timeClient(client);
                        floorNanos[i] = timeFloor(floor::call);
                    }
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

            Stats clientStats = Stats.of(clientNanos);
            Stats floorStats = Stats.of(floorNanos);
            Stats urlStats = Stats.of(urlNanos);
            double medianRatio = (double) clientStats.median() / floorStats.median();
            double p99Ratio = (double) clientStats.p99() / floorStats.p99();
            out.printf(
                    Locale.ROOT,
                    "%-32s %10s %10s %10s %10s %10s%n",
                    "",
                    "min us",
                    "median us",
                    "mean us",
                    "p99 us",
                    "max us");
            row("getStatus() (CXF client)", clientStats);
            row("floor (HttpClient + DOM)", floorStats);
            row("ref. (HttpURLConnection + DOM)", urlStats);
            out.printf(
                    Locale.ROOT,
                    "ratio client/floor: median %.2f, p99 %.2f (goal: median <= 1.2)%n",
                    medianRatio,
                    p99Ratio);
            out.printf(
                    Locale.ROOT,
                    "client minus floor: %s us per poll (median); client/reference: median %.2f, p99 %.2f"
                            + " (client minus reference %s us)%n",
                    Stats.micros(clientStats.median() - floorStats.median()),
                    (double) clientStats.median() / urlStats.median(),
                    (double) clientStats.p99() / urlStats.p99(),
                    Stats.micros(clientStats.median() - urlStats.median()));
            return new Result(clientStats, floorStats, urlStats, medianRatio, p99Ratio, request);
        }
    }

    private void row(String name, Stats stats) {
        out.printf(
                Locale.ROOT,
                "%-32s %10s %10s %10.1f %10s %10s%n",
                name,
                Stats.micros(stats.min()),
                Stats.micros(stats.median()),
                stats.mean() / 1000.0,
                Stats.micros(stats.p99()),
                Stats.micros(stats.max()));
    }

    private static long timeClient(CoraOcrClient client) throws Exception {
        long start = System.nanoTime();
        WorkflowStatus status = client.getStatus(WORKFLOW_ID);
        long took = System.nanoTime() - start;
        if (status == null) {
            throw new IllegalStateException("no status");
        }
        return took;
    }

    @FunctionalInterface
    interface Call {
        String call() throws Exception;
    }

    private static long timeFloor(Call floor) throws Exception {
        long start = System.nanoTime();
        String status = floor.call();
        long took = System.nanoTime() - start;
        if (status == null) {
            throw new IllegalStateException("no status");
        }
        return took;
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
     * HttpURLConnection, kept alive by the JDK's cache, as CXF's conduit uses it, plus the same DOM parse. The body
     * is buffered and leaves with the headers; with setFixedLengthStreamingMode (headers and body in separate writes)
     * this machine measured about 1.3 ms more per request against Jetty.
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
            // No streaming mode: the JDK buffers the body and sends it with the headers, as CXF (chunking off) does.
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
}
