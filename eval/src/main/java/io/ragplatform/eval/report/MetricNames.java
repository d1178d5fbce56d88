package io.ragplatform.eval.report;

import io.ragplatform.eval.run.RunMetrics;
import java.util.Comparator;
import java.util.List;

/**
 * What a metric name says about the metric: its level ({@code chunk.} prefix, the groundedness pair) and its family
 * ({@code recall}, {@code precision}, ...), and the order reports list metrics in.
 */
final class MetricNames {
    static final String CHUNK_PREFIX = RunMetrics.CHUNK_PREFIX;
    static final String GROUNDEDNESS = RunMetrics.GROUNDEDNESS;
    static final String HALLUCINATION_RATE = RunMetrics.HALLUCINATION_RATE;
    static final String NDCG10 = "ndcg@10";
    static final String CHUNK_NDCG10 = CHUNK_PREFIX + NDCG10;

    private static final List<String> LEVELS =
            List.of(RunReport.LEVEL_DOCUMENT, RunReport.LEVEL_CHUNK, RunReport.LEVEL_ANSWER, RunReport.LEVEL_OTHER);
    private static final List<String> FAMILIES = List.of("recall", "precision", "mrr", "hit", "ndcg");
    private static final List<String> ANSWER_METRICS = RunMetrics.ANSWER_METRICS;
    private static final List<String> MAIN_FAMILIES = List.of("recall", "mrr", "ndcg");

    /**
     * Document level first (recall, precision, mrr, hit, ndcg, then other families by name), then chunk level in the
     * same order, then the answers' metrics (groundedness, hallucination rate, support and the AUROCs), then anything
     * else; within a family by cut-off, numerically.
     */
    static final Comparator<String> ORDER = Comparator.comparingInt((String n) -> LEVELS.indexOf(level(n)))
            .thenComparingInt(MetricNames::familyRank)
            .thenComparing(MetricNames::family)
            .thenComparingLong(MetricNames::cutoff)
            .thenComparing(Comparator.naturalOrder());

    private MetricNames() {}

    /** {@link RunReport#LEVEL_DOCUMENT}, {@link RunReport#LEVEL_CHUNK}, ..._ANSWER or ..._OTHER. */
    static String level(String name) {
        if (ANSWER_METRICS.contains(name)) {
            return RunReport.LEVEL_ANSWER;
        }
        if (name.startsWith(CHUNK_PREFIX)) {
            return RunReport.LEVEL_CHUNK;
        }
        return name.contains("@") ? RunReport.LEVEL_DOCUMENT : RunReport.LEVEL_OTHER;
    }

    /** Whether the metric scores a ranking (document or chunk level). */
    static boolean isRetrieval(String name) {
        String level = level(name);
        return level.equals(RunReport.LEVEL_DOCUMENT) || level.equals(RunReport.LEVEL_CHUNK);
    }

    /** The metrics a trend follows: recall, mrr and nDCG at either level, groundedness and hallucination rate. */
    static boolean isMain(String name) {
        return ANSWER_METRICS.contains(name) || isRetrieval(name) && MAIN_FAMILIES.contains(family(name));
    }

    /** The name without its level prefix and cut-off: {@code chunk.recall@10 -> recall}. */
    static String family(String name) {
        String bare = name.startsWith(CHUNK_PREFIX) ? name.substring(CHUNK_PREFIX.length()) : name;
        int at = bare.indexOf('@');
        return at < 0 ? bare : bare.substring(0, at);
    }

    private static int familyRank(String name) {
        if (level(name).equals(RunReport.LEVEL_ANSWER)) {
            return ANSWER_METRICS.indexOf(name);
        }
        int rank = FAMILIES.indexOf(family(name));
        return rank < 0 ? FAMILIES.size() : rank;
    }

    private static long cutoff(String name) {
        int at = name.indexOf('@');
        if (at < 0) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(at + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
