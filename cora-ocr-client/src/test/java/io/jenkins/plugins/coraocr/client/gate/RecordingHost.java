package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A gate's host that remembers every call, and can be told to fail where a real host might. */
final class RecordingHost implements Gate.Host {
    /** One call that ends the gate, as the host saw it. */
    record Report(String kind, Map<String, Object> result, String message, Throwable cause) {}

    final List<Report> reports = new CopyOnWriteArrayList<>();
    final List<WaitState> saved = new CopyOnWriteArrayList<>();
    final AtomicInteger connects = new AtomicInteger();
    private final Supplier<GateTarget> target;
    private volatile SetupException setupFailure;
    private volatile RuntimeException saveFailure;
    private volatile RuntimeException passFailure;

    RecordingHost(Supplier<GateTarget> target) {
        this.target = target;
    }

    RecordingHost failingSetup(SetupException failure) {
        this.setupFailure = failure;
        return this;
    }

    RecordingHost failingSaves(RuntimeException failure) {
        this.saveFailure = failure;
        return this;
    }

    RecordingHost failingPass(RuntimeException failure) {
        this.passFailure = failure;
        return this;
    }

    @Override
    public GateTarget connect() throws SetupException {
        connects.incrementAndGet();
        if (setupFailure != null) {
            throw setupFailure;
        }
        return target.get();
    }

    @Override
    public void saveState(WaitState state) {
        saved.add(state);
        if (saveFailure != null) {
            throw saveFailure;
        }
    }

    @Override
    public void pass(Map<String, Object> result) {
        reports.add(new Report("pass", result, null, null));
        if (passFailure != null) {
            throw passFailure;
        }
    }

    @Override
    public void unstable(Map<String, Object> result, String warning) {
        reports.add(new Report("unstable", result, warning, null));
    }

    @Override
    public void fail(String message) {
        reports.add(new Report("fail", null, message, null));
    }

    @Override
    public void fail(Throwable cause) {
        reports.add(new Report("stopped", null, null, cause));
    }
}
