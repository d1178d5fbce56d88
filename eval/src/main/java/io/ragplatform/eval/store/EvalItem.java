package io.ragplatform.eval.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One item of an evaluation set: a query with its gold judgments and, for answer-level evaluation, an optional
 * reference answer, reference contexts and a label saying whether the answer is supported. JSON form: {@code {"id",
 * "query", "relevant": [...], "answer"?, "contexts"?, "label"?}}; absent optional parts are null here and left out on
 * output.
 *
 * @param id the item's ID, unique within a set version
 * @param query the query text, not blank
 * @param relevant the gold judgments, possibly empty (the item is then left out of retrieval means)
 * @param answer a reference answer, or null
 * @param contexts reference context passages, or null when none are given (an empty list is kept as empty)
 * @param label whether the answer is known to be supported by its evidence (true) or not (false), or null when
 *     unlabelled; a run then measures how well its groundedness scores separate the two (AUROC)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalItem(
        String id, String query, List<Relevance> relevant, String answer, List<String> contexts, Boolean label) {
    public EvalItem {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("eval item id is empty");
        }
        Objects.requireNonNull(query, "query of item " + id);
        if (query.isBlank()) {
            throw new IllegalArgumentException("eval item '" + id + "' has a blank query");
        }
        Objects.requireNonNull(relevant, "relevant of item " + id);
        relevant = List.copyOf(relevant);
        contexts = contexts == null ? null : List.copyOf(contexts);
        if (label != null && (answer == null || answer.isBlank())) {
            throw new IllegalArgumentException("eval item '" + id + "' has a label but no answer to label");
        }
    }

    /** An unlabelled item. */
    public EvalItem(String id, String query, List<Relevance> relevant, String answer, List<String> contexts) {
        this(id, query, relevant, answer, contexts, null);
    }

    /** An item with gold judgments only. */
    public static EvalItem of(String id, String query, List<Relevance> relevant) {
        return new EvalItem(id, query, relevant, null, null);
    }
}
