package io.ragplatform.eval.report;

import io.ragplatform.eval.grounded.ClaimScore;
import io.ragplatform.eval.metrics.ConfidenceInterval;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.Relevance;
import io.ragplatform.eval.store.RunPins;
import io.ragplatform.eval.store.RunRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A small hand-made run of set {@code faq} v3 at k = 5, eight items:
 *
 * <ul>
 *   <li>q1 both levels, perfect (ndcg@10 1.0, chunk.ndcg@10 1.0)
 *   <li>q2 document level, a grade-0 source at rank 1 and the relevant one at rank 3 (ndcg@10 0.5); its query holds a
 *       {@code <script>}
 *   <li>q3, q4 document level, nothing relevant retrieved (ndcg@10 0, a tie); q3's query holds a {@code |}; q4
 *       retrieved nothing at all
 *   <li>q5 chunk level only, the relevant chunk at rank 2
 *   <li>q6 no gold; an answer with three claims, the second unsupported
 *   <li>q7 document level (ndcg@10 0.8) and a fully supported answer
 *   <li>q8 no gold; an older row: only its unsupported claim recorded
 * </ul>
 */
final class Fixtures {
    static final String RUN = "run-1";
    static final String SCRIPT_QUERY = "default chunk size <script>alert(1)</script>";
    static final String PIPE_QUERY = "which port | which host?";
    static final String UNSUPPORTED = "The service also listens on port 9090.";

    private Fixtures() {}

    static RunRecord run() {
        return run(RUN, 3, 42L, 7L, "hybrid", 5, "bge-small", "2024-05-01T10:00:00Z", runMetrics(0.0));
    }

    static RunRecord run(
            String id,
            int setVersion,
            long snapshot,
            long indexVersion,
            String mode,
            int k,
            String model,
            String createdAt,
            Map<String, Double> metrics) {
        Map<String, ConfidenceInterval> ci = new TreeMap<>();
        for (String name : List.of("ndcg@10", "recall@" + k, "groundedness")) {
            Double mean = metrics.get(name);
            if (mean != null) {
                ci.put(name, new ConfidenceInterval(mean, Math.max(0, mean - 0.1), Math.min(1, mean + 0.1)));
            }
        }
        return new RunRecord(
                new RunPins(
                        id,
                        "faq",
                        setVersion,
                        snapshot,
                        indexVersion,
                        mode,
                        k,
                        model,
                        "pipe-2",
                        createdAt,
                        "{\"retriever\":{\"mode\":\"" + mode + "\",\"k\":" + k + "},\"note\":\"</pre><b>x</b>\"}"),
                metrics,
                ci);
    }

    /** The run's means, every retrieval one shifted by {@code shift}. */
    static Map<String, Double> runMetrics(double shift) {
        Map<String, Double> m = new TreeMap<>();
        m.put("hallucination_rate", 2 / 3.0);
        m.put("groundedness", 0.722);
        m.put("chunk.ndcg@10", 0.815 + shift);
        m.put("chunk.hit@5", 1.0);
        m.put("chunk.mrr@5", 0.75 + shift);
        m.put("chunk.precision@5", 0.2);
        m.put("chunk.recall@5", 1.0);
        m.put("ndcg@10", 0.46 + shift);
        m.put("hit@5", 0.6);
        m.put("mrr@5", 0.467 + shift);
        m.put("precision@5", 0.12);
        m.put("recall@5", 0.6 + shift);
        return m;
    }

    static List<EvalItem> items() {
        return List.of(
                EvalItem.of(
                        "q1",
                        "how do I rotate the signing key?",
                        List.of(Relevance.chunk("c-keys-1"), Relevance.source("docs/keys.md", 2))),
                EvalItem.of(
                        "q2",
                        SCRIPT_QUERY,
                        List.of(Relevance.source("docs/old.md", 0), Relevance.source("docs/chunking.md"))),
                EvalItem.of("q3", PIPE_QUERY, List.of(Relevance.source("docs/ports.md"))),
                EvalItem.of("q4", "what is the retention period?", List.of(Relevance.source("docs/retention.md"))),
                EvalItem.of("q5", "which embedding model?", List.of(Relevance.chunk("c-5", 2))),
                new EvalItem(
                        "q6",
                        "which port does it listen on?",
                        List.of(),
                        "8080",
                        List.of("The service listens on port 8080.")),
                new EvalItem(
                        "q7",
                        "how are documents chunked?",
                        List.of(Relevance.source("docs/chunking.md")),
                        "By headings.",
                        null),
                new EvalItem("q8", "who owns the index?", List.of(), "The platform team.", null));
    }

    static List<QueryResultRecord> results() {
        return List.of(
                new QueryResultRecord(
                        RUN,
                        "q1",
                        "how do I rotate the signing key?",
                        List.of("c-keys-1", "c-x", "c-y"),
                        List.of("docs/keys.md", "docs/other.md"),
                        merge(doc(1, 0.2, 1, 1, 1), chunk(1, 0.2, 1, 1, 1)),
                        null,
                        null,
                        List.of(0.91, 0.5, 0.25),
                        null,
                        null,
                        null),
                new QueryResultRecord(
                        RUN,
                        "q2",
                        SCRIPT_QUERY,
                        List.of("c-old", "c-misc", "c-chunk-2"),
                        List.of("docs/old.md", "docs/misc.md", "docs/chunking.md"),
                        doc(1, 0.2, 1 / 3.0, 1, 0.5),
                        null,
                        null,
                        List.of(0.8, 0.7, 0.6),
                        null,
                        null,
                        null),
                retrieved(
                        RUN,
                        "q3",
                        PIPE_QUERY,
                        List.of("c-a", "c-b"),
                        List.of("docs/a.md", "docs/b.md"),
                        doc(0, 0, 0, 0, 0)),
                retrieved(RUN, "q4", "what is the retention period?", List.of(), List.of(), doc(0, 0, 0, 0, 0)),
                new QueryResultRecord(
                        RUN,
                        "q5",
                        "which embedding model?",
                        List.of("c-9", "c-5"),
                        List.of("docs/models.md"),
                        chunk(1, 0.2, 0.5, 1, 0.63),
                        null,
                        null,
                        List.of(0.7, 0.69),
                        null,
                        null,
                        null),
                new QueryResultRecord(
                        RUN,
                        "q6",
                        "which port does it listen on?",
                        List.of("c-p"),
                        List.of("docs/ports.md"),
                        Map.of(),
                        2 / 3.0,
                        List.of(UNSUPPORTED),
                        null,
                        List.of(
                                new ClaimScore("The service listens on port 8080.", 0.93, true),
                                new ClaimScore(UNSUPPORTED, 0.12, false),
                                new ClaimScore("It uses <TLS> & HTTP/2.", 0.71, true)),
                        QueryResultRecord.EVIDENCE_CONTEXTS,
                        null),
                new QueryResultRecord(
                        RUN,
                        "q7",
                        "how are documents chunked?",
                        List.of("c-chunk-1", "c-z"),
                        List.of("docs/chunking.md", "docs/z.md"),
                        doc(1, 0.2, 1, 1, 0.8),
                        1.0,
                        List.of(),
                        List.of(0.9, 0.1),
                        List.of(
                                new ClaimScore("Documents are split by headings.", 0.88, true),
                                new ClaimScore("Each chunk keeps its heading path.", 0.66, true)),
                        QueryResultRecord.EVIDENCE_RETRIEVED,
                        null),
                answerOnlyResult(RUN));
    }

    /** Item q8 of that run: no gold, nothing retrieved, an answer with its one unsupported claim. */
    static QueryResultRecord answerOnlyResult(String run) {
        return new QueryResultRecord(
                run,
                "q8",
                "who owns the index?",
                List.of(),
                List.of(),
                Map.of(),
                0.5,
                List.of("The platform team owns it since 2019."),
                null,
                null,
                null,
                null);
    }

    static Map<String, Double> doc(double recall, double precision, double mrr, double hit, double ndcg) {
        return Map.of("recall@5", recall, "precision@5", precision, "mrr@5", mrr, "hit@5", hit, "ndcg@10", ndcg);
    }

    static Map<String, Double> chunk(double recall, double precision, double mrr, double hit, double ndcg) {
        Map<String, Double> m = new TreeMap<>();
        doc(recall, precision, mrr, hit, ndcg).forEach((k, v) -> m.put("chunk." + k, v));
        return m;
    }

    @SafeVarargs
    static Map<String, Double> merge(Map<String, Double>... maps) {
        Map<String, Double> m = new TreeMap<>();
        for (Map<String, Double> map : maps) {
            m.putAll(map);
        }
        return m;
    }

    static <T> List<T> shuffled(List<T> list, long seed) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    /** Keeps a rendered page under {@code target/} for a reader to open, and returns it. */
    static String kept(String file, String page) throws java.io.IOException {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", file), page);
        return page;
    }

    /** Asserts that a rendered page holds none of the {@code raw} texts and each of the {@code escaped} ones. */
    static void assertEscaped(String page, List<String> raw, List<String> escaped) {
        for (String r : raw) {
            org.junit.jupiter.api.Assertions.assertFalse(page.contains(r), r);
        }
        for (String e : escaped) {
            org.junit.jupiter.api.Assertions.assertTrue(page.contains(e), e);
        }
    }

    static RunReport report() {
        return report(3);
    }

    /** The fixture run's report listing that many worst queries. */
    static RunReport report(int worstQueries) {
        return RunReport.of(run(), results(), items(), worstQueries);
    }

    /** The sample page: the report with five worst queries as {@code renderer} draws it, with the API's links. */
    static String sample(BiFunction<RunReport, ReportLinks, String> renderer) {
        return renderer.apply(report(5), ReportLinks.api());
    }

    /** A result of retrieval only: no answer judged, no scores recorded. */
    static QueryResultRecord retrieved(
            String runId,
            String itemId,
            String query,
            List<String> chunkIds,
            List<String> sourceIds,
            Map<String, Double> metrics) {
        return new QueryResultRecord(
                runId, itemId, query, chunkIds, sourceIds, metrics, null, null, null, null, null, null);
    }
}
