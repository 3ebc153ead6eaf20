package io.jenkins.plugins.coraocr.client;

/**
 * One GetStatus call of a {@link CoraOcrClient}. {@link #execute()} runs it on the calling thread;
 * {@link #abort()} ends it from any other thread by closing its connection, so that a wait's deadline or
 * a stopped build frees the calling thread at once, whatever the server does.
 */
public final class StatusCall {
    private final CoraOcrClient client;
    private final long workflowId;
    private final InFlight flight;

    StatusCall(CoraOcrClient client, long workflowId, InFlight flight) {
        this.client = client;
        this.workflowId = workflowId;
        this.flight = flight;
    }

    public long workflowId() {
        return workflowId;
    }

    /**
     * @throws CallAbortedException when {@link #abort()} ended it
     * @throws CoraOcrException when no status could be read
     */
    public WorkflowStatus execute() throws CoraOcrException {
        return client.execute(workflowId, flight);
    }

    /** Ends the call now; it throws {@link CallAbortedException}. Calling it before or after the end is harmless. */
    public void abort() {
        flight.abort(InFlight.Abort.BY_CALLER);
    }
}
