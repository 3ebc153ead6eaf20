package io.jenkins.plugins.coraocr.client;

import java.util.concurrent.Callable;

/**
 * Runs CXF with this library's class loader as the thread's context loader. Inside Jenkins the
 * context loader of a build thread cannot see a plugin's classes, and JAX-WS, SAAJ and CXF find
 * their providers through it; a failed lookup there can poison a class for the life of the JVM.
 */
final class ContextClassLoader {
    private ContextClassLoader() {}

    static <T, E extends Exception> T call(ThrowingCallable<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ContextClassLoader.class.getClassLoader());
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A {@link Callable} whose checked exception type is known. */
    @FunctionalInterface
    interface ThrowingCallable<T, E extends Exception> {
        T call() throws E;
    }
}
