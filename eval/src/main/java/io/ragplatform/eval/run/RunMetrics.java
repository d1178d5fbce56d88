package io.ragplatform.eval.run;

import io.ragplatform.eval.metrics.PairedComparison;
import io.ragplatform.eval.metrics.QueryMetrics;
import io.ragplatform.eval.metrics.RunComparison;
import io.ragplatform.eval.store.QueryResultRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The names of a run's metrics and how per-item values group into comparable families.
 *
 * <p>Document level (gold {@code sourceId}s; a source ranks at its best chunk): {@code recall@k},
 * {@code precision@k}, {@code mrr@k}, {@code hit@k}, {@code ndcg@10}. Chunk level (gold {@code chunkId}s): the same
 * names prefixed {@code chunk.}. Answers: {@code groundedness} (mean supported-claim share),
 * {@code hallucination_rate} (share of answers with an unsupported claim) and {@code support} (mean continuous support
 * score); where judged answers carry labels of both kinds, {@code support_auroc} and {@code groundedness_auroc} (how
 * well each score ranks supported answers above unsupported ones) and {@code verdict_balanced_accuracy} (how often the
 * verdict "no unsupported claim" agrees with the label, balanced over the two kinds).
 */
public final class RunMetrics {
    /** Prefix of chunk-level metric names. */
    public static final String CHUNK_PREFIX = "chunk.";
    /** Mean groundedness over judged answers. */
    public static final String GROUNDEDNESS = "groundedness";
    /** Share of judged answers with at least one unsupported claim. */
    public static final String HALLUCINATION_RATE = "hallucination_rate";
    /** Mean continuous support score over judged answers. */
    public static final String SUPPORT = "support";
    /** AUROC of the answers' support against their labels: P(a supported answer scores above an unsupported one). */
    public static final String SUPPORT_AUROC = "support_auroc";
    /** AUROC of the answers' groundedness (supported share) against their labels. */
    public static final String GROUNDEDNESS_AUROC = "groundedness_auroc";
    /**
     * Balanced accuracy of the run's verdict (an answer is supported when none of its claims is unsupported) against
     * the answers' labels.
     */
    public static final String VERDICT_BALANCED_ACCURACY = "verdict_balanced_accuracy";
    /** The metrics of answers, in report order. */
    public static final java.util.List<String> ANSWER_METRICS = java.util.List.of(
            GROUNDEDNESS, HALLUCINATION_RATE, SUPPORT, SUPPORT_AUROC, GROUNDEDNESS_AUROC, VERDICT_BALANCED_ACCURACY);

    private RunMetrics() {}

    /**
     * Candidate against base, item by item, per family (document, chunk, answers): each family pairs the items both
     * runs scored in it, in item-ID order, with {@link RunComparison#of}'s paired bootstrap and sign-flip test. A
     * family no item of both runs is scored in is left out.
     *
     * @return the merged per-metric comparison; {@code queries} is the number of items paired in any family
     */
    public static RunComparison compare(List<QueryResultRecord> base, List<QueryResultRecord> candidate) {
        Map<String, QueryResultRecord> b = byItem(base);
        Map<String, QueryResultRecord> c = byItem(candidate);
        SortedMap<String, PairedComparison> merged = new TreeMap<>();
        TreeSet<String> paired = new TreeSet<>();
        for (Family family : Family.values()) {
            Map<String, QueryMetrics> bm = new TreeMap<>();
            Map<String, QueryMetrics> cm = new TreeMap<>();
            for (String item : b.keySet()) {
                if (!c.containsKey(item)) {
                    continue;
                }
                QueryMetrics x = family.values(b.get(item));
                QueryMetrics y = family.values(c.get(item));
                if (family == Family.ANSWER && x != null && y != null) {
                    // a run stored before the support score has none: compare what both have
                    x = common(x, y);
                    y = common(y, x);
                }
                if (x != null
                        && y != null
                        && x.values().keySet().equals(y.values().keySet())) {
                    bm.put(item, x);
                    cm.put(item, y);
                }
            }
            if (!bm.isEmpty()) {
                merged.putAll(RunComparison.of(bm, cm).metrics());
                paired.addAll(bm.keySet());
            }
        }
        return new RunComparison(paired.size(), merged);
    }

    /** Per-item values of one family, or null when the item is not scored in it. */
    private enum Family {
        DOCUMENT(m -> !m.startsWith(CHUNK_PREFIX)),
        CHUNK(m -> m.startsWith(CHUNK_PREFIX)),
        ANSWER(null);

        private final Predicate<String> names;

        Family(Predicate<String> names) {
            this.names = names;
        }

        QueryMetrics values(QueryResultRecord r) {
            if (names == null) {
                if (r.groundedness() == null) {
                    return null;
                }
                boolean hallucinated =
                        r.unsupportedClaims() != null && !r.unsupportedClaims().isEmpty();
                Map<String, Double> values = new HashMap<>();
                values.put(GROUNDEDNESS, r.groundedness());
                values.put(HALLUCINATION_RATE, hallucinated ? 1.0 : 0.0);
                if (r.support() != null) {
                    values.put(SUPPORT, r.support());
                }
                return new QueryMetrics(values);
            }
            Map<String, Double> values = new HashMap<>();
            r.metrics().forEach((name, value) -> {
                if (names.test(name)) {
                    values.put(name, value);
                }
            });
            return values.isEmpty() ? null : new QueryMetrics(values);
        }
    }

    /** {@code a}'s values of the metrics {@code b} also has. */
    private static QueryMetrics common(QueryMetrics a, QueryMetrics b) {
        Map<String, Double> out = new HashMap<>(a.values());
        out.keySet().retainAll(b.values().keySet());
        return new QueryMetrics(out);
    }

    private static Map<String, QueryResultRecord> byItem(List<QueryResultRecord> results) {
        Map<String, QueryResultRecord> map = new TreeMap<>();
        results.forEach(r -> map.put(r.itemId(), r));
        return map;
    }

    /** Whether two runs' retrieval metrics (every metric but the answer family) are exactly equal. */
    public static boolean sameRetrievalMetrics(Map<String, Double> a, Map<String, Double> b) {
        return retrieval(a).equals(retrieval(b));
    }

    private static Map<String, Double> retrieval(Map<String, Double> metrics) {
        Map<String, Double> out = new TreeMap<>(metrics);
        ANSWER_METRICS.forEach(out::remove);
        return out;
    }
}
