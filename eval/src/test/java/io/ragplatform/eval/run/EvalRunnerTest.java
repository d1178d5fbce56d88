package io.ragplatform.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.eval.grounded.Groundedness;
import io.ragplatform.eval.grounded.LexicalCoverageScorer;
import io.ragplatform.eval.metrics.RunComparison;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.EvalSetNotFoundException;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.EvalStores;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.Relevance;
import io.ragplatform.fixtures.ClientMetrics;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.Occurrence;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.VersionNotRetainedException;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs against a real index (Tika, the chunker, MiniLM) and a real Iceberg store: metrics equal an independent
 * computation from the search results, levels and answer-only items are scored as documented, and pinned runs repeat
 * exactly after the index moved on.
 */
class EvalRunnerTest {
    private static final Map<String, String> DOCS = Map.of(
            "bread",
                    "Baking sourdough bread\n\nFeed the starter with flour and water the evening before. Knead the "
                            + "dough, let it rise for four hours, then bake it in a cast iron pot at 250 degrees Celsius.",
            "saturn",
                    "The rings of Saturn\n\nSaturn's rings are made mostly of water ice particles. Its largest moon, "
                            + "Titan, has a thick nitrogen atmosphere and lakes of liquid methane.",
            "expenses",
                    "Expense reimbursement policy\n\nEmployees submit travel receipts within thirty days through the "
                            + "finance portal. Hotel stays above 200 euros per night need a department head's approval.",
            "bikes",
                    "Bicycle repair shop\n\nThe shop repairs flat tyres, adjusts brakes and oils chains from Monday "
                            + "to Friday between nine and five.",
            "keys",
                    "Signing key rotation\n\nRotate the signing key every ninety days. Publish the new public key one "
                            + "week before the old one expires so that clients can fetch it.");

    @TempDir
    static Path dir;

    private static RagIndex index;
    private static DocumentPreparer preparer;
    private static EvalStore store;
    private static final AtomicInteger judgeCalls = new AtomicInteger();

    @BeforeAll
    static void setUp() throws IOException {
        Embedder embedder = Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0);
        Canonicalizer canon = Canonicalizer.standard();
        preparer = new DocumentPreparer(
                Extractors.tika(ExtractionLimits.DEFAULTS),
                canon,
                Chunker.structural(embedder.tokenCounter(), embedder.maxTokens() - 2, canon.hashVersion()),
                text -> "en");
        index = RagIndex.open(dir.resolve("index"), embedder, preparer.pipelineVersion());
        for (String id : DOCS.keySet().stream().sorted().toList()) {
            put(id, DOCS.get(id));
        }
        store = EvalStores.local(dir.resolve("warehouse"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        store.close();
        index.close();
    }

    private static void put(String sourceId, String text) throws IOException {
        Path f = dir.resolve(sourceId + ".txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        index.upsert(preparer.prepare(f, sourceId + ".txt", sourceId, Map.of(), Acl.PUBLIC_ONLY));
    }

    private static EvalRunner runner() {
        return new EvalRunner(index, store, () -> {
            judgeCalls.incrementAndGet();
            return new Groundedness(new LexicalCoverageScorer(), 0.6);
        });
    }

    private static final List<EvalItem> QUERIES = List.of(
            EvalItem.of("q-bread", "how long does the dough rise", List.of(Relevance.source("bread"))),
            EvalItem.of("q-moon", "which moon has methane lakes", List.of(Relevance.source("saturn"))),
            EvalItem.of(
                    "q-hotel",
                    "approval for expensive hotel nights",
                    List.of(Relevance.source("expenses", 2), Relevance.source("keys", 0))),
            EvalItem.of(
                    "q-two",
                    "rotate key and submit receipts",
                    List.of(Relevance.source("keys"), Relevance.source("expenses"))),
            EvalItem.of("q-miss", "quantum chromodynamics lattice", List.of(Relevance.source("bikes"))));

    @Test
    void document_metrics_equal_an_independent_computation_from_search() {
        store.createVersion("docs", QUERIES);
        RunOutcome out = runner().run(new RunSpec("docs", null, SearchMode.HYBRID, 10, null, AccessScope.ALL));
        long version = index.stats().indexVersion();
        assertEquals(version, out.run().pins().indexVersion());
        assertEquals(5, out.counts().documentJudged());
        assertEquals(0, out.counts().chunkJudged());

        double recall = 0;
        double mrr = 0;
        double ndcg = 0;
        for (EvalItem item : QUERIES) {
            List<SearchHit> hits = index.search(
                            new SearchRequest(item.query(), 10, SearchMode.HYBRID, SearchFilter.NONE, version))
                    .results();
            // the client's way: sources in order of their best chunk
            List<String> ranked = new ArrayList<>(new LinkedHashSet<>(hits.stream()
                    .flatMap(h -> h.sources().stream().map(Occurrence::sourceId))
                    .toList()));
            Map<String, Integer> gold = new java.util.HashMap<>();
            item.relevant().forEach(r -> gold.put(r.sourceId(), r.grade()));
            ClientMetrics m = ClientMetrics.at10(ranked, gold);
            recall += m.recall();
            mrr += m.reciprocalRank();
            ndcg += m.ndcg();
            QueryResultRecord r = out.results().stream()
                    .filter(x -> x.itemId().equals(item.id()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(hits.stream().map(SearchHit::chunkId).toList(), r.retrievedChunkIds());
            assertEquals(ranked, r.retrievedSourceIds());
        }
        assertEquals(recall / 5, out.run().metrics().get("recall@10"), 1e-12);
        assertEquals(mrr / 5, out.run().metrics().get("mrr@10"), 1e-12);
        assertEquals(ndcg / 5, out.run().metrics().get("ndcg@10"), 1e-12);
        assertTrue(out.run().metrics().get("recall@10") > 0.5, "the easy queries find their documents");
        assertTrue(out.run().ci().get("recall@10").low()
                <= out.run().ci().get("recall@10").high());

        assertEquals(out.run(), store.run(out.run().pins().runId()).orElseThrow(), "the run is stored as returned");
        assertEquals(out.results(), store.results(out.run().pins().runId()));
        assertTrue(
                out.run().pins().configJson().contains("\"ndcgGain\":\"linear\""),
                out.run().pins().configJson());
    }

    @Test
    void a_run_searches_as_its_caller_and_records_who_that_was() throws IOException {
        Path f = dir.resolve("ledger.txt");
        Files.writeString(
                f,
                "Quarterly ledger\n\nThe zeppelin fund closes its quarterly ledger with the treasurer.",
                StandardCharsets.UTF_8);
        index.upsert(preparer.prepare(f, "ledger.txt", "ledger", Map.of(), List.of("finance")));
        try {
            store.createVersion(
                    "acl",
                    List.of(EvalItem.of(
                            "q-ledger", "zeppelin fund quarterly ledger", List.of(Relevance.source("ledger")))));
            AccessScope eng = AccessScope.groups(java.util.Set.of("eng"));
            AccessScope finance = AccessScope.groups(java.util.Set.of("finance"));
            for (SearchMode mode : SearchMode.values()) {
                RunOutcome asEng = runner().run(new RunSpec("acl", null, mode, 10, null, eng));
                assertFalse(asEng.results().get(0).retrievedSourceIds().contains("ledger"), mode.toString());
                assertEquals(0.0, asEng.run().metrics().get("recall@10"), mode.toString());
                assertEquals(eng, RunConfig.accessOf(asEng.run().pins().configJson()), "the scope is pinned");

                RunOutcome asFinance = runner().run(new RunSpec("acl", null, mode, 10, null, finance));
                assertEquals(
                        "ledger",
                        asFinance.results().get(0).retrievedSourceIds().get(0),
                        mode.toString());
                assertEquals(1.0, asFinance.run().metrics().get("recall@10"), mode.toString());
            }
            RunOutcome asAll = runner().run(new RunSpec("acl", null, SearchMode.KEYWORD, 10, null, AccessScope.ALL));
            assertEquals(1.0, asAll.run().metrics().get("recall@10"));
            assertEquals(AccessScope.ALL, RunConfig.accessOf(asAll.run().pins().configJson()));
        } finally {
            index.deleteSource("ledger");
        }
    }

    @Test
    void pinned_run_repeats_exactly_after_the_index_moved_on() throws IOException {
        store.createVersion("pinned", QUERIES);
        RunOutcome first = runner().run(new RunSpec("pinned", 1, SearchMode.HYBRID, 5, null, AccessScope.ALL));
        // the index moves on: a document that competes for the bread query
        put("pinned-extra", "Rising dough\n\nHow long the dough rises depends on the starter and the kitchen.");
        assertNotEquals(first.run().pins().indexVersion(), index.stats().indexVersion());

        RunOutcome again = runner().run(new RunSpec(
                "pinned", 1, SearchMode.HYBRID, 5, first.run().pins().indexVersion(), AccessScope.ALL));
        assertEquals(first.run().pins().indexVersion(), again.run().pins().indexVersion());
        assertEquals(first.run().pins().setSnapshotId(), again.run().pins().setSnapshotId());
        assertEquals(first.run().metrics(), again.run().metrics());
        assertEquals(first.run().ci(), again.run().ci());
        for (int i = 0; i < first.results().size(); i++) {
            assertEquals(
                    first.results().get(i).retrievedChunkIds(),
                    again.results().get(i).retrievedChunkIds());
            assertEquals(
                    first.results().get(i).retrievedScores(),
                    again.results().get(i).retrievedScores());
        }
        assertTrue(RunMetrics.sameRetrievalMetrics(
                first.run().metrics(), again.run().metrics()));
        RunComparison same = RunMetrics.compare(first.results(), again.results());
        assertEquals(0.0, same.metrics().get("recall@5").delta());
        assertFalse(same.metrics().get("recall@5").significant());

        RunOutcome current = runner().run(new RunSpec("pinned", 1, SearchMode.HYBRID, 5, null, AccessScope.ALL));
        assertEquals(index.stats().indexVersion(), current.run().pins().indexVersion());
        index.deleteSource("pinned-extra");
    }

    @Test
    void chunk_gold_is_scored_at_chunk_level_and_answers_for_groundedness_only() {
        String breadChunk = index.documentsOfSource("bread", AccessScope.ALL)
                .get(0)
                .chunks()
                .get(0)
                .chunkId();
        List<EvalItem> items = List.of(
                EvalItem.of("c-bread", "sourdough starter flour water", List.of(Relevance.chunk(breadChunk))),
                new EvalItem(
                        "a-only",
                        "what are Saturn's rings made of",
                        List.of(),
                        "Saturn's rings are made of water ice particles. They are made of gold.",
                        List.of("Saturn's rings are made mostly of water ice particles.")),
                new EvalItem(
                        "a-retrieved",
                        "who approves hotel stays",
                        List.of(Relevance.source("expenses")),
                        "A department head approves hotel stays above 200 euros per night.",
                        null));
        store.createVersion("mixed", items);
        int callsBefore = judgeCalls.get();
        RunOutcome out = runner().run(new RunSpec("mixed", null, SearchMode.KEYWORD, 3, null, AccessScope.ALL));
        assertEquals(callsBefore + 1, judgeCalls.get(), "the evaluator is asked for once, when a set has answers");

        QueryResultRecord chunk = result(out, "c-bread");
        assertEquals(1.0, chunk.metrics().get("chunk.hit@3"));
        assertFalse(chunk.metrics().containsKey("recall@3"), "no document gold, no document metrics");
        assertNull(chunk.groundedness());

        QueryResultRecord answerOnly = result(out, "a-only");
        assertTrue(answerOnly.metrics().isEmpty(), "no gold: not in retrieval metrics");
        assertEquals(0.5, answerOnly.groundedness());
        assertEquals(List.of("They are made of gold."), answerOnly.unsupportedClaims());
        assertEquals(QueryResultRecord.EVIDENCE_CONTEXTS, answerOnly.evidence());
        assertEquals(2, answerOnly.claims().size());

        QueryResultRecord retrieved = result(out, "a-retrieved");
        assertEquals(QueryResultRecord.EVIDENCE_RETRIEVED, retrieved.evidence());
        assertEquals(1.0, retrieved.groundedness(), "the retrieved policy chunk supports the answer");

        assertEquals(new RunCounts(3, 1, 1, 1, 2, 3, 1, 1), out.counts());
        assertEquals(0.75, out.run().metrics().get(RunMetrics.GROUNDEDNESS), 1e-12);
        assertEquals(0.5, out.run().metrics().get(RunMetrics.HALLUCINATION_RATE), 1e-12);
        assertEquals(1.0, out.run().metrics().get("chunk.recall@3"));
        assertEquals(
                Set.of(
                        "chunk.hit@3",
                        "chunk.mrr@3",
                        "chunk.ndcg@10",
                        "chunk.precision@3",
                        "chunk.recall@3",
                        "groundedness",
                        "hallucination_rate",
                        "hit@3",
                        "mrr@3",
                        "ndcg@10",
                        "precision@3",
                        "recall@3",
                        "support"),
                out.run().metrics().keySet());
        double weakest =
                answerOnly.claims().stream().mapToDouble(c -> c.score()).min().orElseThrow();
        assertEquals(weakest, answerOnly.support(), 1e-12, "an answer is as supported as its weakest claim");
        assertEquals(
                (answerOnly.support() + retrieved.support()) / 2,
                out.run().metrics().get(RunMetrics.SUPPORT),
                1e-12);
        assertNull(chunk.support());
        assertEquals(
                answerOnly.support(),
                store.results(out.run().pins().runId()).stream()
                        .filter(r -> r.itemId().equals("a-only"))
                        .findFirst()
                        .orElseThrow()
                        .support(),
                "stored and read back");
    }

    @Test
    void labelled_answers_give_the_aurocs_of_support_and_groundedness() {
        String context = "Backups are kept for 35 days in the Frankfurt data centre. Keys rotate every 90 days.";
        List<EvalItem> items = List.of(
                new EvalItem(
                        "l1",
                        "how long are backups kept",
                        List.of(),
                        "Backups are kept for 35 days.",
                        List.of(context),
                        true),
                new EvalItem(
                        "l2",
                        "where are backups kept",
                        List.of(),
                        "Backups are kept in Frankfurt.",
                        List.of(context),
                        true),
                new EvalItem(
                        "l3",
                        "how often do keys rotate",
                        List.of(),
                        "Keys rotate every 90 days.",
                        List.of(context),
                        true),
                new EvalItem(
                        "l4",
                        "how long are backups kept",
                        List.of(),
                        "Backups are kept for seven years in Oslo.",
                        List.of(context),
                        false),
                new EvalItem(
                        "l5",
                        "who rotates keys",
                        List.of(),
                        "The auditors rotate keys by hand each week.",
                        List.of(context),
                        false),
                new EvalItem("u1", "unlabelled", List.of(), "Keys rotate.", List.of(context)));
        store.createVersion("labelled", items);
        RunOutcome out = runner().run(new RunSpec("labelled", null, SearchMode.KEYWORD, 3, null, AccessScope.ALL));

        Map<String, Double> m = out.run().metrics();
        assertEquals(1.0, m.get(RunMetrics.SUPPORT_AUROC), 1e-12, "every supported answer above every other");
        assertTrue(m.containsKey(RunMetrics.GROUNDEDNESS_AUROC));
        // LexicalCoverageScorer at 0.6: the three supported answers pass, the two edited ones fail
        assertEquals(1.0, m.get(RunMetrics.VERDICT_BALANCED_ACCURACY), 1e-12);
        assertTrue(out.run().ci().get(RunMetrics.SUPPORT_AUROC).low() <= 1.0);
        assertEquals(Boolean.TRUE, store.items("labelled", 1).get(0).label(), "the label is stored with the item");
    }

    @Test
    void unknown_set_and_unretained_version_are_refused_before_any_work() {
        assertThrows(
                EvalSetNotFoundException.class,
                () -> runner().run(new RunSpec("no-such-set", null, SearchMode.HYBRID, 10, null, AccessScope.ALL)));
        store.createVersion("refused", QUERIES.subList(0, 1));
        assertThrows(
                EvalSetNotFoundException.class,
                () -> runner().run(new RunSpec("refused", 7, SearchMode.HYBRID, 10, null, AccessScope.ALL)));
        assertThrows(
                VersionNotRetainedException.class,
                () -> runner().run(new RunSpec("refused", 1, SearchMode.HYBRID, 10, 9_999L, AccessScope.ALL)));
        assertTrue(store.runs("refused").isEmpty());
    }

    private static QueryResultRecord result(RunOutcome out, String id) {
        return out.results().stream()
                .filter(r -> r.itemId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_run_pins_its_index_version_until_newer_runs_of_its_set_push_it_out() throws IOException {
        // an index that keeps only its current version: older ones survive only by a pin
        Embedder embedder = index.embedder();
        try (RagIndex small = RagIndex.open(
                dir.resolve("small-index"),
                embedder,
                preparer.pipelineVersion(),
                new io.ragplatform.index.Retention(1, java.time.Duration.ZERO))) {
            java.util.function.BiConsumer<String, String> put = (id, text) -> {
                try {
                    Path f = dir.resolve("small-" + id + ".txt");
                    Files.writeString(f, text, StandardCharsets.UTF_8);
                    small.upsert(preparer.prepare(f, id + ".txt", id, Map.of(), Acl.PUBLIC_ONLY));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            put.accept("bread", DOCS.get("bread"));
            put.accept("saturn", DOCS.get("saturn"));
            store.createVersion("small", QUERIES.subList(0, 2));
            EvalRunner runner = new EvalRunner(small, store, () -> null, 1);

            RunOutcome first = runner.run(new RunSpec("small", null, SearchMode.KEYWORD, 5, null, AccessScope.ALL));
            long v = first.run().pins().indexVersion();
            assertEquals(
                    List.of(EvalRunner.PIN_PREFIX + first.run().pins().runId()),
                    small.versions().get(0).pinnedBy());
            put.accept("keys", DOCS.get("keys"));
            assertTrue(small.versions().stream().anyMatch(x -> x.version() == v), "the pin outlives the retention");
            RunOutcome again = runner.run(new RunSpec("small", null, SearchMode.KEYWORD, 5, v, AccessScope.ALL));
            assertEquals(first.run().metrics(), again.run().metrics());

            // the second run is now the newest: the first run's pin is released, the second's holds v
            assertEquals(
                    List.of(EvalRunner.PIN_PREFIX + again.run().pins().runId()),
                    small.versions().stream()
                            .filter(x -> x.version() == v)
                            .findFirst()
                            .orElseThrow()
                            .pinnedBy());
            RunOutcome current = runner.run(new RunSpec("small", null, SearchMode.KEYWORD, 5, null, AccessScope.ALL));
            put.accept("bikes", DOCS.get("bikes"));
            assertFalse(small.versions().stream().anyMatch(x -> x.version() == v), "released by every run, v is gone");
            assertThrows(
                    VersionNotRetainedException.class,
                    () -> runner.run(new RunSpec("small", null, SearchMode.KEYWORD, 5, v, AccessScope.ALL)));
            assertTrue(small.versions().stream()
                    .anyMatch(x -> x.version() == current.run().pins().indexVersion()));
        }
    }
}
