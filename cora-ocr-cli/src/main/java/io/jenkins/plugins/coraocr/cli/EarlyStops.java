package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.cli.StopSignals.StopSignal;
import java.util.function.Consumer;

/**
 * Stop signals from the moment a command begins: one that arrives while the client is still being built
 * (loading CXF takes a moment) is kept and handed to the wait as soon as it can stop, so that the command
 * still ends in order, with its exit code and, with {@code --json}, its one CANCELLED object.
 */
final class EarlyStops implements AutoCloseable {
    private final StopSignals.Registration registration;
    private StopSignal kept; // guarded by this
    private Consumer<StopSignal> target; // guarded by this

    EarlyStops(StopSignals signals) {
        registration = signals.onStop(this::received);
    }

    private synchronized void received(StopSignal signal) {
        if (target != null) {
            target.accept(signal);
        } else if (kept == null) {
            kept = signal;
        }
    }

    /** From now on signals go to {@code stop}, beginning with one that came before. */
    synchronized void forwardTo(Consumer<StopSignal> stop) {
        target = stop;
        if (kept != null) {
            stop.accept(kept);
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
