package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.wait.WaitOptions;
import java.io.Serializable;
import java.util.Objects;

/**
 * A gate's checked arguments: which workflow, how to wait, on which configured server (null: the only
 * one), whether failures fail the caller ({@code propagate}) and whether progress is printed. Small and
 * serializable, because a Jenkins step saves it with the build.
 */
public final class GateRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long workflowId;
    private final WaitOptions options;
    private final String server;
    private final boolean propagate;
    private final boolean quiet;

    public GateRequest(long workflowId, WaitOptions options, String server, boolean propagate, boolean quiet) {
        if (workflowId <= 0) {
            throw new IllegalArgumentException("workflow id must be a positive number, got " + workflowId);
        }
        this.workflowId = workflowId;
        this.options = Objects.requireNonNull(options, "options");
        this.server = server;
        this.propagate = propagate;
        this.quiet = quiet;
    }

    public long workflowId() {
        return workflowId;
    }

    public WaitOptions options() {
        return options;
    }

    /** The server's configured name, or null when the caller named none. */
    public String server() {
        return server;
    }

    public boolean propagate() {
        return propagate;
    }

    public boolean quiet() {
        return quiet;
    }

    @Override
    public String toString() {
        return "OCR workflow " + workflowId + (server == null ? "" : " on " + server) + ", " + options
                + (propagate ? "" : ", propagate false") + (quiet ? ", quiet" : "");
    }
}
