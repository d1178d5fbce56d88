package io.ragplatform.eval.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One gold judgment of an {@link EvalItem}: a whole source (document-level gold) or one chunk (chunk-level gold), with
 * a graded relevance. Exactly one of {@code sourceId} and {@code chunkId} is set. A grade above 0 means relevant; 0 or
 * below means judged and not relevant (as in trec_eval). In JSON the grade may be left out and is then
 * {@link #DEFAULT_GRADE}; the unset key is left out on output.
 *
 * @param sourceId the source's ID, or null when {@code chunkId} is set
 * @param chunkId the chunk's ID, or null when {@code sourceId} is set
 * @param grade graded relevance
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Relevance(String sourceId, String chunkId, int grade) {
    /** The grade of a judgment that gives none. */
    public static final int DEFAULT_GRADE = 1;

    public Relevance {
        if ((sourceId == null) == (chunkId == null)) {
            throw new IllegalArgumentException("a relevance judgment names exactly one of sourceId and chunkId, got "
                    + "sourceId=" + sourceId + ", chunkId=" + chunkId);
        }
        if (sourceId != null && sourceId.isEmpty() || chunkId != null && chunkId.isEmpty()) {
            throw new IllegalArgumentException("a relevance judgment's sourceId or chunkId is empty");
        }
    }

    /** The JSON form: {@code {"sourceId" | "chunkId", "grade"?}}, a missing grade being {@link #DEFAULT_GRADE}. */
    @JsonCreator
    static Relevance fromJson(
            @JsonProperty("sourceId") String sourceId,
            @JsonProperty("chunkId") String chunkId,
            @JsonProperty("grade") Integer grade) {
        return new Relevance(sourceId, chunkId, grade == null ? DEFAULT_GRADE : grade);
    }

    /** Document-level gold with the {@link #DEFAULT_GRADE}. */
    public static Relevance source(String sourceId) {
        return new Relevance(sourceId, null, DEFAULT_GRADE);
    }

    /** Document-level gold with a grade. */
    public static Relevance source(String sourceId, int grade) {
        return new Relevance(sourceId, null, grade);
    }

    /** Chunk-level gold with the {@link #DEFAULT_GRADE}. */
    public static Relevance chunk(String chunkId) {
        return new Relevance(null, chunkId, DEFAULT_GRADE);
    }

    /** Chunk-level gold with a grade. */
    public static Relevance chunk(String chunkId, int grade) {
        return new Relevance(null, chunkId, grade);
    }
}
