package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.HtmlCheck.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.eval.metrics.QueryMetrics;
import io.ragplatform.eval.metrics.RunComparison;
import io.ragplatform.eval.report.ComparisonReport.MetricDelta;
import io.ragplatform.eval.report.ComparisonReport.PinWarning;
import io.ragplatform.eval.report.ComparisonReport.TrendPoint;
import io.ragplatform.eval.store.RunPins;
import io.ragplatform.eval.store.RunRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {
    static final double[] BASE_NDCG = {0.6, 0.5, 0.55, 0.3, 0.65, 0.2, 0.35, 0.53};
    static final double[] NDCG_DROP = {0.1, 0.2, 0.15, 0.1, 0.2, 0.1, 0.15, 0.2};
    static final double[] MRR_NOISE = {0.1, -0.1, 0.05, -0.05, 0, 0, 0.1, -0.1};

    /**
     * Candidate against base over eight queries: ndcg@10 drops on every one (0.46 to 0.31), recall@5 rises (0.6 to
     * 0.74375), mrr@5 is noise around 0.467; the means are the runs' stored ones.
     */
    static RunComparison comparison() {
        Map<String, QueryMetrics> base = new TreeMap<>();
        Map<String, QueryMetrics> candidate = new TreeMap<>();
        for (int i = 0; i < BASE_NDCG.length; i++) {
            double recall = 0.425 + i * 0.05;
            base.put("q" + i, new QueryMetrics(Map.of("ndcg@10", BASE_NDCG[i], "recall@5", recall, "mrr@5", 0.467)));
            candidate.put(
                    "q" + i,
                    new QueryMetrics(Map.of(
                            "ndcg@10",
                            BASE_NDCG[i] - NDCG_DROP[i],
                            "recall@5",
                            recall + 0.1 + (i % 3) * 0.05,
                            "mrr@5",
                            0.467 + MRR_NOISE[i])));
        }
        return RunComparison.of(base, candidate);
    }

    static RunRecord base() {
        return Fixtures.run();
    }

    /** Set version 4, vector mode, another model: three warnings. */
    static RunRecord candidate() {
        Map<String, Double> metrics = new TreeMap<>(Fixtures.runMetrics(-0.05));
        metrics.putAll(Map.of("ndcg@10", 0.31, "recall@5", 0.74375, "mrr@5", 0.467));
        return Fixtures.run("run-3", 4, 43L, 9L, "vector", 5, "e5-base", "2024-06-01T09:00:00Z", metrics);
    }

    static List<RunRecord> trend() {
        return List.of(
                candidate(),
                Fixtures.run(
                        "run-2",
                        3,
                        42L,
                        8L,
                        "hybrid",
                        5,
                        "bge-small",
                        "2024-05-01T10:00:00.5Z",
                        Fixtures.runMetrics(0.02)),
                base(),
                Fixtures.run(
                        "run-0",
                        2,
                        41L,
                        5L,
                        "hybrid",
                        5,
                        "bge-small",
                        "2024-04-01T00:00:00Z",
                        Map.of("ndcg@10", 0.4, "recall@5", 0.55, "precision@5", 0.1)));
    }

    static ComparisonReport report() {
        return ComparisonReport.of(base(), candidate(), comparison(), trend());
    }

    @Test
    void per_metric_means_deltas_and_verdicts_in_report_order() {
        ComparisonReport report = report();

        assertEquals(8, report.queries());
        assertEquals(
                List.of("recall@5", "mrr@5", "ndcg@10"),
                report.metrics().stream().map(MetricDelta::name).toList());
        MetricDelta ndcg = report.metrics().get(2);
        assertEquals(0.46, ndcg.baseMean());
        assertEquals(0.31, ndcg.candidateMean());
        assertEquals(-0.15, ndcg.delta(), 1e-12);
        assertTrue(ndcg.deltaLow() <= ndcg.delta() && ndcg.delta() <= ndcg.deltaHigh());
        assertTrue(ndcg.pValue() < 0.05);
        assertTrue(ndcg.significant());
        assertTrue(ndcg.regression());
        MetricDelta recall = report.metrics().get(0);
        assertTrue(recall.significant());
        assertFalse(recall.regression());
        MetricDelta mrr = report.metrics().get(1);
        assertFalse(mrr.significant());
        assertEquals(List.of("ndcg@10"), report.regressions());
    }

    @Test
    void warns_on_pins_that_matter() {
        assertEquals(
                List.of("setVersion", "mode", "modelId"),
                report().warnings().stream().map(PinWarning::pin).toList());
        assertEquals(
                new PinWarning("modelId", "bge-small", "e5-base", "The runs used different embedding models."),
                report().warnings().get(2));

        RunRecord sameSnapshotOtherIndex = Fixtures.run(
                "run-2", 3, 42L, 8L, "hybrid", 5, "bge-small", "2024-05-02T00:00:00Z", Fixtures.runMetrics(0));
        assertEquals(
                List.of(),
                ComparisonReport.of(base(), sameSnapshotOtherIndex, comparison(), List.of())
                        .warnings(),
                "a new index version or pipeline is what a comparison is for");

        RunRecord rewritten =
                Fixtures.run("run-4", 3, 99L, 7L, "hybrid", 10, null, "2024-05-02T00:00:00Z", Fixtures.runMetrics(0));
        List<PinWarning> warnings =
                ComparisonReport.of(base(), rewritten, comparison(), List.of()).warnings();
        assertEquals(
                List.of("setSnapshotId", "k", "modelId"),
                warnings.stream().map(PinWarning::pin).toList());
        assertEquals("42", warnings.get(0).base());
        assertNull(warnings.get(2).candidate());
    }

    @Test
    void trend_is_oldest_first_by_instant_with_main_metrics() {
        ComparisonReport report = report();

        // 10:00:00.500Z sorts before 10:00:00Z as text; by instant it is after
        assertEquals(
                List.of("run-0", "run-1", "run-2", "run-3"),
                report.trend().stream().map(TrendPoint::runId).toList());
        assertEquals(
                List.of(
                        "recall@5",
                        "mrr@5",
                        "ndcg@10",
                        "chunk.recall@5",
                        "chunk.mrr@5",
                        "chunk.ndcg@10",
                        "groundedness",
                        "hallucination_rate"),
                report.trendMetrics());
        TrendPoint oldest = report.trend().get(0);
        assertEquals(List.of(new MetricValue("recall@5", 0.55), new MetricValue("ndcg@10", 0.4)), oldest.metrics());
        assertNull(oldest.value("mrr@5"));
        assertTrue(report.trend().get(1).base());
        assertTrue(report.trend().get(3).candidate());
        assertFalse(report.trend().get(2).base() || report.trend().get(2).candidate());
        assertEquals(report, ComparisonReport.of(base(), candidate(), comparison(), Fixtures.shuffled(trend(), 3)));
    }

    @Test
    void rejects_trend_runs_of_another_set_or_twice() {
        RunRecord other = new RunRecord(
                new RunPins("run-x", "other", 1, 1L, 1L, "hybrid", 5, null, null, "2024-01-01T00:00:00Z", null),
                Map.of(),
                null);

        assertThrows(
                IllegalArgumentException.class,
                () -> ComparisonReport.of(base(), candidate(), comparison(), List.of(other)));
        assertThrows(
                IllegalArgumentException.class,
                () -> ComparisonReport.of(base(), candidate(), comparison(), List.of(base(), base())));
    }

    @Test
    void serializes_to_json() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(json.writeValueAsString(report()));

        assertEquals("run-3", tree.at("/candidate/runId").asText());
        assertEquals("ndcg@10", tree.at("/regressions/0").asText());
        assertTrue(tree.at("/metrics/2/regression").asBoolean());
        assertEquals("setVersion", tree.at("/warnings/0/pin").asText());
        assertEquals(2, tree.at("/trend/0/metrics").size());
        assertEquals(
                List.of("base", "candidate", "queries", "metrics", "regressions", "warnings", "trendMetrics", "trend"),
                RunReportTest.fieldNames(tree));
    }

    @Test
    void html_flags_regressions_warns_and_charts_each_main_metric() throws Exception {
        ComparisonReport report = report();
        String html = Fixtures.kept("comparison-sample.html", ComparisonHtml.render(report));

        HtmlCheck.wellFormed(html);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
        assertFalse(html.contains("<script"));
        // the delta forest plot, then a line chart per trend metric
        assertEquals(1 + report.trendMetrics().size(), count(html, "<svg "));
        assertTrue(html.contains("<polyline "));
        assertTrue(html.contains("<tr class=\"regression\"><td>ndcg@10</td><td class=\"num\">0.460</td>"
                + "<td class=\"num\">0.310</td><td class=\"num\">-0.150</td>"));
        assertTrue(html.contains("<td>▼ regression</td></tr>"));
        assertTrue(html.contains("<tr class=\"improvement\"><td>recall@5</td>"));
        assertTrue(html.contains("<p class=\"regression\">▼ Regressions: ndcg@10</p>"));
        assertTrue(html.contains("<div class=\"warn\" role=\"alert\">"));
        assertTrue(html.contains(
                "The runs used different embedding models. (<code>modelId</code>: bge-small → " + "e5-base)</li>"));
        assertTrue(html.contains("<tr class=\"differs\"><th scope=\"row\">Mode</th><td>hybrid</td><td>vector</td>"));
        assertTrue(html.contains("fill=\"" + Svg.REGRESSION_COLOR + "\""));
        assertTrue(html.contains(">candidate 0.310</text>"));
        assertEquals(
                html,
                ComparisonHtml.render(
                        ComparisonReport.of(base(), candidate(), comparison(), Fixtures.shuffled(trend(), 9))));
    }

    @Test
    void html_escapes_pins() {
        RunRecord odd = Fixtures.run(
                "run-<i>",
                3,
                42L,
                7L,
                "hybrid",
                5,
                "m<script>x</script>",
                "2024-05-03T00:00:00Z",
                Fixtures.runMetrics(0));

        String html = ComparisonHtml.render(ComparisonReport.of(base(), odd, comparison(), List.of(base(), odd)));

        HtmlCheck.wellFormed(html);
        Fixtures.assertEscaped(
                html, List.of("<script>", "run-<i>"), List.of("m&lt;script&gt;x&lt;/script&gt;", "run-&lt;i&gt;"));
    }

    @Test
    void markdown_flags_regressions_and_warns() throws Exception {
        String md = Fixtures.kept("comparison-sample.md", ComparisonMarkdown.render(report()));

        assertTrue(md.startsWith("# Run run-3 against run-1\n\n> [!WARNING]\n"));
        assertTrue(md.contains("> - The runs used different embedding models. (modelId: bge-small → e5-base)\n"));
        assertTrue(md.contains("| Mode ⚠ | hybrid | vector |"));
        assertTrue(md.contains("**▼ Regressions: ndcg@10**"));
        assertTrue(md.contains("| **ndcg@10** | 0.460 | 0.310 | -0.150 | "));
        assertTrue(md.contains(" | **▼ regression** |"));
        assertTrue(md.contains("| 4 | run-3 (candidate) | 2024-06-01T09:00:00Z | 4 | 9 | vector | 5 | e5-base |"));
        assertTrue(md.contains("| ndcg@10 | `▅▇█▁` | 0.310 | 0.480 |"));
        assertTrue(md.contains("| mrr@5 | ` ▁█▁` | 0.467 | 0.487 |"));
        ReportMarkdownTest.assertRowsHaveTheirHeadersCellCount(ReportMarkdownTest.tables(md));
    }

    @Test
    void renders_without_trend_or_metrics() {
        RunComparison none = new RunComparison(0, new TreeMap<>());
        ComparisonReport report = ComparisonReport.of(base(), base(), none, List.of());

        String html = ComparisonHtml.render(report);

        HtmlCheck.wellFormed(html);
        assertEquals(0, count(html, "<svg "));
        assertTrue(html.contains("No metric was compared."));
        assertTrue(html.contains("No runs given for the trend."));
        assertTrue(ComparisonMarkdown.render(report).contains("No runs given for the trend."));
    }
}
