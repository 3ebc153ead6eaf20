package io.jenkins.plugins.coraocr.cli;

import java.util.function.Consumer;

/** Signals that stop a running wait: SIGINT (Ctrl-C) and SIGTERM, told apart by their exit codes. */
interface StopSignals {
    /** Nothing to listen to: a command run in-process by a test. */
    StopSignals NONE = action -> () -> {};

    /** Which signal arrived, and the exit code a shell expects after it (128 + its number). */
    enum StopSignal {
        SIGINT(130),
        SIGTERM(143);

        private final int exitCode;

        StopSignal(int exitCode) {
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /**
     * Calls {@code action} for each stop signal until the returned registration is closed; then the
     * handling that was there before applies again.
     */
    Registration onStop(Consumer<StopSignal> action);

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
