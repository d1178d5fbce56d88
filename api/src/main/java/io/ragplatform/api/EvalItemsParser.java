package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.Relevance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads eval-set items from NDJSON (one JSON object per line; blank lines skipped) or a JSON array. Strict: an unknown
 * field (a typo such as {@code "relevent"}) is an error, and every error names its line. All errors of a body are
 * reported together (the first 20), so a user fixes a file in one go.
 */
final class EvalItemsParser {
    private static final int MAX_ERRORS = 20;
    private static final ObjectReader LINE = Json.MAPPER
            .readerFor(ItemJson.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final ObjectReader ARRAY =
            Json.MAPPER.readerFor(ItemJson[].class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EvalItemsParser() {}

    record RelevanceJson(
            @JsonProperty("sourceId") String sourceId,
            @JsonProperty("chunkId") String chunkId,
            @JsonProperty("grade") Integer grade) {}

    record ItemJson(
            @JsonProperty("id") String id,
            @JsonProperty("query") String query,
            @JsonProperty("relevant") List<RelevanceJson> relevant,
            @JsonProperty("answer") String answer,
            @JsonProperty("contexts") List<String> contexts,
            @JsonProperty("label") Boolean label) {}

    static List<EvalItem> parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(
                    "invalid_eval_set",
                    "the body is empty: send one JSON item per line "
                            + "({\"id\", \"query\", \"relevant\": [{\"sourceId\"|\"chunkId\", \"grade\"?}], \"answer\"?, \"contexts\"?,"
                            + " \"label\"?})");
        }
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<String> errors = new ArrayList<>();
        List<EvalItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (text.stripLeading().startsWith("[")) {
            ItemJson[] array;
            try {
                array = ARRAY.readValue(text);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("invalid_eval_set", "the JSON array cannot be read: " + describe(e));
            }
            for (int i = 0; i < array.length; i++) {
                add(array[i], "item " + (i + 1), items, ids, errors);
            }
        } else {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                ItemJson item;
                try {
                    item = LINE.readValue(line);
                } catch (JsonProcessingException e) {
                    errors.add("line " + (i + 1) + ": " + describe(e));
                    continue;
                }
                add(item, "line " + (i + 1), items, ids, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(
                    "invalid_eval_set",
                    errors.size() + " invalid item" + (errors.size() == 1 ? "" : "s")
                            + "; nothing was stored: "
                            + String.join("; ", errors.subList(0, Math.min(MAX_ERRORS, errors.size())))
                            + (errors.size() > MAX_ERRORS ? "; ..." : ""));
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest("invalid_eval_set", "the body holds no item (only blank lines)");
        }
        return items;
    }

    private static void add(ItemJson json, String where, List<EvalItem> items, Set<String> ids, List<String> errors) {
        if (json == null) {
            errors.add(where + ": null is not an item");
            return;
        }
        if (json.id() == null || json.id().isBlank()) {
            errors.add(where + ": \"id\" is missing or blank");
            return;
        }
        if (json.query() == null || json.query().isBlank()) {
            errors.add(where + ": item '" + json.id() + "' has no \"query\"");
            return;
        }
        if (!ids.add(json.id())) {
            errors.add(where + ": item id '" + json.id() + "' is used twice");
            return;
        }
        List<Relevance> relevant = new ArrayList<>();
        if (json.relevant() != null) {
            for (RelevanceJson r : json.relevant()) {
                if (r == null || (r.sourceId() == null) == (r.chunkId() == null)) {
                    errors.add(where + ": each \"relevant\" entry of item '" + json.id()
                            + "' names exactly one of \"sourceId\" and \"chunkId\"");
                    return;
                }
                if ((r.sourceId() != null && r.sourceId().isBlank())
                        || (r.chunkId() != null && r.chunkId().isBlank())) {
                    errors.add(where + ": item '" + json.id() + "' has a blank sourceId or chunkId");
                    return;
                }
                relevant.add(new Relevance(
                        r.sourceId(), r.chunkId(), r.grade() == null ? Relevance.DEFAULT_GRADE : r.grade()));
            }
        }
        if (json.contexts() != null && json.contexts().stream().anyMatch(c -> c == null)) {
            errors.add(where + ": item '" + json.id() + "' has a null context");
            return;
        }
        if (json.label() != null && (json.answer() == null || json.answer().isBlank())) {
            errors.add(where + ": item '" + json.id() + "' has a \"label\" but no \"answer\" to label (true: the answer"
                    + " is supported by its evidence, false: it is not)");
            return;
        }
        items.add(new EvalItem(json.id(), json.query(), relevant, json.answer(), json.contexts(), json.label()));
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field \"" + u.getPropertyName()
                    + "\" (known: id, query, relevant, answer, contexts, label; in relevant: "
                    + "sourceId, chunkId, grade)";
        }
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
