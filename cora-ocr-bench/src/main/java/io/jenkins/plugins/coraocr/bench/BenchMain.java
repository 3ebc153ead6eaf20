package io.jenkins.plugins.coraocr.bench;

import io.jenkins.plugins.coraocr.simulator.CoraOcrSimulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar cora-ocr-bench.jar [--quick] [--waits N] [--poll-rounds N] [--trickling-waits N] [--cli-jar PATH]
 * [--skip-poll]
 * [--skip-waits] [--skip-neighbours] [--skip-restart] [--skip-cold-start]}: the per-poll comparison, the
 * many-waits run, the noisy neighbour, the restart and the cold start, one section each, then one summary line.
 * {@code --quick} ends in about a minute, the full run in under five.
 */
public final class BenchMain {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger CXF = Logger.getLogger("org.apache.cxf");

    static final String USAGE = "usage: java -jar cora-ocr-bench.jar [--quick] [--waits N] [--poll-rounds N]"
            + " [--trickling-waits N] [--cli-jar PATH] [--skip-poll] [--skip-waits] [--skip-neighbours] [--skip-restart]"
            + " [--skip-cold-start]";

    private BenchMain() {}

    /**
     * @param waits the waits of the many-waits run, and the healthy waits of the neighbour and restart runs
     * @param pollRounds measured rounds of the per-poll part (e.g. more for a profile)
     * @param tricklingWaits the waits on the trickling server (0: the same run without the neighbour, a control)
     */
    record Options(
            boolean quick,
            int waits,
            int pollRounds,
            int tricklingWaits,
            Path cliJar,
            boolean poll,
            boolean manyWaits,
            boolean neighbours,
            boolean restart,
            boolean coldStart) {
        static Options parse(String[] args) {
            boolean quick = false;
            Integer waits = null;
            Integer pollRounds = null;
            int tricklingWaits = 100;
            Path cliJar = null;
            boolean poll = true;
            boolean manyWaits = true;
            boolean neighbours = true;
            boolean restart = true;
            boolean coldStart = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--waits" -> waits = positive(args, ++i);
                    case "--poll-rounds" -> pollRounds = positive(args, ++i);
                    case "--trickling-waits" -> tricklingWaits = number(args, ++i, 0);
                    case "--cli-jar" -> cliJar = Path.of(value(args, ++i));
                    case "--skip-poll" -> poll = false;
                    case "--skip-waits" -> manyWaits = false;
                    case "--skip-neighbours" -> neighbours = false;
                    case "--skip-restart" -> restart = false;
                    case "--skip-cold-start" -> coldStart = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(
                    quick,
                    waits != null ? waits : quick ? 2_000 : 10_000,
                    pollRounds != null ? pollRounds : quick ? 1_500 : 10_000,
                    tricklingWaits,
                    cliJar,
                    poll,
                    manyWaits,
                    neighbours,
                    restart,
                    coldStart);
        }

        /** The client's CPU per call settles only after about 10,000 calls; quick cannot afford that warm-up. */
        PollBench.Config pollConfig() {
            return new PollBench.Config(quick ? 800 : 10_000, pollRounds);
        }

        WaitsBench.Config waitsConfig() {
            return quick
                    ? new WaitsBench.Config(waits, Duration.ofSeconds(5), 3, 8, 2, 2_000)
                    : new WaitsBench.Config(waits, Duration.ofSeconds(15), 4, 8, 2, 5_000);
        }

        /** The plugin's pool of 8 and half of it per server; quick: fewer healthy waits, 5 s polls, 10 s read timeout. */
        NeighbourBench.Config neighbourConfig() {
            return quick
                    ? new NeighbourBench.Config(
                            waits,
                            tricklingWaits,
                            Duration.ofSeconds(5),
                            3,
                            8,
                            4,
                            Duration.ofSeconds(10),
                            Duration.ofMillis(500),
                            500)
                    : new NeighbourBench.Config(
                            waits,
                            tricklingWaits,
                            Duration.ofSeconds(15),
                            4,
                            8,
                            4,
                            Duration.ofSeconds(30),
                            Duration.ofMillis(500),
                            1_000);
        }

        RestartBench.Config restartConfig() {
            return quick
                    ? new RestartBench.Config(waits, Duration.ofSeconds(5), Duration.ofSeconds(2), 8, 4, 2)
                    : new RestartBench.Config(waits, Duration.ofSeconds(15), Duration.ofSeconds(5), 8, 4, 2);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i - 1]);
            }
            return args[i];
        }

        private static int positive(String[] args, int i) {
            return number(args, i, 1);
        }

        private static int number(String[] args, int i, int least) {
            String value = value(args, i);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= least && parsed <= 200_000) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    args[i - 1] + " needs a number from " + least + " to 200000, not " + value);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (CXF.getLevel() == null) {
            CXF.setLevel(Level.WARNING);
        }
        // The JDK HttpServer (the simulator and the loopback responder) writes the status line and the body
        // separately; without TCP_NODELAY, Nagle's algorithm holds the body until the client's delayed ACK (40 ms).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(run(options, System.out));
    }

    static int run(Options options, PrintStream out) throws Exception {
        long start = System.nanoTime();
        out.printf(
                Locale.ROOT,
                "Cora OCR benchmarks (%s run) on %d CPUs, Java %s, max heap %d MB, load average at the start %s%n",
                options.quick() ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                loadAverage());

        double pollRatio = Summary.NOT_MEASURED;
        double refRatio = Summary.NOT_MEASURED;
        CapturedRequest request = null;
        if (options.poll()) {
            section(out, "1. Per poll: getStatus() versus the floor and the reference");
            PollBench.Result result = new PollBench(options.pollConfig(), out).run();
            pollRatio = result.medianRatio();
            refRatio = result.refRatio();
            request = result.request();
        }

        WaitsBench.Result waits = null;
        if (options.manyWaits()) {
            section(out, "2. Many waits through the engine");
            waits = new WaitsBench(options.waitsConfig(), out).run();
        }

        long neighbourP99 = -1;
        if (options.neighbours()) {
            section(out, "3. A trickling neighbour on the same threads");
            neighbourP99 =
                    new NeighbourBench(options.neighbourConfig(), out).run().p99LatenessMs();
        }

        long restartP99 = -1;
        if (options.restart()) {
            section(out, "4. A restart: every wait resumed at once");
            restartP99 = new RestartBench(options.restartConfig(), out).run().p99LatenessMs();
        }

        ColdStartBench.Result cold = ColdStartBench.Result.NOT_MEASURED;
        if (options.coldStart()) {
            section(out, "5. Cold start of the command line, warm start of the simulator");
            simulatorWarmStart(out);
            if (request == null) {
                out.println("NOT MEASURED: needs the request captured by part 1");
            } else {
                cold = new ColdStartBench(
                                new ColdStartBench.Config(
                                        ColdStartBench.findCliJar(options.cliJar()), options.quick() ? 3 : 5),
                                out)
                        .run(request);
            }
        }

        out.println();
        out.printf(
                Locale.ROOT,
                "total run time: %.1f s; load average at the end %s%n",
                (System.nanoTime() - start) / 1e9,
                loadAverage());
        Summary summary = new Summary(
                pollRatio,
                waits == null ? 0 : waits.waits(),
                waits == null ? Summary.NOT_MEASURED : waits.wallRatio(),
                waits == null ? -1 : waits.p99LatenessMs(),
                waits == null ? -1 : waits.extraThreads(),
                waits == null ? -1 : waits.heapMb(),
                cold.cliMedianMs(),
                refRatio,
                neighbourP99,
                restartP99);
        out.println(summary.line());
        out.flush();
        return 0;
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.printf(Locale.ROOT, "== %s == (load average %s)%n", title, loadAverage());
    }

    /** The 1-minute load average of the machine (other builds run on it too), or "n/a". */
    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    /** The simulator's promise: a warm start on a free port in well under a second (goal: median under 250 ms). */
    private static void simulatorWarmStart(PrintStream out) {
        CoraOcrSimulator.start().close();
        long[] millis = new long[20];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            CoraOcrSimulator.start().close();
            millis[i] = Duration.ofNanos(System.nanoTime() - started).toMillis();
        }
        Stats stats = Stats.of(millis);
        out.printf(
                Locale.ROOT,
                "simulator warm start and close, %d times in this JVM: median %d ms, max %d ms (goal: median < 250 ms)%n",
                stats.count(),
                stats.percentile(50),
                stats.percentile(100));
    }
}
