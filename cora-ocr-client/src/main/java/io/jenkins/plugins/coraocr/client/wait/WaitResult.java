package io.jenkins.plugins.coraocr.client.wait;

/** How a wait ended, in the terms a build gate needs. */
public enum WaitResult {
    /** Completed with NoError, or a final status whose error code the caller accepts. */
    PASSED,
    /** A final status with an error code that is neither accepted nor declared unstable. */
    FAILED,
    /** A final status with an error code the caller declared unstable. */
    UNSTABLE,
    /** The overall deadline passed before a final status. */
    TIMED_OUT,
    /** No status could be read: a non-retryable failure, or too many consecutive errors. */
    ERROR
}
