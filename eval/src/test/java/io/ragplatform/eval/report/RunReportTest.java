package io.ragplatform.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.eval.report.RunReport.AnswerGroundedness;
import io.ragplatform.eval.report.RunReport.Bin;
import io.ragplatform.eval.report.RunReport.ClaimRow;
import io.ragplatform.eval.report.RunReport.GoldEntry;
import io.ragplatform.eval.report.RunReport.Histogram;
import io.ragplatform.eval.report.RunReport.MetricSummary;
import io.ragplatform.eval.report.RunReport.RankedResult;
import io.ragplatform.eval.report.RunReport.WorstQuery;
import io.ragplatform.eval.run.RunCounts;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.RunPins;
import io.ragplatform.eval.store.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RunReportTest {
    /** The fixture run's per-query metrics in report order: document level, then chunk level, then groundedness. */
    private static final List<String> PER_QUERY_METRICS = List.of(
            "recall@5",
            "precision@5",
            "mrr@5",
            "hit@5",
            "ndcg@10",
            "chunk.recall@5",
            "chunk.precision@5",
            "chunk.mrr@5",
            "chunk.hit@5",
            "chunk.ndcg@10",
            "groundedness");

    @Test
    void pins_are_the_runs() {
        RunPins pins = Fixtures.report().pins();

        assertEquals(
                new RunPins(
                        "run-1",
                        "faq",
                        3,
                        42L,
                        7L,
                        "hybrid",
                        5,
                        "bge-small",
                        "pipe-2",
                        "2024-05-01T10:00:00Z",
                        Fixtures.run().pins().configJson()),
                pins);
    }

    @Test
    void summary_lists_metrics_document_then_chunk_then_groundedness_with_their_intervals() {
        List<MetricSummary> metrics = Fixtures.report().summary().metrics();

        assertEquals(
                Stream.concat(PER_QUERY_METRICS.stream(), Stream.of("hallucination_rate"))
                        .toList(),
                metrics.stream().map(MetricSummary::name).toList());
        assertEquals(new MetricSummary("ndcg@10", "document", 0.46, 0.36, 0.56), metrics.get(4));
        assertEquals(new MetricSummary("chunk.ndcg@10", "chunk", 0.815, null, null), metrics.get(9));
        assertEquals("answer", metrics.get(10).level());
        assertEquals(0.722, metrics.get(10).mean());
        assertEquals(0.622, metrics.get(10).low(), 1e-12);
        assertNull(metrics.get(11).low());
    }

    @Test
    void metric_order_puts_cutoffs_numerically_and_unknown_metrics_last() {
        List<String> names = new ArrayList<>(List.of(
                "latency_ms",
                "hallucination_rate",
                "map@10",
                "chunk.ndcg@10",
                "ndcg@10",
                "ndcg@5",
                "recall@20",
                "recall@5",
                "groundedness",
                "chunk.map@10"));
        names.sort(MetricNames.ORDER);

        assertEquals(
                List.of(
                        "recall@5",
                        "recall@20",
                        "ndcg@5",
                        "ndcg@10",
                        "map@10",
                        "chunk.ndcg@10",
                        "chunk.map@10",
                        "groundedness",
                        "hallucination_rate",
                        "latency_ms"),
                names);
    }

    @Test
    void counts_what_was_judged_at_each_level() {
        // q1, q2, q3, q4, q7 document level; q1, q5 chunk level; q6, q8 no gold; q6, q7, q8 answered with
        // 3 + 2 recorded claims (q8 recorded only its unsupported one), unsupported: q6 one, q8 one
        assertEquals(
                new RunCounts(8, 5, 2, 2, 3, 5, 2, 2),
                Fixtures.report().summary().counts());
    }

    @Test
    void histograms_per_retrieval_metric_then_groundedness() {
        List<Histogram> distributions = Fixtures.report().distributions();

        assertEquals(
                PER_QUERY_METRICS, distributions.stream().map(Histogram::metric).toList());
        Histogram ndcg = distributions.get(4);
        // q1 1.0, q2 0.5, q3 0, q4 0, q7 0.8
        assertEquals(5, ndcg.values());
        assertEquals(2, ndcg.zeros());
        assertEquals(1, ndcg.ones());
        assertEquals(List.of(2, 0, 0, 0, 0, 1, 0, 0, 1, 1), counts(ndcg));
        // q1 1.0, q5 0.63
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 0, 0, 1), counts(distributions.get(9)));
        Histogram groundedness = distributions.get(10);
        // q8 0.5, q6 0.667, q7 1.0
        assertEquals("answer", groundedness.level());
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 0, 0, 1), counts(groundedness));
        assertEquals(new Bin(0.3, 0.4, 0), groundedness.bins().get(3));
        assertEquals(new Bin(0.9, 1.0, 1), groundedness.bins().get(9));
    }

    @Test
    void histogram_bins_hold_their_low_edge_and_the_last_holds_one() {
        Histogram h = RunReportBuilder.histogram(
                "recall@10", List.of(0.0, 0.1, 0.3, 0.7, 0.1 * 3, 0.7 * 1.0, 0.999, 1.0, 0.05, 1.2, -0.1));

        assertEquals(List.of(3, 1, 0, 2, 0, 0, 0, 2, 0, 3), counts(h));
        assertEquals(11, h.values());
        assertEquals(1, h.zeros());
        assertEquals(1, h.ones());
    }

    @Test
    void worst_queries_lowest_primary_first_ties_by_item_id() {
        RunReport report = Fixtures.report();

        assertEquals("ndcg@10", report.primaryMetric());
        assertEquals(
                List.of("q3", "q4", "q2"),
                report.worstQueries().stream().map(WorstQuery::itemId).toList());
        // q5 has chunk gold only, so it is never among them; all others ranked
        RunReport all = Fixtures.report(100);
        assertEquals(
                List.of("q3", "q4", "q2", "q7", "q1"),
                all.worstQueries().stream().map(WorstQuery::itemId).toList());
        assertEquals(List.of(), Fixtures.report(0).worstQueries());
    }

    @Test
    void worst_query_marks_gold_retrieved_and_the_first_relevant_rank() {
        WorstQuery q2 = Fixtures.report().worstQueries().get(2);

        assertEquals(Fixtures.SCRIPT_QUERY, q2.query());
        assertEquals(0.5, q2.primaryValue());
        assertEquals(
                List.of("recall@5", "precision@5", "mrr@5", "hit@5", "ndcg@10"),
                q2.metrics().stream().map(MetricValue::name).toList());
        // the relevant source first (by grade), each with the rank it was retrieved at
        assertEquals(
                List.of(documentGold("docs/chunking.md", 1, true, 3), documentGold("docs/old.md", 0, false, 1)),
                q2.gold());
        assertEquals(
                List.of(
                        new RankedResult(1, "docs/old.md", null, 0, false),
                        new RankedResult(2, "docs/misc.md", null, null, false),
                        new RankedResult(3, "docs/chunking.md", null, 1, true)),
                q2.retrievedDocuments());
        assertEquals(
                new RankedResult(1, "c-old", 0.8, null, false),
                q2.retrievedChunks().get(0));
        assertEquals(3, q2.firstRelevantDocumentRank());
        assertNull(q2.firstRelevantChunkRank(), "no chunk gold");

        WorstQuery q3 = Fixtures.report().worstQueries().get(0);
        assertEquals(List.of(documentGold("docs/ports.md", 1, true, null)), q3.gold());
        assertNull(q3.firstRelevantDocumentRank(), "nothing relevant retrieved");
        assertNull(q3.retrievedChunks().get(0).score(), "scores not recorded");
        assertEquals(List.of(), Fixtures.report().worstQueries().get(1).retrievedChunks());
    }

    @Test
    void worst_query_with_both_levels_lists_source_gold_before_chunk_gold() {
        RunReport all = Fixtures.report(100);
        WorstQuery q1 = all.worstQueries().get(4);

        assertEquals(List.of(documentGold("docs/keys.md", 2, true, 1), chunkGold("c-keys-1", 1, true, 1)), q1.gold());
        assertEquals(
                new RankedResult(1, "c-keys-1", 0.91, 1, true),
                q1.retrievedChunks().get(0));
        assertEquals(1, q1.firstRelevantDocumentRank());
        assertEquals(1, q1.firstRelevantChunkRank());
        assertEquals(10, q1.metrics().size());
    }

    /** A worst query's gold judgment of a source ID (level {@code document}). */
    private static GoldEntry documentGold(String sourceId, int grade, boolean relevant, Integer retrievedRank) {
        return new GoldEntry("document", sourceId, grade, relevant, retrievedRank);
    }

    /** A worst query's gold judgment of a chunk ID (level {@code chunk}). */
    private static GoldEntry chunkGold(String chunkId, int grade, boolean relevant, Integer retrievedRank) {
        return new GoldEntry("chunk", chunkId, grade, relevant, retrievedRank);
    }

    @Test
    void falls_back_to_chunk_ndcg_without_document_gold() {
        RunRecord run = Fixtures.run(
                "run-c", 3, 42L, 7L, "hybrid", 5, null, "2024-05-01T10:00:00Z", Map.of("chunk.ndcg@10", 0.8));
        List<QueryResultRecord> results = List.of(
                Fixtures.retrieved(
                        "run-c",
                        "q5",
                        "which embedding model?",
                        List.of("c-9", "c-5"),
                        List.of("docs/models.md"),
                        Fixtures.chunk(1, 0.2, 0.5, 1, 0.63)),
                Fixtures.retrieved(
                        "run-c",
                        "q1",
                        "how do I rotate the signing key?",
                        List.of("c-keys-1"),
                        List.of(),
                        Fixtures.chunk(1, 0.2, 1, 1, 1)));

        RunReport report = RunReport.of(run, results, Fixtures.items(), 5);

        assertEquals("chunk.ndcg@10", report.primaryMetric());
        assertEquals(
                List.of("q5", "q1"),
                report.worstQueries().stream().map(WorstQuery::itemId).toList());
        assertEquals(2, report.worstQueries().get(0).firstRelevantChunkRank());
        assertEquals(
                List.of(new RankedResult(1, "c-9", null, null, false), new RankedResult(2, "c-5", null, 2, true)),
                report.worstQueries().get(0).retrievedChunks());
    }

    @Test
    void answers_only_run_has_no_worst_queries_and_no_retrieval_histograms() {
        RunRecord run = Fixtures.run(
                "run-a",
                3,
                42L,
                7L,
                "hybrid",
                5,
                null,
                "2024-05-01T10:00:00Z",
                Map.of("groundedness", 0.5, "hallucination_rate", 1.0));
        List<QueryResultRecord> results = List.of(Fixtures.answerOnlyResult("run-a"));

        RunReport report = RunReport.of(run, results, Fixtures.items(), 5);

        assertNull(report.primaryMetric());
        assertEquals(List.of(), report.worstQueries());
        assertEquals(
                List.of("groundedness"),
                report.distributions().stream().map(Histogram::metric).toList());
        assertEquals(
                List.of("groundedness", "hallucination_rate"),
                report.summary().metrics().stream().map(MetricSummary::name).toList());
    }

    @Test
    void groundedness_least_grounded_first_unsupported_claims_first() {
        RunReport.GroundednessBreakdown g = Fixtures.report().groundedness();

        assertEquals(3, g.answers());
        assertEquals((0.5 + 2 / 3.0 + 1.0) / 3, g.meanGroundedness(), 1e-12);
        assertEquals(2 / 3.0, g.hallucinationRate(), 1e-12);
        assertEquals(2, g.hallucinatedAnswers());
        assertEquals(5, g.claims());
        assertEquals(2, g.unsupportedClaims());
        assertEquals(
                List.of("q8", "q6", "q7"),
                g.items().stream().map(AnswerGroundedness::itemId).toList());

        AnswerGroundedness q6 = g.items().get(1);
        assertEquals("contexts", q6.evidence());
        assertEquals(3, q6.claimCount());
        assertEquals(1, q6.unsupportedCount());
        assertTrue(q6.hallucinated());
        assertEquals(
                List.of(
                        new ClaimRow(2, Fixtures.UNSUPPORTED, 0.12, false),
                        new ClaimRow(1, "The service listens on port 8080.", 0.93, true),
                        new ClaimRow(3, "It uses <TLS> & HTTP/2.", 0.71, true)),
                q6.claims());

        AnswerGroundedness q8 = g.items().get(0);
        assertNull(q8.claimCount(), "only the unsupported claims were recorded");
        assertNull(q8.evidence());
        assertEquals(List.of(new ClaimRow(null, "The platform team owns it since 2019.", null, false)), q8.claims());
        assertFalse(g.items().get(2).hallucinated());
    }

    @Test
    void same_inputs_in_any_order_give_an_equal_report_and_identical_json() throws Exception {
        ObjectMapper json = new ObjectMapper();
        RunReport report = Fixtures.report();
        String expected = json.writeValueAsString(report);

        for (long seed = 1; seed <= 5; seed++) {
            RunReport shuffled = RunReport.of(
                    Fixtures.run(),
                    Fixtures.shuffled(Fixtures.results(), seed),
                    Fixtures.shuffled(Fixtures.items(), seed + 100),
                    3);
            assertEquals(report, shuffled);
            assertEquals(expected, json.writeValueAsString(shuffled));
        }
    }

    @Test
    void serializes_to_json_as_a_plain_tree() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(json.writeValueAsString(Fixtures.report()));

        assertEquals("faq", tree.at("/pins/set").asText());
        assertEquals(42L, tree.at("/pins/setSnapshotId").asLong());
        assertEquals("recall@5", tree.at("/summary/metrics/0/name").asText());
        assertEquals(8, tree.at("/summary/counts/items").asInt());
        assertEquals(10, tree.at("/distributions/0/bins").size());
        assertEquals("ndcg@10", tree.at("/primaryMetric").asText());
        assertEquals("q3", tree.at("/worstQueries/0/itemId").asText());
        assertTrue(tree.at("/worstQueries/0/firstRelevantDocumentRank").isNull());
        assertEquals(3, tree.at("/worstQueries/2/gold/0/retrievedRank").asInt());
        assertEquals(false, tree.at("/groundedness/items/1/claims/0/supported").asBoolean());
        assertEquals(
                List.of("pins", "summary", "distributions", "primaryMetric", "worstQueries", "groundedness"),
                fieldNames(tree));
    }

    @Test
    void rejects_inconsistent_inputs() {
        RunRecord run = Fixtures.run();
        List<EvalItem> items = Fixtures.items();
        QueryResultRecord other = Fixtures.retrieved("run-2", "q1", "x", List.of(), List.of(), Map.of());
        QueryResultRecord unknown = Fixtures.retrieved(Fixtures.RUN, "q99", "x", List.of(), List.of(), Map.of());
        List<QueryResultRecord> twice = new ArrayList<>(Fixtures.results());
        twice.add(Fixtures.results().get(0));

        assertThrows(IllegalArgumentException.class, () -> RunReport.of(run, List.of(other), items, 3));
        assertThrows(IllegalArgumentException.class, () -> RunReport.of(run, List.of(unknown), items, 3));
        assertThrows(IllegalArgumentException.class, () -> RunReport.of(run, twice, items, 3));
        assertThrows(IllegalArgumentException.class, () -> RunReport.of(run, Fixtures.results(), items, -1));
        List<EvalItem> duplicated = new ArrayList<>(items);
        duplicated.add(items.get(0));
        assertThrows(IllegalArgumentException.class, () -> RunReport.of(run, Fixtures.results(), duplicated, 3));
    }

    @Test
    void an_empty_run_reports_nothing_but_its_pins() {
        RunRecord run = Fixtures.run("run-e", 3, 42L, 7L, "hybrid", 5, null, "2024-05-01T10:00:00Z", Map.of());

        RunReport report = RunReport.of(run, List.of(), List.of(), 3);

        assertEquals(List.of(), report.summary().metrics());
        assertEquals(new RunCounts(0, 0, 0, 0, 0, 0, 0, 0), report.summary().counts());
        assertEquals(List.of(), report.distributions());
        assertNull(report.groundedness().meanGroundedness());
        assertNull(report.groundedness().hallucinationRate());
    }

    static List<Integer> counts(Histogram h) {
        return h.bins().stream().map(Bin::count).toList();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
