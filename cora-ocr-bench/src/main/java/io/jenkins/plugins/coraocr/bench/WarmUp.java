package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Warms a client (the JIT, its pooled connections) before a run measures it. */
final class WarmUp {
    private WarmUp() {}

    /**
     * {@code count} getStatus calls through {@code pool}, on the 1,000 ids from {@code firstId} on, which the
     * benchmark's responders answer NotFound; prints how long they took.
     */
    static void calls(CoraOcrClient client, ExecutorService pool, long firstId, int count, PrintStream out, String how)
            throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = firstId + (i % 1000);
            calls.add(pool.submit(() -> {
                client.getStatus(id);
                return null;
            }));
        }
        for (Future<?> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        out.printf(
                Locale.ROOT,
                "warm-up: %d getStatus calls %s in %d ms%n",
                count,
                how,
                (System.nanoTime() - start) / 1_000_000);
    }
}
