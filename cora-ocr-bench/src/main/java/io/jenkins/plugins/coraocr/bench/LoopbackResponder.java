package io.jenkins.plugins.coraocr.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cheap stand-in for Cora: the JDK's HttpServer on 127.0.0.1 with a small executor, answering canned SOAP 1.1
 * GetStatusResponse envelopes. Workflow ids 1..capacity answer Queued until their {@code pollsToFinish}-th poll,
 * which answers Completed/NoError; other ids answer NotFound. Its threads' CPU time is measurable.
 */
final class LoopbackResponder implements AutoCloseable {
    static final String PATH = "/SequenceServices/coraOcrIntegration_v1.0.0.asmx";
    private static final byte[] ID_TAG = "MasterWorkflowInstanceId".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] QUEUED = envelope("Queued");
    private static final byte[] COMPLETED = envelope("Completed");
    private static final byte[] NOT_FOUND = envelope("NotFound");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Set<Long> threadIds = ConcurrentHashMap.newKeySet();
    private final int threads;
    private volatile int pollsToFinish;
    private volatile AtomicIntegerArray polls;
    private final AtomicLong requests = new AtomicLong();

    LoopbackResponder(int threads, int capacity, int pollsToFinish) throws IOException {
        this.threads = threads;
        this.pollsToFinish = pollsToFinish;
        this.polls = new AtomicIntegerArray(capacity + 1);
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "loopback-responder-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
        server.start();
        // Start the workers now, and find the server's selector thread, so that all of them are counted.
        for (int i = 0; i < threads; i++) {
            executor.submit(() -> threadIds.add(Thread.currentThread().getId()));
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("HTTP-Dispatcher")) {
                threadIds.add(thread.getId());
            }
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    int threads() {
        return threads;
    }

    /** Forgets how often each workflow was polled (after a warm-up). */
    void reset(int pollsToFinish) {
        this.pollsToFinish = pollsToFinish;
        polls = new AtomicIntegerArray(polls.length());
        requests.set(0);
    }

    long requests() {
        return requests.get();
    }

    /** CPU time used so far by the server's selector thread and its workers. */
    long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : threadIds) {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        requests.incrementAndGet();
        long id = workflowId(body);
        AtomicIntegerArray counts = polls;
        byte[] answer;
        if (id > 0 && id < counts.length()) {
            answer = counts.incrementAndGet((int) id) >= pollsToFinish ? COMPLETED : QUEUED;
        } else {
            answer = NOT_FOUND;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The digits after the MasterWorkflowInstanceId start tag, whatever prefix it has; -1 when absent. */
    static long workflowId(byte[] body) {
        outer:
        for (int i = 0; i + ID_TAG.length < body.length; i++) {
            for (int j = 0; j < ID_TAG.length; j++) {
                if (body[i + j] != ID_TAG[j]) {
                    continue outer;
                }
            }
            int k = i + ID_TAG.length;
            while (k < body.length && body[k] != '>' && body[k] != '<') {
                k++;
            }
            if (k >= body.length || body[k] != '>') {
                continue; // an end tag or an attribute value; keep looking
            }
            k++;
            long value = 0;
            int digits = 0;
            while (k < body.length && body[k] >= '0' && body[k] <= '9' && digits < 18) {
                value = value * 10 + (body[k] - '0');
                k++;
                digits++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }

    static byte[] envelope(String status) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                        + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                        + "<soap:Body><GetStatusResponse xmlns=\"http://genpact.com/cora/orchestration/ocr/1.0.0/api/\">"
                        + "<GetStatusResult><Status>" + status
                        + "</Status><ErrorCode>NoError</ErrorCode></GetStatusResult>"
                        + "</GetStatusResponse></soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
