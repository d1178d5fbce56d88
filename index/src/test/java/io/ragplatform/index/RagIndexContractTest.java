package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.lucene.LuceneIndexes;
import io.ragplatform.ingest.PreparedUpload;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link RagIndex} contract, run against every implementation by a subclass that says how to open it (in the
 * manner of LangChain4j's {@code EmbeddingStoreIT} and its {@code *ContractTest}s). Each test gets an index that holds
 * no documents, though maybe versions of its set-up, so versions are compared with the one the test started at.
 */
abstract class RagIndexContractTest extends IndexFixture {
    /** The model behind the index under test, counting what it embeds from the test's first write on. */
    CountingEmbedder counting;

    RagIndex index;

    /**
     * Opens the implementation under test in {@code dir}, its writes embedded by {@code embedder}. It may write and
     * delete documents of its own on the way; it must hold none when it returns.
     */
    abstract RagIndex open(Path dir, CountingEmbedder embedder) throws Exception;

    /** Closes what {@link #open} opened. */
    void close(RagIndex index) throws Exception {
        index.close();
    }

    /** Whether {@link RagIndex#upsertAll} makes one commit per batch, or (the interface's default) one per upload. */
    boolean batchesInOneCommit() {
        return true;
    }

    /**
     * For the model-switching implementations: seeds {@code root} with one document embedded by {@code stored}, opens it
     * for {@code configured} (which starts a rebuild reported to {@code listener}), waits until the rebuild reaches
     * {@code reached} in {@code state}, and deletes the seed again.
     */
    RagIndex openRebuilding(
            Path root,
            Embedder stored,
            Embedder configured,
            String seedText,
            PausingRebuild listener,
            CountDownLatch reached,
            RebuildStatus.State state)
            throws Exception {
        try (RagIndex seeded = LuceneIndexes.openHome(
                root,
                stored,
                id -> stored,
                "test",
                Retention.DEFAULT,
                ModelChangePolicy.REFUSE,
                RebuildListener.NONE)) {
            seeded.upsert(prepare("seed", seedText));
        }
        RagIndex opened = LuceneIndexes.openHome(
                root, configured, id -> stored, "test", Retention.DEFAULT, ModelChangePolicy.REBUILD, listener);
        assertTrue(reached.await(60, TimeUnit.SECONDS), "the rebuild reaches " + state);
        assertEquals(state, opened.rebuild().orElseThrow().state());
        opened.deleteSource("seed");
        return opened;
    }

    @BeforeEach
    void openIndex() throws Exception {
        counting = new CountingEmbedder(model);
        index = open(tmp.resolve("home"), counting);
        counting.embedded.set(0);
        assertEquals(0, index.stats().documents(), "the index under test starts without documents");
    }

    @AfterEach
    void closeIndex() throws Exception {
        close(index);
    }

    private long version() {
        return index.stats().indexVersion();
    }

    private static List<String> sourcesOf(SearchHit hit) {
        return hit.sources().stream().map(Occurrence::sourceId).toList();
    }

    private void assertConsistent() {
        ConsistencyReport check = index.check();
        assertTrue(check.consistent(), check.toString());
        assertEquals(check.documents(), index.stats().documents(), "document count");
        assertEquals(check.chunks(), index.stats().chunks(), "chunk count");
        assertEquals(version(), check.indexVersion());
    }

    @Test
    void an_upload_is_created_then_unchanged_then_updated() {
        long start = version();
        UpsertResult created = index.upsert(prepare("doc", sections(4, "")));
        assertEquals(DocumentOutcome.Status.CREATED, created.status());
        assertEquals(start + 1, created.indexVersion());
        assertEquals(1, created.root().version());
        assertEquals(counting.embedded.get(), created.embedded());
        assertTrue(created.embedded() > 0);

        UpsertResult again = index.upsert(prepare("doc", sections(4, "")));
        assertEquals(DocumentOutcome.Status.UNCHANGED, again.status());
        assertEquals(start + 1, again.indexVersion(), "nothing changed: no new version");
        assertEquals(0, again.embedded());
        assertEquals(created.root().total(), again.reused());

        UpsertResult edited = index.upsert(prepare("doc", sections(4, " One sentence more about the team.")));
        assertEquals(DocumentOutcome.Status.UPDATED, edited.status());
        assertEquals(start + 2, edited.indexVersion());
        assertEquals(2, edited.root().version());
        assertEquals(created.root().documentId(), edited.root().documentId(), "document IDs derive from the source");
        assertEquals(
                2,
                index.document(created.root().documentId(), AccessScope.ALL)
                        .orElseThrow()
                        .version());
        assertConsistent();
    }

    @Test
    void only_chunk_ids_without_a_vector_are_embedded() {
        UpsertResult first = index.upsert(prepare("one", sections(8, "")));
        int afterFirst = counting.embedded.get();
        UpsertResult copy = index.upsert(prepare("two", sections(8, "")));
        assertEquals(DocumentOutcome.Status.CREATED, copy.status());
        assertEquals(0, copy.embedded(), "the same text under another source embeds nothing");
        assertEquals(afterFirst, counting.embedded.get());
        assertEquals(first.root().total(), copy.reused());

        UpsertResult edited = index.upsert(prepare("one", sections(8, " A sentence the editor added.")));
        int reembedded = counting.embedded.get() - afterFirst;
        assertEquals(reembedded, edited.embedded());
        assertTrue(reembedded >= 1 && reembedded < first.root().total(), "re-embedded " + reembedded);
        assertConsistent();
    }

    @Test
    void a_chunk_shared_by_two_sources_is_stored_once_and_lists_both() {
        index.upsert(prepare("one", sections(3, "")));
        UpsertResult two = index.upsert(prepare("two", sections(3, "")));
        assertEquals(two.root().total(), index.stats().chunks(), "each chunk once");
        assertEquals(2, index.stats().documents());
        String chunkId = firstChunkOf(index, two.root().documentId());
        assertEquals(List.of("one", "two"), sourcesOfChunk(index, chunkId));
        assertConsistent();
    }

    @Test
    void deleting_one_copy_keeps_the_shared_chunks_and_drops_its_own() {
        index.upsert(prepare("html", sections(4, "")));
        UpsertResult pdf = index.upsert(prepare(
                "pdf", sections(4, "") + "Printed copy\n\nThis page intentionally carries a print-only footer note."));
        DocumentRecord record =
                index.document(pdf.root().documentId(), AccessScope.ALL).orElseThrow();
        String own = record.chunks().getLast().chunkId();
        String shared = record.chunks().getFirst().chunkId();
        long before = version();

        DeleteResult deleted = index.delete(pdf.root().documentId());
        assertEquals(1, deleted.documents().size());
        assertEquals(1, deleted.chunksRemoved());
        assertEquals(before + 1, deleted.indexVersion());
        assertTrue(index.document(pdf.root().documentId(), AccessScope.ALL).isEmpty());
        assertTrue(index.chunk(own, AccessScope.ALL).isEmpty(), "a chunk only the deleted copy had goes");
        assertEquals(
                List.of("html"),
                index.chunk(shared, AccessScope.ALL).orElseThrow().occurrences().stream()
                        .map(Occurrence::sourceId)
                        .toList());
        assertFalse(index.search(new SearchRequest("archive of region 2 rotated", 3, SearchMode.KEYWORD))
                .results()
                .isEmpty());
        assertTrue(index.search(new SearchRequest("print-only footer note", 3, SearchMode.KEYWORD))
                .results()
                .isEmpty());
        assertConsistent();
        assertEquals(0, index.delete(pdf.root().documentId()).documents().size(), "deleting again is a no-op");
        assertEquals(before + 1, version());

        DeleteResult source = index.deleteSource("html");
        assertEquals(1, source.documents().size());
        assertEquals(0, index.stats().chunks());
        assertTrue(index.documentsOfSource("html", AccessScope.ALL).isEmpty());
        assertEquals(0, index.deleteSource("html").documents().size());
        assertConsistent();
    }

    @Test
    void deleting_several_sources_is_one_commit_that_keeps_what_other_sources_share() {
        index.upsert(prepare("keep", sections(3, "")));
        index.upsert(prepare("gone-a", sections(3, "") + "Annex A\n\nThe annex of copy A lists the depot keys."));
        index.upsert(prepare("gone-b", "Memo B\n\nThe memo of copy B names the night shift lead."));
        long before = version();

        DeleteResult deleted = index.deleteSources(List.of("gone-b", "gone-a", "never-stored"));

        assertEquals(2, deleted.documents().size());
        assertEquals(2, deleted.chunksRemoved(), "the annex and the memo go, the shared sections stay");
        long expected = batchesInOneCommit() ? before + 1 : before + 2;
        assertEquals(expected, deleted.indexVersion());
        assertEquals(expected, version());
        assertEquals(List.of("keep"), index.sourceIds(""));
        assertFalse(index.search(new SearchRequest("archive of region 1 rotated", 3, SearchMode.KEYWORD))
                .results()
                .isEmpty());
        assertConsistent();
        DeleteResult none = index.deleteSources(List.of("gone-a", "never-stored"));
        assertEquals(0, none.documents().size());
        assertEquals(expected, none.indexVersion(), "nothing stored: no commit");
    }

    @Test
    void every_search_mode_finds_the_text_and_filters_hold_per_document() {
        index.upsert(prepare("guide/a", "Loading Dock\n\nThe loading dock closes at six in the evening on weekdays."));
        index.upsert(prepare("guide/b", "Canteen\n\nThe canteen serves soup and bread from noon until two."));
        for (SearchMode mode : SearchMode.values()) {
            SearchResults r = index.search(new SearchRequest("when does the loading dock close", 1, mode));
            assertEquals(version(), r.indexVersion(), mode.toString());
            assertTrue(r.results().getFirst().text().contains("loading dock"), mode.toString());
            assertEquals(List.of("guide/a"), sourcesOf(r.results().getFirst()), mode.toString());

            SearchResults onlyB = index.search(
                    new SearchRequest("when does the loading dock close", 5, mode, SearchFilter.source("guide/b")));
            assertTrue(
                    onlyB.results().stream().allMatch(h -> sourcesOf(h).equals(List.of("guide/b"))), mode.toString());
            assertTrue(
                    index.search(new SearchRequest(
                                    "loading dock", 5, mode, new SearchFilter("guide/a", null, "de", AccessScope.ALL)))
                            .results()
                            .isEmpty(),
                    "guide/a is English: " + mode);
        }
        float[] query = index.embedder().embedQuery("soup and bread");
        SearchResults nearest = index.searchVector(query, 1, SearchFilter.NONE);
        assertEquals(List.of("guide/b"), sourcesOf(nearest.results().getFirst()));
        assertTrue(index.searchVector(query, 2, new SearchFilter("guide/b", "application/pdf", null, AccessScope.ALL))
                .results()
                .isEmpty());
        assertEquals(List.of("guide/a", "guide/b"), index.sourceIds("guide/"));
    }

    @Test
    void a_retained_version_is_searchable_by_number_and_a_dropped_one_is_refused() {
        long v1 = index.upsert(prepare("doc", "Original Wording\n\nThe cold archive is kept in the Oslo data centre."))
                .indexVersion();
        long v2 = index.upsert(
                        prepare("doc", "Original Wording\n\nThe cold archive is kept in the Lisbon data centre."))
                .indexVersion();
        assertEquals(v1 + 1, v2);
        SearchResults old = index.search(
                new SearchRequest("cold archive data centre", 1, SearchMode.KEYWORD, SearchFilter.NONE, v1));
        assertEquals(v1, old.indexVersion());
        assertTrue(old.results().getFirst().text().contains("Oslo"));
        SearchResults current = index.search(
                new SearchRequest("cold archive data centre", 1, SearchMode.HYBRID, SearchFilter.NONE, v2));
        assertTrue(current.results().getFirst().text().contains("Lisbon"));

        List<IndexVersion> versions = index.versions();
        assertEquals(v2, versions.getFirst().version(), "newest first");
        assertTrue(versions.stream().anyMatch(v -> v.version() == v1));
        assertEquals(index.embedder().modelId(), versions.getFirst().modelId());
        assertEquals(index.embedder().dimension(), versions.getFirst().dimension());
        assertEquals("upsert doc", versions.getFirst().change());

        VersionNotRetainedException e = assertThrows(
                VersionNotRetainedException.class,
                () -> index.search(new SearchRequest("cold", 1, SearchMode.KEYWORD, SearchFilter.NONE, v2 + 1000)));
        assertEquals(v2 + 1000, e.version());
        assertEquals("index_version_not_retained", e.code());
    }

    @Test
    void a_pinned_version_lists_its_holder_until_released() {
        long v1 = index.upsert(prepare("doc", "Tide Tables\n\nThe harbour publishes tide tables every Monday."))
                .indexVersion();
        index.pin(v1, "eval-run:contract");
        IndexVersion pinned = index.versions().stream()
                .filter(v -> v.version() == v1)
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("eval-run:contract"), pinned.pinnedBy());
        assertEquals(List.of(v1), index.release("eval-run:contract"));
        assertEquals(List.of(), index.release("eval-run:contract"), "releasing again is a no-op");
        assertThrows(VersionNotRetainedException.class, () -> index.pin(v1 + 1000, "eval-run:late"));
    }

    @Test
    void a_batch_stores_every_upload_with_one_version_for_all_results() {
        long start = version();
        List<PreparedUpload> batch = IntStream.range(0, 4)
                .mapToObj(i -> prepare(
                        "batch/" + i,
                        "Site Report " + i + "\n\nThe depot at site " + i + " ships " + (i * 7 + 3)
                                + " pallets of grain each week."))
                .toList();
        List<UpsertResult> results = index.upsertAll(batch);
        assertEquals(
                batch.stream().map(PreparedUpload::sourceId).toList(),
                results.stream().map(r -> r.root().sourceId()).toList(),
                "results in the order of the uploads");
        Set<Long> versions = new TreeSet<>();
        results.forEach(r -> versions.add(r.indexVersion()));
        assertEquals(Set.of(version()), versions, "every result has the batch's version");
        if (batchesInOneCommit()) {
            assertEquals(start + 1, version(), "one commit");
        }
        assertEquals(4, index.stats().documents());
        assertTrue(index.upsertAll(batch).stream().allMatch(r -> r.status() == DocumentOutcome.Status.UNCHANGED));
        assertEquals(List.of(), index.upsertAll(List.of()));
        assertThrows(IllegalArgumentException.class, () -> index.upsertAll(List.of(batch.get(0), batch.get(0))));
        assertConsistent();
    }

    @Test
    void the_check_finds_a_consistent_index_after_writes_and_deletes() {
        index.upsert(prepare("a", sections(3, "")));
        index.upsert(prepare("b", sections(3, " Something of b's own.")));
        index.upsert(prepare("a", "Nothing of the earlier text remains in this version of the file."));
        index.deleteSource("b");
        ConsistencyReport check = index.check();
        assertTrue(check.consistent(), check.toString());
        assertEquals(1, check.documents());
        assertEquals(List.of(), check.orphans());
        assertEquals(List.of(), check.danglingReferences());
        assertEquals(List.of(), check.duplicates());
        assertEquals(List.of(), check.badVectors());
        assertConsistent();
        assertFalse(index.documentsOfSource("a", AccessScope.ALL).isEmpty());
    }

    // ---------------------------------------------------------------- access control

    private static final AccessScope FINANCE = AccessScope.groups(Set.of("finance"));
    private static final AccessScope ENG = AccessScope.groups(Set.of("eng"));

    private SearchResults search(String q, int k, SearchMode mode, AccessScope access) {
        return index.search(new SearchRequest(q, k, mode, SearchFilter.readableBy(access)));
    }

    private static boolean cites(SearchResults r, String sourceId) {
        return r.results().stream().anyMatch(h -> sourcesOf(h).contains(sourceId));
    }

    @Test
    void a_document_only_finance_may_read_is_found_by_finance_and_all_but_not_by_eng_in_any_mode() {
        index.upsert(prepare(
                "fin/ledger",
                "Ledger Notes\n\nThe zorblax ledger reconciles quarterly accruals of the treasury.",
                "finance"));
        index.upsert(prepare("pub/canteen", "Canteen\n\nThe canteen serves soup and bread from noon until two."));
        String q = "zorblax ledger quarterly accruals";
        for (SearchMode mode : SearchMode.values()) {
            for (AccessScope reader : List.of(FINANCE, AccessScope.ALL)) {
                SearchResults r = search(q, 3, mode, reader);
                assertEquals(List.of("fin/ledger"), sourcesOf(r.results().getFirst()), mode + " " + reader);
            }
            SearchResults eng = search(q, 3, mode, ENG);
            assertFalse(cites(eng, "fin/ledger"), mode + ": eng must not see the finance document");
            assertTrue(eng.results().stream().noneMatch(h -> h.text().contains("zorblax")), mode + ": nor its text");
            assertTrue(eng.results().stream().allMatch(h -> !h.sources().isEmpty()), "every hit cites a source");
        }
        float[] v = index.embedder().embedQuery(q);
        assertEquals(
                List.of("fin/ledger"),
                sourcesOf(index.searchVector(v, 1, SearchFilter.readableBy(FINANCE))
                        .results()
                        .getFirst()));
        assertFalse(cites(index.searchVector(v, 5, SearchFilter.readableBy(ENG)), "fin/ledger"));

        DocumentRecord doc =
                index.documentsOfSource("fin/ledger", AccessScope.ALL).getFirst();
        assertEquals(List.of("finance"), doc.acl());
        String chunkId = doc.chunks().getFirst().chunkId();
        assertTrue(index.document(doc.documentId(), ENG).isEmpty(), "unreadable answers like missing");
        assertTrue(index.documentsOfSource("fin/ledger", ENG).isEmpty());
        assertTrue(index.chunk(chunkId, ENG).isEmpty());
        assertEquals(doc, index.document(doc.documentId(), FINANCE).orElseThrow());
        assertEquals(List.of(doc), index.documentsOfSource("fin/ledger", FINANCE));
        assertEquals(
                List.of("fin/ledger"),
                index.chunk(chunkId, FINANCE).orElseThrow().occurrences().stream()
                        .map(Occurrence::sourceId)
                        .toList());
        assertEquals(
                List.of("public"),
                index.documentsOfSource("pub/canteen", ENG).getFirst().acl(),
                "a document uploaded without a group is public");
    }

    @Test
    void a_lineage_lists_each_readable_place_with_its_document_and_file_at_the_version_asked() {
        index.upsert(prepare("pub", sections(3, "")));
        index.upsert(prepare("fin", "Ledger\n\nThe ledger closes monthly.\n\n" + sections(3, ""), "finance"));
        DocumentRecord pub = index.documentsOfSource("pub", AccessScope.ALL).getFirst();
        String shared = pub.chunks().get(1).chunkId();
        long before = version();

        ChunkLineage forEng = index.lineage(shared, ENG, null).orElseThrow();
        assertEquals(before, forEng.indexVersion());
        assertEquals(index.chunk(shared, ENG).orElseThrow().text(), forEng.text());
        assertEquals(1, forEng.appearances().size(), "eng may read pub only");
        ChunkLineage.Appearance a = forEng.appearances().getFirst();
        assertEquals(1, a.ordinal());
        assertEquals(pub.chunks().get(1).charStart(), a.charStart());
        assertEquals(pub.chunks().get(1).charEnd(), a.charEnd());
        assertEquals(pub.contentHash(), a.document().contentHash());
        assertEquals(pub.documentId(), a.file().documentId(), "a text file is its own document");
        assertEquals(pub.fileHash(), a.file().fileHash());
        assertEquals(
                List.of("fin", "pub"),
                index.lineage(shared, FINANCE, null).orElseThrow().appearances().stream()
                        .map(x -> x.document().sourceId())
                        .toList());
        assertTrue(
                index.lineage(
                                index.documentsOfSource("fin", AccessScope.ALL)
                                        .getFirst()
                                        .chunks()
                                        .getFirst()
                                        .chunkId(),
                                ENG,
                                null)
                        .isEmpty(),
                "a chunk only finance may read has no lineage for eng, like a missing one");
        assertTrue(index.lineage("no-such-chunk", AccessScope.ALL, null).isEmpty());

        // pub changes: the old version still tells where the chunk was, with the document as it was then
        index.upsert(prepare("pub", sections(3, "") + "Addendum\n\nA new closing paragraph."));
        assertEquals(before + 1, version());
        ChunkLineage old = index.lineage(shared, ENG, before).orElseThrow();
        assertEquals(before, old.indexVersion());
        assertEquals(pub.contentHash(), old.appearances().getFirst().document().contentHash());
        assertEquals(pub.version(), old.appearances().getFirst().document().version());
        ChunkLineage now = index.lineage(shared, ENG, null).orElseThrow();
        assertEquals(before + 1, now.indexVersion());
        assertFalse(
                pub.contentHash().equals(now.appearances().getFirst().document().contentHash()));
        assertThrows(VersionNotRetainedException.class, () -> index.lineage(shared, ENG, before + 50));
    }

    @Test
    void a_chunk_shared_by_a_public_and_a_finance_document_lists_only_the_public_one_for_eng() {
        index.upsert(prepare("pub", sections(3, "")));
        index.upsert(prepare("fin", sections(3, ""), "finance"));
        assertEquals(
                index.stats().chunks(),
                index.documentsOfSource("pub", AccessScope.ALL)
                        .getFirst()
                        .chunks()
                        .size(),
                "the chunks are shared");
        String shared = index.documentsOfSource("pub", AccessScope.ALL)
                .getFirst()
                .chunks()
                .getFirst()
                .chunkId();
        assertEquals(List.of("pub"), sourcesOfChunk(shared, ENG));
        assertEquals(List.of("fin", "pub"), sourcesOfChunk(shared, FINANCE));
        assertEquals(List.of("fin", "pub"), sourcesOfChunk(shared, AccessScope.ALL));
        for (SearchMode mode : SearchMode.values()) {
            SearchResults eng = search("archive of region 1 rotated", 3, mode, ENG);
            assertFalse(eng.results().isEmpty(), mode.toString());
            assertTrue(eng.results().stream().allMatch(h -> sourcesOf(h).equals(List.of("pub"))), mode.toString());
            // the source filter and the scope must hold for the same document
            assertTrue(
                    index.search(new SearchRequest(
                                    "archive of region 1 rotated",
                                    3,
                                    mode,
                                    SearchFilter.source("fin").withAccess(ENG)))
                            .results()
                            .isEmpty(),
                    mode + ": eng may read pub, not fin");
            SearchResults fin = index.search(new SearchRequest(
                    "archive of region 1 rotated",
                    3,
                    mode,
                    SearchFilter.source("fin").withAccess(FINANCE)));
            assertTrue(
                    !fin.results().isEmpty()
                            && fin.results().stream().allMatch(h -> sourcesOf(h).equals(List.of("fin"))),
                    mode.toString());
        }
    }

    private List<String> sourcesOfChunk(String chunkId, AccessScope access) {
        return index.chunk(chunkId, access).orElseThrow().occurrences().stream()
                .map(Occurrence::sourceId)
                .toList();
    }

    @Test
    void k_results_are_k_visible_results_even_when_invisible_chunks_rank_higher() {
        List<PreparedUpload> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            uploads.add(prepare(
                    "secret/" + i,
                    "Crane Budget " + i + "\n\nThe harbour crane budget forecast " + i
                            + " covers the harbour crane budget, the crane forecast and the harbour budget.",
                    "finance"));
        }
        for (int i = 0; i < 6; i++) {
            uploads.add(prepare(
                    "open/" + i,
                    "Visitor Note " + i + "\n\nVisitors to quay " + i + " may watch the harbour crane at work."));
        }
        index.upsertAll(uploads);
        for (SearchMode mode : SearchMode.values()) {
            SearchResults all = search("harbour crane budget forecast", 5, mode, AccessScope.ALL);
            assertTrue(
                    all.results().stream().allMatch(h -> sourcesOf(h).getFirst().startsWith("secret/")),
                    mode + ": the finance chunks rank higher");
            SearchResults eng = search("harbour crane budget forecast", 5, mode, ENG);
            assertEquals(5, eng.results().size(), mode + ": k visible results");
            assertTrue(
                    eng.results().stream().allMatch(h -> sourcesOf(h).getFirst().startsWith("open/")), mode.toString());
        }
        SearchResults vector = index.searchVector(
                index.embedder().embedQuery("harbour crane budget forecast"), 5, SearchFilter.readableBy(ENG));
        assertEquals(5, vector.results().size());
    }

    @Test
    void changing_only_the_acl_is_an_update_that_embeds_nothing_and_takes_effect_in_the_same_commit() {
        String text = "Payroll Calendar\n\nThe quibbleton payroll runs on the twenty-fifth of each month.";
        String q = "quibbleton payroll";
        UpsertResult created = index.upsert(prepare("hr/payroll", text));
        long v1 = created.indexVersion();
        int embeddedBefore = counting.embedded.get();
        for (SearchMode mode : SearchMode.values()) {
            assertTrue(cites(search(q, 1, mode, ENG), "hr/payroll"), mode + ": public at first");
        }

        UpsertResult closed = index.upsert(prepare("hr/payroll", text, "finance"));
        assertEquals(DocumentOutcome.Status.UPDATED, closed.status());
        assertEquals(0, closed.embedded());
        assertEquals(embeddedBefore, counting.embedded.get(), "nothing embedded");
        assertEquals(v1 + 1, closed.indexVersion(), "one commit");
        assertEquals(1, closed.root().version(), "the content did not change");
        assertFalse(closed.root().contentChanged());
        assertTrue(closed.root().metadataChanged());
        DocumentRecord stored =
                index.document(created.root().documentId(), FINANCE).orElseThrow();
        assertEquals(List.of("finance"), stored.acl());
        assertEquals(created.root().contentHash(), stored.contentHash(), "the acl is in no hash");
        for (SearchMode mode : SearchMode.values()) {
            assertFalse(cites(search(q, 3, mode, ENG), "hr/payroll"), mode + ": the chunk's keys follow the acl");
            assertTrue(cites(search(q, 1, mode, FINANCE), "hr/payroll"), mode.toString());
            // the version before the change still reads as it was, for the same reader
            SearchResults pinned = index.search(new SearchRequest(q, 1, mode, SearchFilter.readableBy(ENG), v1));
            assertTrue(cites(pinned, "hr/payroll"), mode + ": version " + v1 + " had it public");
            SearchResults pinnedNow = index.search(new SearchRequest(q, 3, mode, SearchFilter.readableBy(ENG), v1 + 1));
            assertFalse(cites(pinnedNow, "hr/payroll"), mode + ": version " + (v1 + 1) + " has it finance-only");
        }
        assertTrue(index.document(created.root().documentId(), ENG).isEmpty());

        assertEquals(
                DocumentOutcome.Status.UNCHANGED,
                index.upsert(prepare("hr/payroll", text, "finance")).status(),
                "the same acl again changes nothing");
        UpsertResult reopened = index.upsert(prepare("hr/payroll", text, "public"));
        assertEquals(DocumentOutcome.Status.UPDATED, reopened.status());
        assertEquals(0, reopened.embedded());
        assertTrue(cites(search(q, 1, SearchMode.KEYWORD, ENG), "hr/payroll"), "public again");
        assertConsistent();
    }

    @Test
    void deleting_one_of_two_documents_sharing_a_chunk_updates_what_each_reader_sees() {
        index.upsert(prepare("pub", sections(3, "")));
        index.upsert(prepare("fin", sections(3, ""), "finance"));
        String q = "archive of region 1 rotated";
        assertTrue(cites(search(q, 1, SearchMode.KEYWORD, ENG), "pub"));

        index.deleteSource("pub");
        for (SearchMode mode : SearchMode.values()) {
            assertTrue(
                    search(q, 5, mode, ENG).results().isEmpty(),
                    mode + ": the shared chunks now belong to a finance document only");
            assertTrue(cites(search(q, 1, mode, FINANCE), "fin"), mode.toString());
        }
        String shared = index.documentsOfSource("fin", AccessScope.ALL)
                .getFirst()
                .chunks()
                .getFirst()
                .chunkId();
        assertTrue(index.chunk(shared, ENG).isEmpty());

        index.upsert(prepare("pub", sections(3, "")));
        index.deleteSource("fin");
        assertEquals(List.of("pub"), sourcesOfChunk(shared, AccessScope.ALL));
        assertTrue(
                index.search(new SearchRequest(
                                q,
                                5,
                                SearchMode.KEYWORD,
                                SearchFilter.source("fin").withAccess(FINANCE)))
                        .results()
                        .isEmpty(),
                "no key of the deleted document is left on the chunk");
        assertTrue(cites(search(q, 1, SearchMode.KEYWORD, ENG), "pub"));
        assertConsistent();
    }

    /** What a visit of one version saw, in the order it saw it. */
    private static final class Collected implements CorpusVisitor {
        final List<DocumentRecord> documents = new java.util.ArrayList<>();
        final List<CorpusChunk> chunks = new java.util.ArrayList<>();

        @Override
        public void document(DocumentRecord document) {
            assertTrue(chunks.isEmpty(), "documents come before chunks");
            documents.add(document);
        }

        @Override
        public void chunk(CorpusChunk chunk) {
            chunks.add(chunk);
        }

        List<String> documentIds() {
            return documents.stream().map(DocumentRecord::documentId).toList();
        }

        List<String> chunkIds() {
            return chunks.stream().map(CorpusChunk::chunkId).toList();
        }
    }

    private Collected visit(long version) {
        Collected seen = new Collected();
        index.forEachEntry(version, seen);
        return seen;
    }

    @Test
    void a_visit_of_a_version_streams_each_document_and_chunk_once_in_id_order_and_old_versions_stay_readable() {
        index.upsert(prepare("one", sections(3, "")));
        index.upsert(prepare("two", sections(3, " Only the second copy says the vault opens at dawn.")));
        long v = version();
        Collected seen = visit(v);
        assertEquals(index.stats().documents(), seen.documents.size());
        assertEquals(index.stats().chunks(), seen.chunks.size());
        assertEquals(seen.documentIds().stream().sorted().toList(), seen.documentIds(), "by document ID");
        assertEquals(seen.chunkIds().stream().sorted().toList(), seen.chunkIds(), "by chunk ID");
        assertEquals(new TreeSet<>(seen.chunkIds()).size(), seen.chunks.size(), "each chunk once");
        Set<String> referenced = new TreeSet<>();
        for (DocumentRecord d : seen.documents) {
            assertEquals(index.document(d.documentId(), AccessScope.ALL).orElseThrow(), d);
            d.chunks().forEach(c -> referenced.add(c.chunkId()));
        }
        assertEquals(referenced, new TreeSet<>(seen.chunkIds()), "exactly the chunks the documents reference");
        for (CorpusChunk c : seen.chunks) {
            ChunkRecord stored = index.chunk(c.chunkId(), AccessScope.ALL).orElseThrow();
            assertEquals(stored.text(), c.text());
            assertEquals(index.embedder().modelId(), c.modelId());
            assertEquals(index.embedder().dimension(), c.vector().length);
            assertEquals(List.of("en"), c.languages());
        }
        assertEquals(seen.documentIds(), visit(v).documentIds(), "a second visit sees the same");
        assertEquals(seen.chunkIds(), visit(v).chunkIds());

        index.deleteSource("two");
        Collected after = visit(version());
        assertEquals(1, after.documents.size());
        assertTrue(after.chunks.size() < seen.chunks.size(), "the second copy's own chunk is gone");
        assertEquals(seen.chunkIds(), visit(v).chunkIds(), "the older version still holds it");
        assertThrows(VersionNotRetainedException.class, () -> visit(version() + 5));
    }
}
