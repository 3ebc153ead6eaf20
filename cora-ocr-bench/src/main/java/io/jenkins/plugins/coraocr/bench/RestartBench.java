package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import io.jenkins.plugins.coraocr.client.wait.WaitListener;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A controller restart: N waits run in an "old" engine until each has had one answer (Queued), their latest
 * {@link WaitState} is saved as a restart would save it (each serialized on its own), the old engine is shut down,
 * and a new engine with a new client resumes all N from the deserialized states in the same instant. Each resumed
 * wait needs two more polls (Queued, then Completed). The engine spreads a resumed wait's first poll at random over
 * one poll interval; lateness of that poll counts from the moment the engine scheduled it, later polls as always.
 */
final class RestartBench {
    record Config(
            int waits,
            Duration interval,
            Duration beforeRamp,
            int blockingThreads,
            int maxConcurrentCalls,
            int responderThreads) {}

    record Result(int waits, long p99LatenessMs, long firstP99Ms, long drainMillis) {}

    private static final int POLLS_BEFORE = 1;
    private static final int POLLS_TO_FINISH = 3;

    private final Config config;
    private final PrintStream out;

    RestartBench(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    Result run() throws Exception {
        int n = config.waits();
        long intervalMs = config.interval().toMillis();
        out.printf(
                Locale.ROOT,
                "plan: %d waits, poll interval %d ms, started over %d ms in an old engine and run until each had %d"
                        + " answer; then saved, the old engine shut down, and all resumed at once in a new engine"
                        + " (new client, timer and pool: 1 timer thread, %d blocking threads, maxConcurrentCalls = %d);"
                        + " each resumed wait ends on its poll %d (2 polls after the restart)%n",
                n,
                intervalMs,
                config.beforeRamp().toMillis(),
                POLLS_BEFORE,
                config.blockingThreads(),
                config.maxConcurrentCalls(),
                POLLS_TO_FINISH);
        out.println("lateness = start of the poll on a pool thread - due; due = the moment the engine scheduled the"
                + " poll's timer + its delay, for a resumed wait's first poll the randomly spread moment within the"
                + " interval");
        WaitOptions options = WaitOptions.builder()
                .pollInterval(config.interval())
                .timeout(Duration.ofMinutes(10))
                .build();
        WaitListener quiet = new WaitListener() {};
        try (LoopbackResponder responder = new LoopbackResponder(config.responderThreads(), n, POLLS_TO_FINISH)) {
            // ---- the old process ----
            AtomicReferenceArray<WaitState> saved = new AtomicReferenceArray<>(n);
            CountDownLatch answeredOnce = new CountDownLatch(n);
            Engine old = new Engine(responder, null);
            List<CompletableFuture<WaitOutcome>> before = new ArrayList<>(n);
            try {
                long start = System.nanoTime();
                long rampNanos = config.beforeRamp().toNanos();
                for (int i = 0; i < n; i++) {
                    int index = i;
                    sleepUntil(start + rampNanos * i / n);
                    before.add(old.waiter.start(i + 1, options, new WaitListener() {
                        @Override
                        public void onState(WaitState state) {
                            saved.set(index, state);
                            if (state.polls() == POLLS_BEFORE) {
                                answeredOnce.countDown();
                            }
                        }
                    }));
                }
                if (!answeredOnce.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(
                            answeredOnce.getCount() + " waits had no answer before the restart");
                }
                out.printf(
                        Locale.ROOT,
                        "before the restart: %d waits answered once (%d requests) %d ms after the first start%n",
                        n,
                        responder.requests(),
                        (System.nanoTime() - start) / 1_000_000);
            } finally {
                // The process goes away: nothing of the old engine survives but the saved states.
                for (CompletableFuture<WaitOutcome> future : before) {
                    future.cancel(false);
                }
                old.close();
            }
            int stillWaiting = 0;
            for (CompletableFuture<WaitOutcome> future : before) {
                if (future.isCancelled()) {
                    stillWaiting++;
                }
            }

            // ---- what survives: one serialized state per wait ----
            long serializeStart = System.nanoTime();
            List<byte[]> stored = new ArrayList<>(n);
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                byte[] one = serialize(saved.get(i));
                bytes += one.length;
                stored.add(one);
            }
            WaitState[] restored = new WaitState[n];
            for (int i = 0; i < n; i++) {
                restored[i] = deserialize(stored.get(i));
            }
            stored.clear();
            out.printf(
                    Locale.ROOT,
                    "saved: %d of %d waits were still waiting when the old engine stopped; %d states serialized"
                            + " one by one (%.0f bytes each) and read back in %d ms%n",
                    stillWaiting,
                    n,
                    n,
                    (double) bytes / n,
                    (System.nanoTime() - serializeStart) / 1_000_000);

            // ---- the new process ----
            long requestsBefore = responder.requests();
            PollRecorder recorder = new PollRecorder(n * (POLLS_TO_FINISH - POLLS_BEFORE) + 1_000);
            Engine fresh = new Engine(responder, recorder);
            try {
                CountDownLatch done = new CountDownLatch(n);
                AtomicLong lastDone = new AtomicLong();
                List<CompletableFuture<WaitOutcome>> futures = new ArrayList<>(n);
                long resumeStart = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    CompletableFuture<WaitOutcome> future = fresh.waiter.resume(restored[i], options, quiet);
                    future.whenComplete((outcome, error) -> {
                        lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                        done.countDown();
                    });
                    futures.add(future);
                }
                long resumedIn = System.nanoTime() - resumeStart;
                boolean finished = done.await(intervalMs * 4 + 60_000, TimeUnit.MILLISECONDS);
                long drain = ((finished ? lastDone.get() : System.nanoTime()) - resumeStart) / 1_000_000;
                Thread.sleep(100); // let the last poll tasks record themselves

                Map<WaitResult, Integer> results = new EnumMap<>(WaitResult.class);
                int unfinished = 0;
                int wrongPolls = 0;
                for (CompletableFuture<WaitOutcome> future : futures) {
                    WaitOutcome outcome = future.getNow(null);
                    if (outcome == null) {
                        unfinished++;
                    } else {
                        results.merge(outcome.result(), 1, Integer::sum);
                        if (outcome.polls() != POLLS_TO_FINISH) {
                            wrongPolls++;
                        }
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "resumed %d waits in %.1f ms (one resume call each, one after the other); outcomes %s%s; %s;"
                                + " all done %d ms after the restart; %d requests after the restart%n",
                        n,
                        resumedIn / 1e6,
                        results,
                        unfinished == 0 ? "" : ", NOT FINISHED " + unfinished,
                        wrongPolls == 0
                                ? "every outcome counts " + POLLS_TO_FINISH + " polls, the saved one included"
                                : wrongPolls + " outcomes do NOT count " + POLLS_TO_FINISH + " polls",
                        drain,
                        responder.requests() - requestsBefore);
                out.printf(
                        Locale.ROOT,
                        "requests: busiest second %d (the spread alone would give about %d per second: %d waits over"
                                + " %d ms); polls handed to the pool by their timer %d, waited in the engine's queue for a"
                                + " place %d; attribution check: %d unmatched, %d notes left (both should be 0)%n",
                        recorder.busiestSecond(resumeStart),
                        Math.round(n * 1000.0 / intervalMs),
                        n,
                        intervalMs,
                        fresh.tap.atOnce(),
                        fresh.tap.fromQueue(),
                        fresh.tap.unmatched(),
                        fresh.tap.leftOver());
                out.printf(
                        Locale.ROOT,
                        "lateness of the polls after the restart (%d polls; first = the resumed wait's first):%n",
                        recorder.count());
                long p99 = recorder.report(out);
                long firstP99 = firstP99(recorder);
                out.printf(Locale.ROOT, "restart p99 lateness: %d ms (goal <= 250)%n", p99);
                return new Result(n, p99, firstP99, drain);
            } finally {
                fresh.close();
            }
        }
    }

    private static long firstP99(PollRecorder recorder) {
        int count = recorder.count();
        long[] firsts = new long[count];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (recorder.first()[i]) {
                firsts[k++] = recorder.latenessNanos()[i];
            }
        }
        return k == 0 ? -1 : Math.round(Stats.of(firsts, k).p99() / 1e6);
    }

    /** One process's engine: a client, a timer thread, the blocking pool and the waiter. */
    private final class Engine implements AutoCloseable {
        final ScheduledThreadPoolExecutor timer;
        final ThreadPoolExecutor pool;
        final CoraOcrClient client;
        final LaneTap tap;
        final OcrWaiter waiter;

        Engine(LoopbackResponder responder, PollRecorder recorder) {
            String name = recorder == null ? "old" : "resumed";
            timer = new ScheduledThreadPoolExecutor(1, InstrumentedExecutors.named(name + "-timer"));
            timer.setRemoveOnCancelPolicy(true);
            pool = new ThreadPoolExecutor(
                    config.blockingThreads(),
                    config.blockingThreads(),
                    60,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    InstrumentedExecutors.named(name + "-blocking"));
            client = CoraOcrClient.builder(responder.endpoint().toString()).build();
            tap = new LaneTap(recorder, config.interval().toNanos());
            waiter = new OcrWaiter(client, tap.scheduler(timer), tap.blocking(pool), config.maxConcurrentCalls());
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdownNow();
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            client.close();
        }
    }

    static byte[] serialize(WaitState state) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        try (ObjectOutputStream objects = new ObjectOutputStream(buffer)) {
            objects.writeObject(state);
        }
        return buffer.toByteArray();
    }

    static WaitState deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (WaitState) objects.readObject();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, 100_000_000L));
        }
    }
}
