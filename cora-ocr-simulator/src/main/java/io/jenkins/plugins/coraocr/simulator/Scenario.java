package io.jenkins.plugins.coraocr.simulator;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Scripted workflows by MasterWorkflowInstanceId, plus optional settings for workflows that FileBatch
 * starts. Build one with {@link #builder()} or read a JSON file with {@link #fromJson(Path)}.
 */
public final class Scenario {

    /** No scripted workflows, default FileBatch settings. */
    public static final Scenario EMPTY = builder().build();

    private final Map<Long, WorkflowScript> workflows;
    private final FileBatchProgression fileBatchProgression;
    private final Long firstWorkflowId;

    private Scenario(Builder builder) {
        this.workflows = Collections.unmodifiableMap(new LinkedHashMap<>(builder.workflows));
        this.fileBatchProgression = builder.fileBatchProgression;
        this.firstWorkflowId = builder.firstWorkflowId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the JSON format described in the module's README.
     *
     * @throws ScenarioException naming the file, the place in it and the problem
     */
    public static Scenario fromJson(Path file) {
        return ScenarioJson.read(file);
    }

    /** Scripts in the order they were added. */
    public Map<Long, WorkflowScript> workflows() {
        return workflows;
    }

    /** The FileBatch progression this scenario asks for, if it names one. */
    public Optional<FileBatchProgression> fileBatchProgression() {
        return Optional.ofNullable(fileBatchProgression);
    }

    /** The first id FileBatch hands out, if the scenario names one. */
    public OptionalLong firstWorkflowId() {
        return firstWorkflowId == null ? OptionalLong.empty() : OptionalLong.of(firstWorkflowId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scenario scenario
                && workflows.equals(scenario.workflows)
                && Objects.equals(fileBatchProgression, scenario.fileBatchProgression)
                && Objects.equals(firstWorkflowId, scenario.firstWorkflowId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workflows, fileBatchProgression, firstWorkflowId);
    }

    @Override
    public String toString() {
        return "Scenario{workflows=" + workflows + ", fileBatchProgression=" + fileBatchProgression
                + ", firstWorkflowId=" + firstWorkflowId + "}";
    }

    public static final class Builder {

        private final Map<Long, WorkflowScript> workflows = new LinkedHashMap<>();
        private FileBatchProgression fileBatchProgression;
        private Long firstWorkflowId;

        private Builder() {}

        /** Adds or replaces the script for one MasterWorkflowInstanceId. */
        public Builder workflow(long workflowId, WorkflowScript script) {
            workflows.put(requirePositive(workflowId), Objects.requireNonNull(script, "script"));
            return this;
        }

        public Builder fileBatchProgression(FileBatchProgression progression) {
            this.fileBatchProgression = Objects.requireNonNull(progression, "progression");
            return this;
        }

        public Builder firstWorkflowId(long id) {
            this.firstWorkflowId = requirePositive(id);
            return this;
        }

        public Scenario build() {
            return new Scenario(this);
        }
    }

    static long requirePositive(long workflowId) {
        if (workflowId < 1) {
            throw new IllegalArgumentException("a workflow id is a positive number, not " + workflowId);
        }
        return workflowId;
    }
}
