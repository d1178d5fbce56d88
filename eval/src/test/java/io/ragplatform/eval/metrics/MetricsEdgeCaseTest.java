package io.ragplatform.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsEdgeCaseTest {
    private static final double EPS = 1e-9;

    private static void assertAll(
            List<String> ranking,
            Map<String, Integer> judged,
            int k,
            double recall,
            double precision,
            double mrr,
            double hit,
            double ndcg) {
        assertEquals(recall, Metrics.recallAtK(ranking, judged, k), EPS, "recall");
        assertEquals(precision, Metrics.precisionAtK(ranking, judged, k), EPS, "precision");
        assertEquals(mrr, Metrics.mrrAtK(ranking, judged, k), EPS, "mrr");
        assertEquals(hit, Metrics.hitAtK(ranking, judged, k), EPS, "hit");
        assertEquals(ndcg, Metrics.ndcgAtK(ranking, judged, k), EPS, "ndcg");
    }

    @Test
    void empty_ranking_scores_zero_everywhere() {
        assertAll(List.of(), Map.of("a", 1), 10, 0, 0, 0, 0, 0);
    }

    @Test
    void k_larger_than_the_ranking_pads_with_non_relevant_results() {
        // precision still divides by k: 1 relevant / 5
        assertAll(List.of("a"), Map.of("a", 1), 5, 1.0, 0.2, 1.0, 1.0, 1.0);
    }

    @Test
    void nothing_relevant_retrieved_scores_zero_everywhere() {
        assertAll(List.of("a", "b", "c"), Map.of("z", 2), 3, 0, 0, 0, 0, 0);
    }

    @Test
    void all_relevant_retrieved_in_ideal_order_scores_one_everywhere() {
        assertAll(List.of("a", "b", "c"), Map.of("a", 3, "b", 2, "c", 1), 3, 1, 1, 1, 1, 1);
    }

    @Test
    void all_relevant_in_the_wrong_order_lowers_only_ndcg() {
        // DCG = 1/1 + 3/log2(3) + 7/2 = 6.392789260714372; IDCG = 7 + 3/log2(3) + 1/2 = 9.392789260714373
        double ndcg = (1 + 3 / log2(3) + 7.0 / 2) / (7 + 3 / log2(3) + 0.5);
        assertEquals(0.6806060567602009, ndcg, EPS);
        assertAll(List.of("c", "b", "a"), Map.of("a", 3, "b", 2, "c", 1), 3, 1, 1, 1, 1, ndcg);
    }

    @Test
    void grade_zero_is_judged_not_relevant() {
        // a is judged 0: b at rank 2 is the only relevant one. nDCG = (1/log2(3)) / (1/log2(2))
        assertAll(List.of("a", "b"), Map.of("a", 0, "b", 1), 2, 1.0, 0.5, 0.5, 1.0, 0.6309297535714575);
    }

    @Test
    void negative_grades_are_not_relevant_and_gain_nothing() {
        assertAll(List.of("a", "b"), Map.of("a", -2, "b", 1), 2, 1.0, 0.5, 0.5, 1.0, 0.6309297535714575);
    }

    @Test
    void query_judged_only_non_relevant_scores_zero_and_is_still_evaluated() {
        Map<String, Integer> judged = Map.of("a", 0, "b", 0);
        assertAll(List.of("a", "b"), judged, 2, 0, 0, 0, 0, 0);
        QueryMetrics m = Evaluator.evaluate(List.of("a", "b"), judged, 2).orElseThrow();
        assertTrue(m.values().values().stream().allMatch(v -> v == 0.0));
    }

    @Test
    void query_without_judgments_is_excluded() {
        assertTrue(Evaluator.evaluate(List.of("a", "b"), Map.of(), 10).isEmpty());
    }

    @Test
    void ideal_dcg_is_cut_at_k() {
        // three relevant, k = 1: the ideal top 1 is the grade-2 item, which is retrieved first
        assertEquals(1.0, Metrics.ndcgAtK(List.of("a"), Map.of("a", 2, "b", 1, "c", 1), 1), EPS);
    }

    @Test
    void k_below_one_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.recallAtK(List.of("a"), Map.of("a", 1), 0));
        assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(List.of("a"), Map.of("a", 1), 0));
    }

    @Test
    void a_ranking_repeating_an_id_within_k_is_rejected() {
        List<String> ranking = List.of("a", "a", "b");
        assertThrows(IllegalArgumentException.class, () -> Metrics.precisionAtK(ranking, Map.of("a", 1), 3));
        // a repeat beyond k does not affect the metric at k
        assertEquals(1.0, Metrics.precisionAtK(ranking, Map.of("a", 1), 1), EPS);
    }

    @Test
    void evaluator_names_metrics_at_the_requested_k_and_ndcg_at_10() {
        QueryMetrics m =
                Evaluator.evaluate(List.of("a", "b"), Map.of("b", 1), 5).orElseThrow();
        assertEquals(
                List.of("hit@5", "mrr@5", "ndcg@10", "precision@5", "recall@5"),
                List.copyOf(m.values().keySet()));
        assertEquals(Evaluator.metricNames(5), List.copyOf(m.values().keySet()));
        assertEquals(0.2, m.get("precision@5"), EPS);
        assertThrows(IllegalArgumentException.class, () -> m.get("ndcg@5"));
    }

    @Test
    void judgments_listing_a_key_twice_count_once_unless_the_grades_disagree() {
        assertEquals(
                Map.of("a", 2, "b", 1),
                Judgment.toMap(List.of(new Judgment("a", 2), Judgment.relevant("b"), new Judgment("a", 2))));
        assertThrows(
                IllegalArgumentException.class,
                () -> Judgment.toMap(List.of(new Judgment("a", 2), new Judgment("a", 1))));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
