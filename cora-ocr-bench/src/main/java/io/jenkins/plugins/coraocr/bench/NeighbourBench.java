package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import io.jenkins.plugins.coraocr.client.wait.WaitListener;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A healthy Cora server and a trickling one served by the same threads: N waits on the healthy server (the same
 * plan as the many-waits run) and a hundred on the {@link TricklingServer}, all on ONE blocking pool (the
 * plugin's 8 threads) and ONE timer thread, one {@link OcrWaiter} per server, each limited to half the pool. The
 * trickling waits start first and keep all of their server's places busy for the whole run; measured is how late
 * the healthy waits' polls start.
 */
final class NeighbourBench {
    record Config(
            int healthyWaits,
            int tricklingWaits,
            Duration interval,
            int pollsPerWait,
            int blockingThreads,
            int maxConcurrentCalls,
            Duration trickleReadTimeout,
            Duration byteEvery,
            int warmupCalls) {
        long rampMillis() {
            return interval.toMillis();
        }

        /** Start ramp + (polls - 1) intervals; the first poll goes out at once. */
        long idealMillis() {
            return rampMillis() + (pollsPerWait - 1) * interval.toMillis();
        }

        /** The trickling waits' deadline: well after the healthy waits can have ended. */
        Duration tricklingTimeout() {
            return Duration.ofMillis(idealMillis() * 3 + 120_000);
        }
    }

    record Result(int healthyWaits, int tricklingWaits, long p99LatenessMs, long wallMillis) {}

    private final Config config;
    private final PrintStream out;

    NeighbourBench(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    Result run() throws Exception {
        int n = config.healthyWaits();
        int m = config.tricklingWaits();
        long intervalMs = config.interval().toMillis();
        out.printf(
                Locale.ROOT,
                "plan: %d waits on a healthy server, started evenly over %d ms, poll interval %d ms, each done on"
                        + " its poll %d; %d waits on a trickling server, started first, read timeout %d ms, deadline %d s"
                        + " (after the run), at most %d consecutive errors (more than the run allows)%n",
                n,
                config.rampMillis(),
                intervalMs,
                config.pollsPerWait(),
                m,
                config.trickleReadTimeout().toMillis(),
                config.tricklingTimeout().toSeconds(),
                WaitOptions.DEFAULT_MAX_CONSECUTIVE_ERRORS);
        out.printf(
                Locale.ROOT,
                "engine: ONE timer thread and ONE blocking pool of %d threads shared by two OcrWaiters (one per server,"
                        + " one CoraOcrClient each), each with maxConcurrentCalls = %d%n",
                config.blockingThreads(),
                config.maxConcurrentCalls());
        out.println(
                "lateness (healthy waits only) = start of the poll on a pool thread - (moment the engine scheduled"
                        + " its timer + the delay); it includes waiting in the engine's per-server queue and in the pool's queue");

        try (LoopbackResponder responder = new LoopbackResponder(2, n, config.pollsPerWait());
                TricklingServer trickler = new TricklingServer(config.byteEvery(), 64, Duration.ofMinutes(10))) {
            if (config.trickleReadTimeout().compareTo(trickler.answerDuration()) >= 0) {
                throw new IllegalStateException("the trickling answer would complete within the read timeout");
            }
            out.println("healthy server: the loopback responder at " + responder.endpoint());
            out.println("trickling server: " + trickler.describe());

            ScheduledThreadPoolExecutor timer =
                    new ScheduledThreadPoolExecutor(1, InstrumentedExecutors.named("neighbour-timer"));
            timer.setRemoveOnCancelPolicy(true);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    config.blockingThreads(),
                    config.blockingThreads(),
                    60,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    InstrumentedExecutors.named("neighbour-blocking"));
            PollRecorder recorder = new PollRecorder(n * config.pollsPerWait() + 1_000);
            LaneTap healthyTap = new LaneTap(recorder, config.interval().toNanos());
            LaneTap tricklingTap = new LaneTap(null, config.interval().toNanos());
            CoraOcrClient healthyClient =
                    CoraOcrClient.builder(responder.endpoint().toString()).build();
            CoraOcrClient tricklingClient = CoraOcrClient.builder(
                            trickler.endpoint().toString())
                    .readTimeout(config.trickleReadTimeout())
                    .build();
            List<CompletableFuture<WaitOutcome>> trickling = new ArrayList<>(m);
            try {
                WarmUp.calls(healthyClient, pool, n + 1, config.warmupCalls(), out, "to the healthy server");
                responder.reset(config.pollsPerWait());
                OcrWaiter healthyWaiter = new OcrWaiter(
                        healthyClient,
                        healthyTap.scheduler(timer),
                        healthyTap.blocking(pool),
                        config.maxConcurrentCalls());
                OcrWaiter tricklingWaiter = new OcrWaiter(
                        tricklingClient,
                        tricklingTap.scheduler(timer),
                        tricklingTap.blocking(pool),
                        config.maxConcurrentCalls());
                WaitListener listener = new WaitListener() {};

                // The neighbour first: its first polls take all of its places, the rest queue without a thread.
                WaitOptions tricklingOptions = WaitOptions.builder()
                        .pollInterval(config.interval())
                        .timeout(config.tricklingTimeout())
                        .build();
                for (int i = 0; i < m; i++) {
                    trickling.add(tricklingWaiter.start(1_000_000 + i, tricklingOptions, listener));
                }
                long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (trickler.requests() < Math.min(m, config.maxConcurrentCalls())
                        && System.nanoTime() < settleUntil) {
                    Thread.sleep(20);
                }
                out.printf(
                        Locale.ROOT,
                        "trickling waits started: %d, their server holds %d connections (the other %d polls wait"
                                + " in the engine's queue, holding no thread)%n",
                        m,
                        trickler.open(),
                        m - trickler.open());

                WaitOptions options = WaitOptions.builder()
                        .pollInterval(config.interval())
                        .timeout(Duration.ofMillis(config.idealMillis() * 4 + 60_000))
                        .build();
                CountDownLatch done = new CountDownLatch(n);
                AtomicLong lastDone = new AtomicLong();
                List<CompletableFuture<WaitOutcome>> futures = new ArrayList<>(n);
                Sampler sampler = new Sampler(trickler, pool);
                long runStart = System.nanoTime();
                long rampNanos = TimeUnit.MILLISECONDS.toNanos(config.rampMillis());
                for (int i = 0; i < n; i++) {
                    long startAt = runStart + rampNanos * i / n;
                    while (System.nanoTime() < startAt) {
                        sampler.maybeSample();
                        TimeUnit.NANOSECONDS.sleep(Math.min(startAt - System.nanoTime(), 20_000_000L));
                    }
                    CompletableFuture<WaitOutcome> future = healthyWaiter.start(i + 1, options, listener);
                    future.whenComplete((outcome, error) -> {
                        lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                        done.countDown();
                    });
                    futures.add(future);
                }
                long giveUpAt = runStart + TimeUnit.MILLISECONDS.toNanos(config.idealMillis() * 3 + 60_000);
                while (done.getCount() > 0 && System.nanoTime() < giveUpAt) {
                    sampler.maybeSample();
                    done.await(20, TimeUnit.MILLISECONDS);
                }
                boolean finished = done.getCount() == 0;
                long wallNanos = (finished ? lastDone.get() : System.nanoTime()) - runStart;
                Thread.sleep(100); // let the last poll tasks record themselves

                int tricklingEndedEarly = 0;
                for (CompletableFuture<WaitOutcome> future : trickling) {
                    if (future.isDone()) {
                        tricklingEndedEarly++;
                    }
                }
                int connectionsDuringRun = trickler.accepted();
                int closedDuringRun = trickler.closedByClient();
                long meanHeld = trickler.meanHeldMillis();

                Map<WaitResult, Integer> results = new EnumMap<>(WaitResult.class);
                int unfinished = 0;
                for (CompletableFuture<WaitOutcome> future : futures) {
                    WaitOutcome outcome = future.getNow(null);
                    if (outcome == null) {
                        unfinished++;
                    } else {
                        results.merge(outcome.result(), 1, Integer::sum);
                    }
                }

                // ---- report ----
                out.printf(
                        Locale.ROOT,
                        "healthy outcomes: %s%s in %.1f s (ideal %.1f s without jitter); requests the healthy server"
                                + " saw: %d%n",
                        results,
                        unfinished == 0 ? "" : ", NOT FINISHED " + unfinished,
                        wallNanos / 1e9,
                        config.idealMillis() / 1e3,
                        responder.requests());
                out.printf(
                        Locale.ROOT,
                        "trickling server during the healthy run: connections open min %d / mean %.2f / max %d of the"
                                + " %d places (sampled every 20 ms, %d samples); pool threads busy min %d / mean %.2f /"
                                + " max %d of %d; %d connections accepted, %d closed by the client's watchdog after"
                                + " %d ms on average; %d of %d trickling waits ended during the run%n",
                        sampler.minOpen,
                        sampler.meanOpen(),
                        sampler.maxOpen,
                        config.maxConcurrentCalls(),
                        sampler.samples,
                        sampler.minActive,
                        sampler.meanActive(),
                        sampler.maxActive,
                        config.blockingThreads(),
                        connectionsDuringRun,
                        closedDuringRun,
                        meanHeld,
                        tricklingEndedEarly,
                        m);
                out.printf(
                        Locale.ROOT,
                        "healthy polls: %d handed to the pool by their timer, %d waited in the engine's queue for one"
                                + " of the healthy server's places; attribution check: %d unmatched, %d notes left"
                                + " (both should be 0)%n",
                        healthyTap.atOnce(),
                        healthyTap.fromQueue(),
                        healthyTap.unmatched(),
                        healthyTap.leftOver());
                out.printf(
                        Locale.ROOT,
                        "lateness of the healthy waits' polls against their schedule (%d polls):%n",
                        recorder.count());
                long p99 = recorder.report(out);
                out.printf(Locale.ROOT, "neighbour p99 lateness: %d ms (goal <= 250)%n", p99);
                return new Result(n, m, p99, Math.round(wallNanos / 1e6));
            } finally {
                // Cancelling aborts the trickling calls in flight and withdraws the queued ones.
                for (Future<?> future : trickling) {
                    future.cancel(false);
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (trickler.open() > 0 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                out.printf(
                        Locale.ROOT,
                        "after cancelling the trickling waits: %d connections still open at the trickling server%n",
                        trickler.open());
                timer.shutdownNow();
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
                healthyClient.close();
                tricklingClient.close();
            }
        }
    }

    /** Samples, on the bench's own thread, how many places the trickling server holds and how busy the pool is. */
    private static final class Sampler {
        private final TricklingServer trickler;
        private final ThreadPoolExecutor pool;
        private long next = System.nanoTime();
        int samples;
        int minOpen = Integer.MAX_VALUE;
        int maxOpen;
        long sumOpen;
        int minActive = Integer.MAX_VALUE;
        int maxActive;
        long sumActive;

        Sampler(TricklingServer trickler, ThreadPoolExecutor pool) {
            this.trickler = trickler;
            this.pool = pool;
        }

        void maybeSample() {
            long now = System.nanoTime();
            if (now < next) {
                return;
            }
            next = now + 20_000_000L;
            int open = trickler.open();
            int active = pool.getActiveCount();
            samples++;
            minOpen = Math.min(minOpen, open);
            maxOpen = Math.max(maxOpen, open);
            sumOpen += open;
            minActive = Math.min(minActive, active);
            maxActive = Math.max(maxActive, active);
            sumActive += active;
        }

        double meanOpen() {
            return samples == 0 ? 0 : (double) sumOpen / samples;
        }

        double meanActive() {
            return samples == 0 ? 0 : (double) sumActive / samples;
        }
    }
}
