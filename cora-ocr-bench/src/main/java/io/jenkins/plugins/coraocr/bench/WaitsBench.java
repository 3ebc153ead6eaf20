package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.client.CoraOcrClient;
import io.jenkins.plugins.coraocr.client.wait.OcrWaiter;
import io.jenkins.plugins.coraocr.client.wait.WaitListener;
import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N concurrent waits in one JVM through {@link OcrWaiter}, one shared {@link CoraOcrClient}, a one-thread scheduler
 * and a small blocking pool, against {@link LoopbackResponder}. The waits start evenly over one poll interval (the
 * steady state of a controller with many waiting pipelines), each finishes after a few polls. The restart case is
 * {@link RestartBench}, the slow neighbour {@link NeighbourBench}.
 */
final class WaitsBench {
    record Config(
            int waits,
            Duration interval,
            int pollsPerWait,
            int blockingThreads,
            int responderThreads,
            int warmupCalls) {
        /** The waits start evenly over one interval, as pipelines reach the gate at different times. */
        long rampMillis() {
            return interval.toMillis();
        }

        /**
         * Every wait on schedule and no jitter: start ramp + (polls - 1) intervals ({@link OcrWaiter#start} sends a
         * new wait's first poll at once).
         */
        long idealMillis() {
            return rampMillis() + (pollsPerWait - 1) * interval.toMillis();
        }

        /** The latest a perfectly punctual engine can finish, counting the engine's own up-to-10% jitter. */
        long jitterBoundMillis() {
            return rampMillis() + (pollsPerWait - 1) * interval.toMillis() * 11 / 10;
        }
    }

    record Result(int waits, long wallMillis, double wallRatio, long p99LatenessMs, int extraThreads, long heapMb) {}

    private final Config config;
    private final PrintStream out;

    WaitsBench(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    Result run() throws Exception {
        ThreadMXBean threadsMx = ManagementFactory.getThreadMXBean();
        MemoryMXBean memoryMx = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int n = config.waits();
        long intervalMs = config.interval().toMillis();

        out.printf(
                Locale.ROOT,
                "plan: %d concurrent waits, started evenly over %d ms (pipelines reach the gate at"
                        + " different times), poll interval %d ms (+0..10%% jitter), each finishes on its poll %d"
                        + " (%d polls in all), each wait's first poll at once%n",
                n,
                config.rampMillis(),
                intervalMs,
                config.pollsPerWait(),
                (long) n * config.pollsPerWait());
        out.printf(
                Locale.ROOT,
                "ideal wall: %d ms = start ramp %d + %d x %d ms (without jitter;"
                        + " with the maximum 10%% jitter a punctual engine ends by %d ms)%n",
                config.idealMillis(),
                config.rampMillis(),
                config.pollsPerWait() - 1,
                intervalMs,
                config.jitterBoundMillis());
        out.printf(
                Locale.ROOT,
                "engine: OcrWaiter (no per-server call limit), 1 scheduler thread, %d blocking threads, one shared"
                        + " CoraOcrClient%n",
                config.blockingThreads());
        out.println("lateness = (moment the blocking getStatus call starts on a pool thread) - (moment the engine"
                + " scheduled the timer + its delay); it includes timer delay and waiting for a free pool thread");

        try (LoopbackResponder responder = new LoopbackResponder(config.responderThreads(), n, config.pollsPerWait())) {
            out.printf(
                    Locale.ROOT,
                    "responder: JDK com.sun.net.httpserver.HttpServer at %s, 1 selector + %d worker"
                            + " threads, TCP_NODELAY, canned SOAP 1.1 envelopes (Queued until poll %d, then Completed/NoError)%n",
                    responder.endpoint(),
                    responder.threads(),
                    config.pollsPerWait());
            Thread.sleep(200); // let the responder's threads settle before the baseline

            // Baseline: the JVM plus the stand-in server, before any client or engine thread exists.
            System.gc();
            long heapBaseline = memoryMx.getHeapMemoryUsage().getUsed();
            int threadBaseline = threadsMx.getThreadCount();
            Set<String> baselineNames = threadNames();
            threadsMx.resetPeakThreadCount();

            PollRecorder recorder = new PollRecorder(n * config.pollsPerWait() + 10_000);
            InstrumentedExecutors.TimedScheduler scheduler = new InstrumentedExecutors.TimedScheduler(
                    1, config.interval().toNanos());
            InstrumentedExecutors.TimedPool pool =
                    new InstrumentedExecutors.TimedPool(config.blockingThreads(), recorder);
            CoraOcrClient client =
                    CoraOcrClient.builder(responder.endpoint().toString()).build();
            try {
                WarmUp.calls(client, pool, n + 1, config.warmupCalls(), out, "through the pool");
                responder.reset(config.pollsPerWait());

                OcrWaiter waiter = new OcrWaiter(client, scheduler, pool);
                WaitOptions options = WaitOptions.builder()
                        .pollInterval(config.interval())
                        .timeout(Duration.ofMillis(config.idealMillis() * 4 + 60_000))
                        .build();
                WaitListener listener = new WaitListener() {};
                CountDownLatch done = new CountDownLatch(n);
                AtomicLong lastDone = new AtomicLong();
                List<CompletableFuture<WaitOutcome>> futures = new ArrayList<>(n);

                long cpuBefore = os.getProcessCpuTime();
                long responderCpuBefore = responder.cpuNanos();
                long engineCpuBefore = InstrumentedExecutors.engineCpuNanos();
                long runStart = System.nanoTime();
                long rampNanos = TimeUnit.MILLISECONDS.toNanos(config.rampMillis());
                for (int i = 0; i < n; i++) {
                    sleepUntil(runStart + rampNanos * i / n);
                    CompletableFuture<WaitOutcome> future = waiter.start(i + 1, options, listener);
                    future.whenComplete((outcome, error) -> {
                        lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                        done.countDown();
                    });
                    futures.add(future);
                }
                long startedAll = System.nanoTime();
                out.printf(Locale.ROOT, "started %d waits over %d ms%n", n, (startedAll - runStart) / 1_000_000);

                // While every wait is in flight: all have started and had their first poll, none can have ended yet
                // (that takes polls - 1 >= 2 intervals after its start).
                long probeAt = runStart + TimeUnit.MILLISECONDS.toNanos(config.rampMillis() + intervalMs / 2);
                sleepUntil(probeAt);
                int inFlight = 0;
                for (Future<?> future : futures) {
                    if (!future.isDone()) {
                        inFlight++;
                    }
                }
                int threadsInFlight = threadsMx.getThreadCount();
                Map<String, Integer> newThreads = groupNames(threadNames(), baselineNames);
                long gcStart = System.nanoTime();
                System.gc();
                long gcMs = (System.nanoTime() - gcStart) / 1_000_000;
                long heapInFlight = memoryMx.getHeapMemoryUsage().getUsed();

                long timeoutMs = config.idealMillis() * 3 + 60_000;
                boolean finished = done.await(timeoutMs, TimeUnit.MILLISECONDS);
                long wallNanos = (finished ? lastDone.get() : System.nanoTime()) - runStart;
                long cpuAfter = os.getProcessCpuTime();
                long responderCpu = responder.cpuNanos() - responderCpuBefore;
                long engineCpu = InstrumentedExecutors.engineCpuNanos() - engineCpuBefore;
                int peakThreads = threadsMx.getPeakThreadCount();
                long requests = responder.requests();
                // Let the last poll tasks record themselves before the recorder is read.
                Thread.sleep(100);

                Map<WaitResult, Integer> results = new EnumMap<>(WaitResult.class);
                int unfinished = 0;
                long polls = 0;
                for (CompletableFuture<WaitOutcome> future : futures) {
                    WaitOutcome outcome = future.getNow(null);
                    if (outcome == null || future.isCompletedExceptionally()) {
                        unfinished++;
                    } else {
                        results.merge(outcome.result(), 1, Integer::sum);
                        polls += outcome.polls();
                    }
                }
                futures.clear();
                System.gc();
                long heapAfter = memoryMx.getHeapMemoryUsage().getUsed();

                // ---- report ----
                out.printf(
                        Locale.ROOT,
                        "outcomes: %s%s; answered polls %d, requests the responder saw %d%n",
                        results,
                        unfinished == 0 ? "" : ", NOT FINISHED " + unfinished,
                        polls,
                        requests);
                double wallMs = wallNanos / 1e6;
                double wallRatio = wallMs / config.idealMillis();
                out.printf(
                        Locale.ROOT,
                        "wall: %.0f ms, ideal %d ms -> ratio %.2f (goal <= 1.2); against the jitter bound"
                                + " %d ms: %.2f%n",
                        wallMs,
                        config.idealMillis(),
                        wallRatio,
                        config.jitterBoundMillis(),
                        wallMs / config.jitterBoundMillis());

                int count = recorder.count();
                out.printf(Locale.ROOT, "lateness of polls against their schedule (%d polls):%n", count);
                long p99LatenessMs = recorder.report(out);
                out.printf(Locale.ROOT, "p99 lateness: %d ms (goal <= 250)%n", p99LatenessMs);

                int extraThreads = peakThreads - threadBaseline;
                out.printf(
                        Locale.ROOT,
                        "threads: baseline %d (all threads before the client: JVM, leftovers of part 1, responder), peak %d -> %d extra (goal <= 16);"
                                + " live while in flight %d; new threads: %s%n",
                        threadBaseline,
                        peakThreads,
                        extraThreads,
                        threadsInFlight,
                        newThreads);

                long heapMb = Math.round(heapInFlight / (1024.0 * 1024.0));
                out.printf(
                        Locale.ROOT,
                        "heap used after System.gc() with %d of %d waits in flight: %d MB (goal <= 256);"
                                + " baseline before the client %.1f MB, so %.0f bytes per waiting wait (client, pools and"
                                + " CXF caches included); the GC took %d ms%n",
                        inFlight,
                        n,
                        heapMb,
                        heapBaseline / 1048576.0,
                        inFlight == 0 ? 0.0 : (double) (heapInFlight - heapBaseline) / inFlight,
                        gcMs);
                out.printf(
                        Locale.ROOT,
                        "heap used after System.gc() once every wait ended: %.1f MB, so %.0f bytes per"
                                + " wait were held only while it was waiting%n",
                        heapAfter / 1048576.0,
                        (double) (heapInFlight - heapAfter) / n);

                double cpuSeconds = (cpuAfter - cpuBefore) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "CPU: process %.1f s over %.1f s wall = %.0f%% of %d cores; responder %.1f s"
                                + " (%.0f us per request); engine threads (scheduler + pool, i.e. client + engine) %.1f s"
                                + " = %.0f us per poll%n",
                        cpuSeconds,
                        wallNanos / 1e9,
                        100 * cpuSeconds / (wallNanos / 1e9) / os.getAvailableProcessors(),
                        os.getAvailableProcessors(),
                        responderCpu / 1e9,
                        requests == 0 ? 0 : responderCpu / 1e3 / requests,
                        engineCpu / 1e9,
                        count == 0 ? 0 : engineCpu / 1e3 / count);

                rates(recorder.startNanos(), recorder.first(), count, runStart);
                double meanDelay = scheduler.meanRegularDelayNanos();
                if (meanDelay > 0) {
                    long[] later = recorder.latenessOf(false);
                    double meanLater = later.length == 0 ? 0 : Stats.of(later).mean();
                    double perWaitMs = (meanDelay + meanLater) / 1e6;
                    double atDefault = 100
                            * 60_000.0
                            / (15_000 * meanDelay / config.interval().toNanos());
                    out.printf(
                            Locale.ROOT,
                            "mean gap between two polls of one wait: %.0f ms (interval x %.3f + lateness"
                                    + " %.1f ms) -> %.0f requests per minute per 100 waiting pipelines at this interval;"
                                    + " at the default 15 s: %.0f per minute (nominal 400)%n",
                            perWaitMs,
                            meanDelay / config.interval().toNanos(),
                            meanLater / 1e6,
                            100 * 60_000.0 / perWaitMs,
                            atDefault);
                }

                return new Result(n, Math.round(wallMs), wallRatio, p99LatenessMs, extraThreads, heapMb);
            } finally {
                scheduler.shutdownNow();
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
                client.close();
            }
        }
    }

    /** Requests per second and how evenly the jitter spreads them over 100 ms slots. */
    private void rates(long[] starts, boolean[] first, int count, long runStart) {
        if (count == 0) {
            return;
        }
        long lastStart = 0;
        long firstLater = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            lastStart = Math.max(lastStart, starts[i]);
            if (!first[i]) {
                firstLater = Math.min(firstLater, starts[i]);
            }
        }
        long slotNanos = 100_000_000L;
        int slots = (int) ((lastStart - runStart) / slotNanos) + 1;
        int[] all = new int[slots];
        int[] later = new int[slots];
        int laterCount = 0;
        for (int i = 0; i < count; i++) {
            int slot = (int) ((starts[i] - runStart) / slotNanos);
            all[slot]++;
            if (!first[i]) {
                later[slot]++;
                laterCount++;
            }
        }
        double seconds = (lastStart - runStart) / 1e9;
        out.printf(
                Locale.ROOT,
                "requests sent: %d over %.1f s = %.0f per second on average",
                count,
                seconds,
                count / seconds);
        if (laterCount > 0) {
            double laterSeconds = (lastStart - firstLater) / 1e9;
            double laterRate = laterCount / laterSeconds;
            out.printf(Locale.ROOT, "; after the first polls %.0f per second%n", laterRate);
        } else {
            out.println();
        }
        int busiest = 0;
        for (int i = 0; i < slots; i++) {
            if (all[i] > all[busiest]) {
                busiest = i;
            }
        }
        int peak1s = 0;
        for (int i = 0; i < slots; i++) {
            int sum = 0;
            for (int j = i; j < Math.min(slots, i + 10); j++) {
                sum += all[j];
            }
            peak1s = Math.max(peak1s, sum);
        }
        out.printf(
                Locale.ROOT,
                "jitter evenness (100 ms slots): largest share %.2f%% of all polls (slot at %.1f s),"
                        + " mean share %.2f%% over %d slots; busiest second %d requests%n",
                100.0 * all[busiest] / count,
                busiest / 10.0,
                100.0 / slots,
                slots,
                peak1s);
        if (laterCount > 0) {
            int firstSlot = (int) ((firstLater - runStart) / slotNanos);
            int used = slots - firstSlot;
            int max = 0;
            for (int i = firstSlot; i < slots; i++) {
                max = Math.max(max, later[i]);
            }
            out.printf(
                    Locale.ROOT,
                    "  later polls only: largest share %.2f%%, mean share %.2f%% over %d slots%n",
                    100.0 * max / laterCount,
                    100.0 / used,
                    used);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, 100_000_000L));
        }
    }

    private static Set<String> threadNames() {
        Set<String> names = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.add(thread.getName());
        }
        return names;
    }

    /** Threads not in the baseline, grouped by name without its trailing number. */
    private static Map<String, Integer> groupNames(Set<String> now, Set<String> baseline) {
        Map<String, Integer> groups = new TreeMap<>();
        for (String name : now) {
            if (!baseline.contains(name)) {
                groups.merge(name.replaceAll("[-_ #]?\\d+$", ""), 1, Integer::sum);
            }
        }
        return groups;
    }
}
