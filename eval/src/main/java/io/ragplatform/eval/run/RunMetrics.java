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
 * names prefixed {@code chunk.}. Answers: {@code groundedness} (mean supported-claim share) and
 * {@code hallucination_rate} (share of answers with an unsupported claim).
 */
public final class RunMetrics {
    /** Prefix of chunk-level metric names. */
    public static final String CHUNK_PREFIX = "chunk.";
    /** Mean groundedness over judged answers. */
    public static final String GROUNDEDNESS = "groundedness";
    /** Share of judged answers with at least one unsupported claim. */
    public static final String HALLUCINATION_RATE = "hallucination_rate";

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
                return new QueryMetrics(
                        Map.of(GROUNDEDNESS, r.groundedness(), HALLUCINATION_RATE, hallucinated ? 1.0 : 0.0));
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
        out.remove(GROUNDEDNESS);
        out.remove(HALLUCINATION_RATE);
        return out;
    }
}
