package io.jenkins.plugins.coraocr.client.gate;

import io.jenkins.plugins.coraocr.client.wait.WaitOutcome;
import io.jenkins.plugins.coraocr.client.wait.WaitResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a gate does with an outcome: pass, mark unstable, or fail, with one line that says why and the
 * result as data. With {@code propagate} false, a gate never fails or marks its caller: it passes every
 * outcome back as data, and the caller decides on {@code result}.
 */
public final class GateVerdict {
    /** What the caller does. */
    public enum Action {
        /** Carry on, with the result as data. */
        PASS,
        /** Mark the build (or the exit code) unstable, with a warning, and carry on. */
        MARK_UNSTABLE,
        /** Fail, with the one-line message. */
        FAIL
    }

    private final Action action;
    private final WaitResult result;
    private final String message;
    private final Map<String, Object> data;

    private GateVerdict(Action action, WaitResult result, String message, Map<String, Object> data) {
        this.action = action;
        this.result = result;
        this.message = message;
        this.data = Collections.unmodifiableMap(data);
    }

    /**
     * @param serverName the configured server's name, or null where servers have none
     */
    public static GateVerdict of(WaitOutcome outcome, String serverName, boolean propagate, Remedies remedies) {
        StringBuilder message = new StringBuilder("OCR workflow ").append(outcome.workflowId());
        if (serverName != null) {
            message.append(" on Cora server '").append(serverName).append('\'');
        }
        message.append(' ').append(outcome.result()).append(": ").append(outcome.details());
        String line = message.toString();
        if (outcome.result() == WaitResult.ERROR && outcome.lastError().isPresent()) {
            line = remedies.appendTo(line, outcome.lastError().get().kind());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> engine = outcome.toMap();
        data.put("workflowId", engine.get("workflowId"));
        data.put("server", serverName);
        data.putAll(engine);
        data.put("message", line);
        return new GateVerdict(action(outcome.result(), propagate), outcome.result(), line, data);
    }

    private static Action action(WaitResult result, boolean propagate) {
        if (result == WaitResult.PASSED || !propagate) {
            return Action.PASS;
        }
        return result == WaitResult.UNSTABLE ? Action.MARK_UNSTABLE : Action.FAIL;
    }

    public Action action() {
        return action;
    }

    public WaitResult result() {
        return result;
    }

    /** One line: the workflow, the server, the result, why, the last status, and for ERROR what to change. */
    public String message() {
        return message;
    }

    /**
     * The outcome as plain values in a stable order: workflowId, server, status, errorCode, externalContext,
     * result, polls, elapsedMillis, message. Server text is exact (secrets masked).
     */
    public Map<String, Object> data() {
        return data;
    }
}
