package io.jenkins.plugins.coraocr.client.gate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** Runs what it is given only when the test says so: the test decides the order of events. */
final class ManualExecutor implements Executor {
    private final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.addLast(task);
    }

    synchronized int pending() {
        return tasks.size();
    }

    /** Runs the queued tasks, and those they queue, until none is left. */
    void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.pollFirst();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }
}
