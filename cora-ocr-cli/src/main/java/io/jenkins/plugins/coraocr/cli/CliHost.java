package io.jenkins.plugins.coraocr.cli;

import io.jenkins.plugins.coraocr.client.gate.Gate;
import io.jenkins.plugins.coraocr.client.gate.GateTarget;
import io.jenkins.plugins.coraocr.client.wait.WaitState;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The command line as the gate's host: one target, no saved state (a command is not resumed after the
 * machine restarts), and an end that the command's own thread turns into output and an exit code. The
 * gate reports exactly once, from its thread or from the one that stopped it.
 */
final class CliHost implements Gate.Host {
    /** The verdict's data, or why the gate ended without one. */
    record End(Map<String, Object> data, Throwable cause) {}

    private final GateTarget target;
    private final CompletableFuture<End> end = new CompletableFuture<>();

    CliHost(GateTarget target) {
        this.target = target;
    }

    CompletableFuture<End> end() {
        return end;
    }

    @Override
    public GateTarget connect() {
        return target;
    }

    @Override
    public void saveState(WaitState state) {
        // Nothing outlives the process: a stopped command is run again, not resumed.
    }

    /** Every outcome arrives here: the command's gate does not propagate, so that each comes with its data. */
    @Override
    public void pass(Map<String, Object> result) {
        end.complete(new End(result, null));
    }

    @Override
    public void unstable(Map<String, Object> result, String warning) {
        end.complete(new End(result, null));
    }

    /** Only a propagating gate fails its host with a line alone; it still ends the command as a failure. */
    @Override
    public void fail(String message) {
        end.complete(new End(null, new IllegalStateException(message)));
    }

    @Override
    public void fail(Throwable cause) {
        end.complete(new End(null, cause));
    }
}
