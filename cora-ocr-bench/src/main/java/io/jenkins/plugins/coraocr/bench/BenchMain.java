package io.jenkins.plugins.coraocr.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar cora-ocr-bench.jar [--quick] [--waits N] [--cli-jar PATH] [--skip-poll] [--skip-waits]
 * [--skip-cold-start]}: the per-poll comparison, the many-waits run and the cold start, one section each, then
 * one summary line. {@code --quick} ends in under a minute, the full run in under five.
 */
public final class BenchMain {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final List<Logger> QUIET =
            List.of(Logger.getLogger("org.apache.cxf"), Logger.getLogger("org.eclipse.jetty"));

    private BenchMain() {}

    record Options(boolean quick, int waits, Path cliJar, boolean poll, boolean manyWaits, boolean coldStart) {
        static Options parse(String[] args) {
            boolean quick = false;
            Integer waits = null;
            Path cliJar = null;
            boolean poll = true;
            boolean manyWaits = true;
            boolean coldStart = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--waits" -> waits = positive(args, ++i);
                    case "--cli-jar" -> cliJar = Path.of(value(args, ++i));
                    case "--skip-poll" -> poll = false;
                    case "--skip-waits" -> manyWaits = false;
                    case "--skip-cold-start" -> coldStart = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(
                    quick, waits != null ? waits : quick ? 2_000 : 10_000, cliJar, poll, manyWaits, coldStart);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i - 1]);
            }
            return args[i];
        }

        private static int positive(String[] args, int i) {
            String value = value(args, i);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed > 0 && parsed <= 200_000) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(args[i - 1] + " needs a number from 1 to 200000, not " + value);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar cora-ocr-bench.jar [--quick] [--waits N] [--cli-jar PATH]"
                    + " [--skip-poll] [--skip-waits] [--skip-cold-start]");
            System.exit(2);
            return;
        }
        quietLogging();
        // The client's CXF conduit uses HttpURLConnection, whose keep-alive cache keeps only 5 idle connections per
        // destination by default; a blocking pool larger than that would close and reopen connections every round.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "32");
        }
        // The JDK HttpServer (the loopback responder) writes the status line and the body separately; without
        // TCP_NODELAY, Nagle's algorithm holds the body until the client's delayed ACK (40 ms on Linux).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(run(options, System.out));
    }

    static int run(Options options, PrintStream out) throws Exception {
        long start = System.nanoTime();
        out.printf(
                Locale.ROOT,
                "Cora OCR benchmarks (%s run) on %d CPUs, Java %s, max heap %d MB%n",
                options.quick() ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));

        double pollRatio = Summary.NOT_MEASURED;
        CapturedRequest request = null;
        if (options.poll()) {
            section(out, "1. Per poll: getStatus() versus the floor");
            PollBench.Config config =
                    options.quick() ? new PollBench.Config(800, 1_500) : new PollBench.Config(4_000, 10_000);
            PollBench.Result result = new PollBench(config, out).run();
            pollRatio = result.medianRatio();
            request = result.request();
        }

        WaitsBench.Result waits = null;
        if (options.manyWaits()) {
            section(out, "2. Many waits through the engine");
            WaitsBench.Config config = options.quick()
                    ? new WaitsBench.Config(options.waits(), Duration.ofSeconds(5), 3, 8, 2, 2_000)
                    : new WaitsBench.Config(options.waits(), Duration.ofSeconds(15), 4, 8, 2, 5_000);
            waits = new WaitsBench(config, out).run();
        }

        ColdStartBench.Result cold = ColdStartBench.Result.NOT_MEASURED;
        if (options.coldStart()) {
            section(out, "3. Cold start of the command line");
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
        out.printf(Locale.ROOT, "total run time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        Summary summary = new Summary(
                pollRatio,
                waits == null ? 0 : waits.waits(),
                waits == null ? Summary.NOT_MEASURED : waits.wallRatio(),
                waits == null ? -1 : waits.p99LatenessMs(),
                waits == null ? -1 : waits.extraThreads(),
                waits == null ? -1 : waits.heapMb(),
                cold.cliMedianMs());
        out.println(summary.line());
        out.flush();
        return 0;
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    private static void quietLogging() {
        for (Logger logger : QUIET) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }
}
