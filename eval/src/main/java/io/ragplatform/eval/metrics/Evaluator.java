package io.ragplatform.eval.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The standard metric set of one query: {@code recall@k}, {@code precision@k}, {@code mrr@k}, {@code hit@k} at the
 * requested k, and {@code ndcg@10} always at 10. Definitions are those of {@link Metrics}. Pure and thread-safe.
 */
public final class Evaluator {
    /** The cut-off of the nDCG in every metric set. */
    public static final int NDCG_CUTOFF = 10;

    private Evaluator() {}

    /** The names of the metric set at that k, in order: hit, mrr, ndcg@10, precision, recall. */
    public static List<String> metricNames(int k) {
        return List.copyOf(new TreeSet<>(Set.of(
                name("recall", k), name("precision", k), name("mrr", k), name("hit", k), name("ndcg", NDCG_CUTOFF))));
    }

    /** {@link #evaluate(List, Map, int, Gain)} with {@link Gain#EXPONENTIAL} nDCG gains. */
    public static Optional<QueryMetrics> evaluate(List<String> ranking, Map<String, Integer> judgments, int k) {
        return evaluate(ranking, judgments, k, Gain.EXPONENTIAL);
    }

    /**
     * The metric set of one query, or empty when the query has no judgment at all: such a query is left out of every
     * mean, as trec_eval and pytrec_eval leave out queries missing from the qrels. A query whose judgments are all
     * grade 0 is judged, and scores 0 on every metric (as in trec_eval).
     *
     * @throws IllegalArgumentException if {@code k < 1} or the ranking repeats an ID
     */
    public static Optional<QueryMetrics> evaluate(
            List<String> ranking, Map<String, Integer> judgments, int k, Gain gain) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (judgments.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> values = new TreeMap<>();
        values.put(name("recall", k), Metrics.recallAtK(ranking, judgments, k));
        values.put(name("precision", k), Metrics.precisionAtK(ranking, judgments, k));
        values.put(name("mrr", k), Metrics.mrrAtK(ranking, judgments, k));
        values.put(name("hit", k), Metrics.hitAtK(ranking, judgments, k));
        values.put(name("ndcg", NDCG_CUTOFF), Metrics.ndcgAtK(ranking, judgments, NDCG_CUTOFF, gain));
        return Optional.of(new QueryMetrics(values));
    }

    private static String name(String metric, int k) {
        return metric + "@" + k;
    }
}
