package io.jenkins.plugins.coraocr.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a scenario file. Jackson's tree keeps no positions, so a first streaming pass remembers where each
 * JSON pointer starts; validation then works on the tree and reports pointer plus line and column.
 */
final class ScenarioJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Locations would otherwise carry the whole file into messages that already name it.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private static final List<String> TOP_FIELDS = List.of("workflows", "fileBatch");
    private static final List<String> FILE_BATCH_FIELDS = List.of("stagePolls", "stageDuration", "firstWorkflowId");
    private static final List<String> STEP_FIELDS = List.of(
            "status",
            "errorCode",
            "externalContext",
            "fault",
            "httpStatus",
            "faultString",
            "faultCode",
            "polls",
            "duration",
            "delay");
    private static final Set<String> STATUS_ONLY = Set.of("errorCode", "externalContext");
    private static final Map<String, Set<String>> FAULT_FIELDS = Map.of(
            "http", Set.of("httpStatus"),
            "soap", Set.of("faultString", "faultCode"),
            "malformed", Set.of(),
            "drop", Set.of());
    private static final Set<String> ALL_FAULT_FIELDS = Set.of("httpStatus", "faultString", "faultCode");

    private final Path file;
    private final Map<String, JsonLocation> locations = new HashMap<>();

    private ScenarioJson(Path file) {
        this.file = file;
    }

    static Scenario read(Path file) {
        return new ScenarioJson(file).parse();
    }

    private Scenario parse() {
        String text;
        try {
            text = Files.readString(file);
        } catch (MalformedInputException e) {
            throw new ScenarioException(file, "", 0, 0, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ScenarioException(file, "", 0, 0, "cannot be read: " + e, e);
        }
        JsonNode root = parseTree(text);
        Scenario.Builder scenario = Scenario.builder();
        JsonPointer top = JsonPointer.empty();
        requireType(root, top, JsonNode::isObject, "an object");
        checkFields(root, top, TOP_FIELDS);
        JsonNode workflows = root.get("workflows");
        if (workflows != null) {
            readWorkflows(workflows, top.appendProperty("workflows"), scenario);
        }
        JsonNode fileBatch = root.get("fileBatch");
        if (fileBatch != null) {
            readFileBatch(fileBatch, top.appendProperty("fileBatch"), scenario);
        }
        return scenario.build();
    }

    private JsonNode parseTree(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            rememberLocations(parser);
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new ScenarioException(file, "", 0, 0, "is empty (expected a JSON object)", null);
            }
            return root;
        } catch (IOException e) {
            throw new ScenarioException(file, "", 0, 0, "cannot be parsed: " + e, e);
        }
    }

    /** The streaming pass: where each value starts, and the first syntax error, which the tree would also hit. */
    private void rememberLocations(JsonParser parser) throws IOException {
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (!token.isStructEnd()) {
                    locations.putIfAbsent(
                            parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(
                    file,
                    containerOf(parser.getParsingContext()),
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "invalid JSON: " + withoutSource(e.getOriginalMessage()),
                    e);
        }
    }

    /**
     * The object or array the syntax error is in. The context's own path would end with the last field
     * name read, which after {@code "status": "Queued",} names a value that is fine.
     */
    private static String containerOf(JsonStreamContext context) {
        JsonStreamContext parent = context == null ? null : context.getParent();
        return parent == null ? "" : parent.pathAsPointer().toString();
    }

    /** Jackson names positions as {@code [Source: ...; line: 1, column: 1]}; the file is named already. */
    private static String withoutSource(String message) {
        return SOURCE.matcher(message).replaceAll("line $1, column $2");
    }

    private void readWorkflows(JsonNode workflows, JsonPointer at, Scenario.Builder scenario) {
        requireType(workflows, at, JsonNode::isObject, "an object mapping workflow ids to lists of steps");
        for (Iterator<Map.Entry<String, JsonNode>> it = workflows.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonPointer workflowAt = at.appendProperty(entry.getKey());
            long id = workflowId(entry.getKey(), workflowAt);
            scenario.workflow(id, readScript(entry.getValue(), workflowAt));
        }
    }

    private long workflowId(String key, JsonPointer at) {
        try {
            long id = Long.parseLong(key.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below together with the non-positive case
        }
        throw problem(at, "workflow id \"" + key + "\" is not a positive long");
    }

    private WorkflowScript readScript(JsonNode steps, JsonPointer at) {
        requireType(steps, at, JsonNode::isArray, "an array of steps");
        if (steps.isEmpty()) {
            throw problem(at, "a workflow needs at least one step");
        }
        WorkflowScript.Builder script = WorkflowScript.builder();
        for (int i = 0; i < steps.size(); i++) {
            script.step(readStep(steps.get(i), at.appendIndex(i)));
        }
        return script.build();
    }

    private Step readStep(JsonNode step, JsonPointer at) {
        requireType(step, at, JsonNode::isObject, "a step object");
        checkFields(step, at, STEP_FIELDS);
        boolean hasStatus = step.has("status");
        boolean hasFault = step.has("fault");
        if (hasStatus == hasFault) {
            throw problem(
                    at,
                    hasStatus
                            ? "a step has either \"status\" or \"fault\", not both"
                            : "a step needs either \"status\" or \"fault\"");
        }
        Outcome outcome = hasStatus ? readStatus(step, at) : readFault(step, at);
        StepLength length = readLength(step, at);
        Duration delay =
                step.has("delay") ? duration(step.get("delay"), at.appendProperty("delay"), true) : Duration.ZERO;
        return new Step(outcome, length, delay);
    }

    private Outcome readStatus(JsonNode step, JsonPointer at) {
        for (String field : ALL_FAULT_FIELDS) {
            if (step.has(field)) {
                throw problem(at.appendProperty(field), "\"" + field + "\" belongs to a fault step, not a status step");
            }
        }
        String status = text(step.get("status"), at.appendProperty("status"), false);
        if (status.isEmpty()) {
            throw problem(at.appendProperty("status"), "status must not be empty");
        }
        String errorCode =
                step.has("errorCode") ? text(step.get("errorCode"), at.appendProperty("errorCode"), false) : "NoError";
        String externalContext = step.has("externalContext")
                ? text(step.get("externalContext"), at.appendProperty("externalContext"), true)
                : null;
        return new Outcome.StatusReply(status, errorCode, externalContext);
    }

    private Outcome readFault(JsonNode step, JsonPointer at) {
        JsonPointer kindAt = at.appendProperty("fault");
        String kind = text(step.get("fault"), kindAt, false);
        Set<String> allowed = FAULT_FIELDS.get(kind);
        if (allowed == null) {
            throw problem(kindAt, "unknown fault kind \"" + kind + "\" (expected http, soap, malformed or drop)");
        }
        for (String field : STATUS_ONLY) {
            if (step.has(field)) {
                throw problem(at.appendProperty(field), "\"" + field + "\" belongs to a status step, not a fault");
            }
        }
        for (String field : ALL_FAULT_FIELDS) {
            if (step.has(field) && !allowed.contains(field)) {
                throw problem(at.appendProperty(field), "\"" + field + "\" does not apply to a " + kind + " fault");
            }
        }
        return switch (kind) {
            case "http" -> new Outcome.HttpError(httpStatus(step, at));
            case "soap" ->
                new Outcome.SoapFault(
                        faultCode(step, at),
                        text(
                                required(step, "faultString", at, "a soap fault"),
                                at.appendProperty("faultString"),
                                false));
            case "malformed" -> new Outcome.MalformedBody();
            default -> new Outcome.DroppedConnection();
        };
    }

    private int httpStatus(JsonNode step, JsonPointer at) {
        JsonPointer statusAt = at.appendProperty("httpStatus");
        JsonNode node = required(step, "httpStatus", at, "an http fault");
        requireType(node, statusAt, n -> n.isIntegralNumber() && n.canConvertToInt(), "a whole number");
        int status = node.intValue();
        if (status < 400 || status > 599) {
            throw problem(statusAt, "httpStatus must be between 400 and 599, not " + status);
        }
        return status;
    }

    private FaultCode faultCode(JsonNode step, JsonPointer at) {
        if (!step.has("faultCode")) {
            return FaultCode.SERVER;
        }
        JsonPointer codeAt = at.appendProperty("faultCode");
        String code = text(step.get("faultCode"), codeAt, false);
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "client", "sender" -> FaultCode.CLIENT;
            case "server", "receiver" -> FaultCode.SERVER;
            default -> throw problem(codeAt, "unknown faultCode \"" + code + "\" (expected Client or Server)");
        };
    }

    private StepLength readLength(JsonNode step, JsonPointer at) {
        if (step.has("polls") && step.has("duration")) {
            throw problem(at.appendProperty("duration"), "a step lasts either \"polls\" or \"duration\", not both");
        }
        if (step.has("duration")) {
            return StepLength.lasting(duration(step.get("duration"), at.appendProperty("duration"), false));
        }
        if (step.has("polls")) {
            return StepLength.polls(polls(step.get("polls"), at.appendProperty("polls")));
        }
        return StepLength.polls(1);
    }

    private void readFileBatch(JsonNode fileBatch, JsonPointer at, Scenario.Builder scenario) {
        requireType(fileBatch, at, JsonNode::isObject, "an object");
        checkFields(fileBatch, at, FILE_BATCH_FIELDS);
        if (fileBatch.has("stagePolls") && fileBatch.has("stageDuration")) {
            throw problem(
                    at.appendProperty("stageDuration"),
                    "FileBatch stages last either \"stagePolls\" or \"stageDuration\", not both");
        }
        if (fileBatch.has("stagePolls")) {
            scenario.fileBatchProgression(
                    FileBatchProgression.polls(polls(fileBatch.get("stagePolls"), at.appendProperty("stagePolls"))));
        }
        if (fileBatch.has("stageDuration")) {
            scenario.fileBatchProgression(FileBatchProgression.lasting(
                    duration(fileBatch.get("stageDuration"), at.appendProperty("stageDuration"), false)));
        }
        if (fileBatch.has("firstWorkflowId")) {
            JsonPointer idAt = at.appendProperty("firstWorkflowId");
            JsonNode node = fileBatch.get("firstWorkflowId");
            requireType(node, idAt, n -> n.isIntegralNumber() && n.canConvertToLong(), "a whole number");
            if (node.longValue() < 1) {
                throw problem(idAt, "firstWorkflowId must be a positive long, not " + node.longValue());
            }
            scenario.firstWorkflowId(node.longValue());
        }
    }

    private int polls(JsonNode node, JsonPointer at) {
        requireType(node, at, n -> n.isIntegralNumber() && n.canConvertToInt(), "a whole number");
        if (node.intValue() < 1) {
            throw problem(at, at.last().getMatchingProperty() + " must be at least 1, not " + node.intValue());
        }
        return node.intValue();
    }

    private Duration duration(JsonNode node, JsonPointer at, boolean zeroAllowed) {
        requireType(node, at, n -> n.isTextual() || n.isNumber(), "a duration such as \"500ms\", \"2s\" or \"PT2S\"");
        Duration duration;
        try {
            duration = node.isNumber() ? Durations.seconds(node.decimalValue()) : Durations.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw problem(at, e.getMessage());
        }
        if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
            throw problem(at, "duration must be " + (zeroAllowed ? "zero or more" : "positive") + ", not " + node);
        }
        return duration;
    }

    private String text(JsonNode node, JsonPointer at, boolean nullAllowed) {
        if (nullAllowed && node.isNull()) {
            return null;
        }
        requireType(node, at, JsonNode::isTextual, "a string");
        return node.textValue();
    }

    private JsonNode required(JsonNode parent, String field, JsonPointer at, String what) {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw problem(at, what + " needs \"" + field + "\"");
        }
        return node;
    }

    private void checkFields(JsonNode object, JsonPointer at, List<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw problem(
                        at.appendProperty(name),
                        "unknown field \"" + name + "\" (expected one of " + String.join(", ", allowed) + ")");
            }
        }
    }

    private void requireType(JsonNode node, JsonPointer at, Predicate<JsonNode> test, String expected) {
        if (!test.test(node)) {
            throw problem(at, "expected " + expected + ", found " + describe(node));
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string " + node;
            case NULL -> "null";
            case BOOLEAN -> "the boolean " + node;
            case NUMBER -> "the number " + node;
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private ScenarioException problem(JsonPointer at, String problem) {
        JsonLocation location = locations.get(at.toString());
        return new ScenarioException(
                file,
                at.toString(),
                location == null ? 0 : location.getLineNr(),
                location == null ? 0 : location.getColumnNr(),
                problem,
                null);
    }
}
