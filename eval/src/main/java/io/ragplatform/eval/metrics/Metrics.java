package io.ragplatform.eval.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-query ranking metrics, as trec_eval / pytrec_eval (and so BEIR) define them.
 *
 * <p>Every function takes a {@code ranking} (IDs best first; position {@code i} is rank {@code i + 1}) and
 * {@code judgments} ({@code id -> grade}); an ID is relevant when its grade is above 0, and an ID without a judgment is
 * not relevant. Only the first {@code k} entries of the ranking count; a ranking shorter than {@code k} is treated as
 * padded with non-relevant results (so precision still divides by {@code k}). The ranking's order is taken as given:
 * unlike trec_eval, nothing re-sorts by score or breaks ties by ID.
 *
 * <p>When no judgment is above 0, every metric is 0, as in trec_eval. Excluding queries without any judgment from the
 * mean is the caller's part ({@link Evaluator#evaluate} returns empty for them).
 *
 * <p>All functions are pure and thread-safe. Each throws {@link IllegalArgumentException} when {@code k < 1} or when
 * an ID occurs twice in the first {@code k} entries of the ranking (a repeated relevant ID would count twice; build
 * rankings with {@link RankedLists}).
 */
public final class Metrics {
    private Metrics() {}

    /** Relevant IDs in the top {@code k} / all relevant IDs in the judgments; in [0, 1]. */
    public static double recallAtK(List<String> ranking, Map<String, Integer> judgments, int k) {
        long relevant = relevantCount(judgments);
        if (relevant == 0) {
            return 0.0;
        }
        return (double) relevantInTop(ranking, judgments, k) / relevant;
    }

    /** Relevant IDs in the top {@code k} / {@code k}; in [0, 1]. */
    public static double precisionAtK(List<String> ranking, Map<String, Integer> judgments, int k) {
        return (double) relevantInTop(ranking, judgments, k) / k;
    }

    /** {@code 1 / rank} of the first relevant ID within the top {@code k}, 0 when there is none. */
    public static double mrrAtK(List<String> ranking, Map<String, Integer> judgments, int k) {
        List<String> top = top(ranking, k);
        for (int i = 0; i < top.size(); i++) {
            if (isRelevant(judgments, top.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }

    /** 1 when a relevant ID is in the top {@code k}, else 0 (trec_eval's {@code success_k}). */
    public static double hitAtK(List<String> ranking, Map<String, Integer> judgments, int k) {
        return relevantInTop(ranking, judgments, k) > 0 ? 1.0 : 0.0;
    }

    /** {@link #ndcgAtK(List, Map, int, Gain)} with {@link Gain#EXPONENTIAL} gains, {@code 2^grade - 1}. */
    public static double ndcgAtK(List<String> ranking, Map<String, Integer> judgments, int k) {
        return ndcgAtK(ranking, judgments, k, Gain.EXPONENTIAL);
    }

    /**
     * Normalized discounted cumulative gain at {@code k}: {@code DCG@k / IDCG@k}, where
     * {@code DCG@k = sum over ranks r <= k of gain(grade(r)) / log2(r + 1)} and {@code IDCG@k} is the DCG@k of the
     * judgments themselves sorted by grade, best first (so relevant IDs never retrieved still count in the ideal).
     * In [0, 1]; 0 when no judgment is above 0.
     */
    public static double ndcgAtK(List<String> ranking, Map<String, Integer> judgments, int k, Gain gain) {
        Objects.requireNonNull(gain, "gain");
        List<String> top = top(ranking, k);
        double dcg = 0.0;
        for (int i = 0; i < top.size(); i++) {
            dcg += gain.of(grade(judgments, top.get(i))) / log2(i + 2);
        }
        List<Integer> grades = new ArrayList<>();
        for (int g : judgments.values()) {
            if (g > 0) {
                grades.add(g);
            }
        }
        grades.sort(Collections.reverseOrder());
        double ideal = 0.0;
        for (int i = 0; i < Math.min(k, grades.size()); i++) {
            ideal += gain.of(grades.get(i)) / log2(i + 2);
        }
        return ideal == 0.0 ? 0.0 : dcg / ideal;
    }

    static boolean isRelevant(Map<String, Integer> judgments, String id) {
        return grade(judgments, id) > 0;
    }

    private static int grade(Map<String, Integer> judgments, String id) {
        Integer g = judgments.get(id);
        return g == null ? 0 : g;
    }

    private static long relevantCount(Map<String, Integer> judgments) {
        return judgments.values().stream().filter(g -> g > 0).count();
    }

    private static int relevantInTop(List<String> ranking, Map<String, Integer> judgments, int k) {
        int n = 0;
        for (String id : top(ranking, k)) {
            if (isRelevant(judgments, id)) {
                n++;
            }
        }
        return n;
    }

    /** The first k entries, checked for repeats. */
    private static List<String> top(List<String> ranking, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        List<String> top = ranking.subList(0, Math.min(k, ranking.size()));
        Set<String> seen = new HashSet<>();
        for (String id : top) {
            if (!seen.add(Objects.requireNonNull(id, "ranking entry"))) {
                throw new IllegalArgumentException("'" + id + "' occurs twice in the ranking");
            }
        }
        return top;
    }

    private static final double LN_2 = Math.log(2.0);

    private static double log2(int x) {
        return Math.log(x) / LN_2;
    }
}
