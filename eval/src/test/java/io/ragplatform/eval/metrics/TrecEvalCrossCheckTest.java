package io.ragplatform.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One graded query of twelve results against values from a standard-library Python re-implementation of trec_eval 9
 * (the C code pytrec_eval wraps): P_k, recall_k, success_k, recip_rank cut at k, ndcg_cut_k (linear gains), run with
 * relevance level 1 and distinct descending scores so trec_eval keeps this order. The exponential-gain nDCG comes from
 * the same script with {@code 2^grade - 1} as the gain.
 *
 * <p>Judged: d02=3, d03=0, d05=1, d07=2, d09=-1, d11=1, and d13=2, d14=1 never retrieved; 6 relevant in all.
 */
class TrecEvalCrossCheckTest {
    private static final double EPS = 1e-9;
    private static final List<String> RANKING =
            List.of("d01", "d02", "d03", "d04", "d05", "d06", "d07", "d08", "d09", "d10", "d11", "d12");
    private static final Map<String, Integer> JUDGED =
            Map.of("d02", 3, "d03", 0, "d05", 1, "d07", 2, "d09", -1, "d11", 1, "d13", 2, "d14", 1);

    @Test
    void values_at_5_match_trec_eval() {
        assertValuesAt(5, 0.4, 0.3333333333333333, 0.5, 1.0, 0.37497882036782704, 0.42847676702826176);
    }

    @Test
    void values_at_10_match_trec_eval() {
        assertValuesAt(10, 0.3, 0.5, 0.5, 1.0, 0.45781442889651086, 0.5017376155981741);
    }

    /** Every metric at cut-off k against its trec_eval value (the exponential nDCG against the script's). */
    private static void assertValuesAt(
            int k, double precision, double recall, double mrr, double hit, double ndcgLinear, double ndcgExponential) {
        assertEquals(precision, Metrics.precisionAtK(RANKING, JUDGED, k), EPS, "P_" + k);
        assertEquals(recall, Metrics.recallAtK(RANKING, JUDGED, k), EPS, "recall_" + k);
        assertEquals(mrr, Metrics.mrrAtK(RANKING, JUDGED, k), EPS, "recip_rank@" + k);
        assertEquals(hit, Metrics.hitAtK(RANKING, JUDGED, k), EPS, "success_" + k);
        assertEquals(ndcgLinear, Metrics.ndcgAtK(RANKING, JUDGED, k, Gain.LINEAR), EPS, "ndcg_cut_" + k);
        assertEquals(ndcgExponential, Metrics.ndcgAtK(RANKING, JUDGED, k, Gain.EXPONENTIAL), EPS, "exp ndcg@" + k);
    }

    @Test
    void values_at_1_are_zero_when_rank_1_is_not_relevant() {
        assertEquals(0.0, Metrics.precisionAtK(RANKING, JUDGED, 1), EPS);
        assertEquals(0.0, Metrics.recallAtK(RANKING, JUDGED, 1), EPS);
        assertEquals(0.0, Metrics.mrrAtK(RANKING, JUDGED, 1), EPS);
        assertEquals(0.0, Metrics.ndcgAtK(RANKING, JUDGED, 1, Gain.LINEAR), EPS);
    }

    @Test
    void binary_judgments_give_the_same_ndcg_under_either_gain() {
        Map<String, Integer> binary = Map.of("d02", 1, "d07", 1, "d13", 1);
        assertEquals(
                Metrics.ndcgAtK(RANKING, binary, 10, Gain.LINEAR),
                Metrics.ndcgAtK(RANKING, binary, 10, Gain.EXPONENTIAL),
                0.0);
    }
}
