package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.wait.WaitResult;

/** The exit codes a shell gate tests; the same for every command. */
final class ExitCodes {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int TIMED_OUT = 3;
    static final int UNSTABLE = 4;
    static final int ERROR = 5;
    // SIGINT and SIGTERM end a wait with 128 + the signal's number, as a shell reports them: see StopSignals.

    private ExitCodes() {}

    static int of(WaitResult result) {
        return switch (result) {
            case PASSED -> PASSED;
            case FAILED -> FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case UNSTABLE -> UNSTABLE;
            case ERROR -> ERROR;
        };
    }
}
