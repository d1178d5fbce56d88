package io.ragplatform.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden fixture: three queries whose metrics are worked out by hand below, at k = 3 and nDCG@10.
 *
 * <p>Numbers used: log2(2) = 1, log2(3) = 1.584962500721156 (so 1/log2(3) = 0.6309297535714575), log2(4) = 2,
 * log2(5) = 2.321928094887362 (so 1/log2(5) = 0.43067655807339306), log2(8) = 3. Rank r is discounted by log2(r + 1).
 * The same values come out of a standard-library re-implementation of trec_eval 9's P_k, recall_k, success_k and
 * ndcg_cut_k (the latter with its linear gains, checked in {@link #linear_gain_ndcg_matches_trec_eval_ndcg_cut}).
 */
class MetricsFixtureTest {
    private static final double EPS = 1e-9;
    private static final int K = 3;

    /*
     * q1: ranking a b c d e; judged a=2, b=0, c=1, x=1 (x never retrieved). Relevant: a, c, x (b is judged not relevant).
     *   top 3 = a(2) b(0) c(1): 2 relevant retrieved.
     *   recall@3    = 2 / 3 = 0.6666666666666666
     *   precision@3 = 2 / 3 = 0.6666666666666666
     *   mrr@3       = 1 / 1 = 1 (a at rank 1)
     *   hit@3       = 1
     *   DCG@10  = (2^2-1)/log2(2) + (2^1-1)/log2(4) = 3/1 + 1/2 = 3.5
     *   IDCG@10 = grades 2,1,1 at ranks 1,2,3 = 3/log2(2) + 1/log2(3) + 1/log2(4) = 3 + 0.6309297535714575 + 0.5
     *           = 4.130929753571457
     *   nDCG@10 = 3.5 / 4.130929753571457 = 0.8472668887613066
     */
    static final List<String> Q1 = List.of("a", "b", "c", "d", "e");
    static final Map<String, Integer> J1 = Map.of("a", 2, "b", 0, "c", 1, "x", 1);

    /*
     * q2: ranking p q r s t u v; judged q=1, v=3. Relevant: q, v.
     *   top 3 = p q r: q at rank 2.
     *   recall@3    = 1 / 2 = 0.5
     *   precision@3 = 1 / 3 = 0.3333333333333333
     *   mrr@3       = 1 / 2 = 0.5
     *   hit@3       = 1
     *   DCG@10  = (2^1-1)/log2(3) + (2^3-1)/log2(8) = 0.6309297535714575 + 7/3 = 0.6309297535714575 + 2.3333333333333335
     *           = 2.964263086904791   (v at rank 7 is beyond k = 3 but within 10)
     *   IDCG@10 = grades 3,1 at ranks 1,2 = 7/log2(2) + 1/log2(3) = 7 + 0.6309297535714575 = 7.630929753571457
     *   nDCG@10 = 2.964263086904791 / 7.630929753571457 = 0.3884537248580286
     */
    static final List<String> Q2 = List.of("p", "q", "r", "s", "t", "u", "v");
    static final Map<String, Integer> J2 = Map.of("q", 1, "v", 3);

    /*
     * q3: ranking m n o w; judged w=1. Nothing relevant in the top 3; w at rank 4.
     *   recall@3 = precision@3 = mrr@3 = hit@3 = 0
     *   DCG@10  = (2^1-1)/log2(5) = 0.43067655807339306
     *   IDCG@10 = (2^1-1)/log2(2) = 1
     *   nDCG@10 = 0.43067655807339306
     */
    static final List<String> Q3 = List.of("m", "n", "o", "w");
    static final Map<String, Integer> J3 = Map.of("w", 1);

    /*
     * Means over the three queries:
     *   recall@3    = (2/3 + 1/2 + 0) / 3 = (7/6) / 3 = 7/18 = 0.3888888888888889
     *   precision@3 = (2/3 + 1/3 + 0) / 3 = 1/3 = 0.3333333333333333
     *   mrr@3       = (1 + 1/2 + 0) / 3 = 0.5
     *   hit@3       = (1 + 1 + 0) / 3 = 0.6666666666666666
     *   nDCG@10     = (0.8472668887613066 + 0.3884537248580286 + 0.43067655807339306) / 3
     *               = 1.6663971716927283 / 3 = 0.5554657238975761
     */

    @Test
    void recall_at_3_is_relevant_retrieved_over_all_relevant() {
        assertPerQuery(Metrics::recallAtK, K, 2.0 / 3, 0.5, 0.0);
    }

    @Test
    void precision_at_3_is_relevant_retrieved_over_k() {
        assertPerQuery(Metrics::precisionAtK, K, 0.6666666666666666, 0.3333333333333333, 0.0);
    }

    @Test
    void mrr_at_3_is_reciprocal_rank_of_first_relevant() {
        assertPerQuery(Metrics::mrrAtK, K, 1.0, 0.5, 0.0);
    }

    @Test
    void hit_at_3_is_one_when_anything_relevant_is_in_the_top_3() {
        assertPerQuery(Metrics::hitAtK, K, 1.0, 1.0, 0.0);
    }

    @Test
    void ndcg_at_10_uses_exponential_gains_and_log2_rank_plus_one_discount() {
        assertPerQuery(Metrics::ndcgAtK, 10, 0.8472668887613066, 0.3884537248580286, 0.43067655807339306);
    }

    /** A metric of one query's ranking against its judgments at a cut-off. */
    private interface PerQuery {
        double at(List<String> ranking, Map<String, Integer> judged, int k);
    }

    /** The metric's value on each of the three queries, in order. */
    private static void assertPerQuery(PerQuery metric, int k, double q1, double q2, double q3) {
        assertEquals(q1, metric.at(Q1, J1, k), EPS, "q1");
        assertEquals(q2, metric.at(Q2, J2, k), EPS, "q2");
        assertEquals(q3, metric.at(Q3, J3, k), EPS, "q3");
    }

    @Test
    void evaluator_produces_the_metric_set_and_the_summary_means_match_the_hand_computed_means() {
        Map<String, QueryMetrics> run = new LinkedHashMap<>();
        run.put("q1", Evaluator.evaluate(Q1, J1, K).orElseThrow());
        run.put("q2", Evaluator.evaluate(Q2, J2, K).orElseThrow());
        run.put("q3", Evaluator.evaluate(Q3, J3, K).orElseThrow());

        assertEquals(
                List.of("hit@3", "mrr@3", "ndcg@10", "precision@3", "recall@3"),
                List.copyOf(run.get("q1").values().keySet()));
        assertEquals(0.8472668887613066, run.get("q1").get("ndcg@10"), EPS);
        assertEquals(0.5, run.get("q2").get("recall@3"), EPS);

        RunSummary summary = RunSummary.of(run);
        assertEquals(3, summary.queries());
        assertEquals(Evaluator.metricNames(K), List.copyOf(summary.metrics().keySet()));
        assertEquals(0.3888888888888889, summary.metrics().get("recall@3").mean(), EPS);
        assertEquals(0.3333333333333333, summary.metrics().get("precision@3").mean(), EPS);
        assertEquals(0.5, summary.metrics().get("mrr@3").mean(), EPS);
        assertEquals(0.6666666666666666, summary.metrics().get("hit@3").mean(), EPS);
        assertEquals(0.5554657238975761, summary.metrics().get("ndcg@10").mean(), EPS);
    }

    /*
     * trec_eval's ndcg_cut (what pytrec_eval runs for BEIR) gains the grade itself:
     *   q1: DCG = 2/1 + 1/2 = 2.5;  IDCG = 2 + 0.6309297535714575 + 0.5 = 3.1309297535714575;  nDCG = 0.7984848580994974
     *   q2: DCG = 1/log2(3) + 3/log2(8) = 0.6309297535714575 + 1 = 1.6309297535714575;
     *       IDCG = 3 + 0.6309297535714575 = 3.6309297535714575;  nDCG = 0.44917689524762666
     *   q3: grade 1 only, so the same as with exponential gains: 0.43067655807339306
     */
    @Test
    void linear_gain_ndcg_matches_trec_eval_ndcg_cut() {
        assertEquals(0.7984848580994974, Metrics.ndcgAtK(Q1, J1, 10, Gain.LINEAR), EPS);
        assertEquals(0.44917689524762666, Metrics.ndcgAtK(Q2, J2, 10, Gain.LINEAR), EPS);
        assertEquals(0.43067655807339306, Metrics.ndcgAtK(Q3, J3, 10, Gain.LINEAR), EPS);
    }
}
