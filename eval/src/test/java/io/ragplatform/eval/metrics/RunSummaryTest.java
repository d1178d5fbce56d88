package io.ragplatform.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    private static QueryMetrics metrics(double recall, double ndcg) {
        return new QueryMetrics(Map.of("recall@10", recall, "ndcg@10", ndcg));
    }

    /** Forty queries q00..q39 with spread-out values; the candidate adds {@code shift} to recall only. */
    private static Map<String, QueryMetrics> run(double shift, boolean reversed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(String.format(java.util.Locale.ROOT, "q%02d", i));
        }
        if (reversed) {
            Collections.reverse(ids);
        }
        Map<String, QueryMetrics> run = new LinkedHashMap<>();
        for (String id : ids) {
            int i = Integer.parseInt(id.substring(1));
            double recall = (i % 7) / 10.0;
            run.put(id, metrics(recall + shift, (i % 5) / 5.0));
        }
        return run;
    }

    @Test
    void summary_is_per_metric_in_name_order() {
        RunSummary s = RunSummary.of(run(0, false), 1000, 1);
        assertEquals(40, s.queries());
        assertEquals(List.of("ndcg@10", "recall@10"), List.copyOf(s.metrics().keySet()));
        for (ConfidenceInterval ci : s.metrics().values()) {
            assertTrue(ci.contains(ci.mean()), ci.toString());
        }
    }

    @Test
    void summary_does_not_depend_on_the_order_queries_arrive_in() {
        assertEquals(RunSummary.of(run(0, false), 1000, 1), RunSummary.of(run(0, true), 1000, 1));
    }

    @Test
    void a_run_with_no_evaluated_queries_has_no_metrics() {
        RunSummary s = RunSummary.of(Map.of());
        assertEquals(0, s.queries());
        assertTrue(s.metrics().isEmpty());
    }

    @Test
    void queries_with_different_metric_names_are_rejected() {
        Map<String, QueryMetrics> run = Map.of("a", metrics(1, 1), "b", new QueryMetrics(Map.of("recall@5", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> RunSummary.of(run));
    }

    @Test
    void comparison_flags_only_the_metric_that_got_worse() {
        RunComparison c = RunComparison.of(run(0, false), run(-0.1, true), 1000, 1);
        assertEquals(40, c.queries());
        assertEquals(List.of("recall@10"), c.regressions());
        assertEquals(-0.1, c.metrics().get("recall@10").delta(), 1e-9);
        assertEquals(0.0, c.metrics().get("ndcg@10").delta(), 0.0);
        assertEquals(1.0, c.metrics().get("ndcg@10").pValue(), 0.0);
    }

    @Test
    void a_better_candidate_has_no_regressions() {
        RunComparison c = RunComparison.of(run(0, false), run(0.1, false));
        assertTrue(c.regressions().isEmpty());
        assertTrue(c.metrics().get("recall@10").significant());
    }

    @Test
    void runs_over_different_queries_cannot_be_paired() {
        Map<String, QueryMetrics> base = Map.of("a", metrics(1, 1), "b", metrics(0, 0));
        Map<String, QueryMetrics> candidate = Map.of("a", metrics(1, 1), "c", metrics(0, 0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RunComparison.of(base, candidate));
        assertTrue(e.getMessage().contains("only in base [b]"), e.getMessage());
    }
}
