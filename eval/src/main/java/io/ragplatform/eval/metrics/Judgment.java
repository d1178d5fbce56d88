package io.ragplatform.eval.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One relevance judgment of an evaluation-set item.
 *
 * <p>A grade above 0 means relevant; 0 or below means judged and not relevant (as in trec_eval with its default
 * relevance level 1). The eval-set format's default grade is {@link #DEFAULT_GRADE}.
 *
 * @param key a sourceId (document-level gold) or a chunkId (chunk-level gold)
 * @param grade graded relevance
 */
public record Judgment(String key, int grade) {
    /** The grade of a judgment that gives none. */
    public static final int DEFAULT_GRADE = 1;

    public Judgment {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("judgment key is empty");
        }
    }

    /** A judgment with the {@link #DEFAULT_GRADE}. */
    public static Judgment relevant(String key) {
        return new Judgment(key, DEFAULT_GRADE);
    }

    /**
     * The judgments as the {@code key -> grade} map the {@link Metrics} take, sorted by key. A key listed twice with
     * the same grade counts once.
     *
     * @throws IllegalArgumentException if one key is listed with two different grades
     */
    public static Map<String, Integer> toMap(List<Judgment> judgments) {
        Map<String, Integer> map = new TreeMap<>();
        for (Judgment j : judgments) {
            Integer previous = map.putIfAbsent(j.key(), j.grade());
            if (previous != null && previous != j.grade()) {
                throw new IllegalArgumentException(
                        "'" + j.key() + "' is judged twice, with grades " + previous + " and " + j.grade());
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
