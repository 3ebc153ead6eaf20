package io.jenkins.plugins.coraocr.cli;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The process's own SIGINT and SIGTERM, through {@code sun.misc.Signal} (module jdk.unsupported). A
 * shutdown hook cannot tell the two apart, and by the time it runs the JVM is already exiting with its own
 * code; a handler lets the wait end in order and exit 130 or 143.
 */
final class JvmStopSignals implements StopSignals {
    @Override
    public Registration onStop(Consumer<StopSignal> action) {
        Map<StopSignal, SignalHandler> previous = new EnumMap<>(StopSignal.class);
        for (StopSignal stop : StopSignal.values()) {
            Signal signal = signal(stop);
            try {
                previous.put(stop, Signal.handle(signal, received -> action.accept(stop)));
            } catch (IllegalArgumentException reservedByTheJvm) {
                // With -Xrs the JVM leaves the signal to the OS: it ends the process as it would without us.
            }
        }
        return () -> previous.forEach((stop, handler) -> Signal.handle(signal(stop), handler));
    }

    /** "INT" and "TERM", as the JVM names them. */
    private static Signal signal(StopSignal stop) {
        return new Signal(stop.name().substring("SIG".length()));
    }
}
