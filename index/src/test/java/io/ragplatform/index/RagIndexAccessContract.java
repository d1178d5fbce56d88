package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.ingest.PreparedUpload;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The access-control part of the {@link RagIndex} contract: what a reader's {@link AccessScope} may find, read and
 * trace, in every search mode and read path. {@link RagIndexContractTest} runs it against every implementation; these
 * methods reach the index under test through it.
 */
interface RagIndexAccessContract {
    AccessScope FINANCE = AccessScope.groups(Set.of("finance"));
    AccessScope ENG = AccessScope.groups(Set.of("eng"));

    /** The index under test, empty of documents when the test starts. */
    RagIndex index();

    /** The model behind it, counting what it embeds from the test's first write on. */
    CountingEmbedder counting();

    /** The upload of {@code text} as a text file under {@code sourceId}, readable by {@code acl}. */
    PreparedUpload upload(String sourceId, String text, String... acl);

    long currentVersion();

    /** The index's check finds it consistent, with the counts its stats give. */
    void checkConsistent();

    default SearchResults search(String q, int k, SearchMode mode, AccessScope access) {
        return index().search(new SearchRequest(q, k, mode, SearchFilter.readableBy(access)));
    }

    static boolean cites(SearchResults r, String sourceId) {
        return r.results().stream()
                .anyMatch(h -> RagIndexContractTest.sourcesOf(h).contains(sourceId));
    }

    @Test
    default void a_document_only_finance_may_read_is_found_by_finance_and_all_but_not_by_eng_in_any_mode() {
        index().upsert(upload(
                "fin/ledger",
                "Ledger Notes\n\nThe zorblax ledger reconciles quarterly accruals of the treasury.",
                "finance"));
        index().upsert(upload("pub/canteen", "Canteen\n\nThe canteen serves soup and bread from noon until two."));
        String q = "zorblax ledger quarterly accruals";
        for (SearchMode mode : SearchMode.values()) {
            for (AccessScope reader : List.of(FINANCE, AccessScope.ALL)) {
                SearchResults r = search(q, 3, mode, reader);
                assertEquals(
                        List.of("fin/ledger"),
                        RagIndexContractTest.sourcesOf(r.results().getFirst()),
                        mode + " " + reader);
            }
            SearchResults eng = search(q, 3, mode, ENG);
            assertFalse(cites(eng, "fin/ledger"), mode + ": eng must not see the finance document");
            assertTrue(eng.results().stream().noneMatch(h -> h.text().contains("zorblax")), mode + ": nor its text");
            assertTrue(eng.results().stream().allMatch(h -> !h.sources().isEmpty()), "every hit cites a source");
        }
        float[] v = index().embedder().embedQuery(q);
        assertEquals(
                List.of("fin/ledger"),
                RagIndexContractTest.sourcesOf(index().searchVector(v, 1, SearchFilter.readableBy(FINANCE))
                        .results()
                        .getFirst()));
        assertFalse(cites(index().searchVector(v, 5, SearchFilter.readableBy(ENG)), "fin/ledger"));

        DocumentRecord doc =
                index().documentsOfSource("fin/ledger", AccessScope.ALL).getFirst();
        assertEquals(List.of("finance"), doc.acl());
        String chunkId = doc.chunks().getFirst().chunkId();
        assertTrue(index().document(doc.documentId(), ENG).isEmpty(), "unreadable answers like missing");
        assertTrue(index().documentsOfSource("fin/ledger", ENG).isEmpty());
        assertTrue(index().chunk(chunkId, ENG).isEmpty());
        assertEquals(doc, index().document(doc.documentId(), FINANCE).orElseThrow());
        assertEquals(List.of(doc), index().documentsOfSource("fin/ledger", FINANCE));
        assertEquals(
                List.of("fin/ledger"),
                index().chunk(chunkId, FINANCE).orElseThrow().occurrences().stream()
                        .map(Occurrence::sourceId)
                        .toList());
        assertEquals(
                List.of("public"),
                index().documentsOfSource("pub/canteen", ENG).getFirst().acl(),
                "a document uploaded without a group is public");
    }

    @Test
    default void a_lineage_lists_each_readable_place_with_its_document_and_file_at_the_version_asked() {
        index().upsert(upload("pub", IndexFixture.sections(3, "")));
        index().upsert(upload(
                "fin", "Ledger\n\nThe ledger closes monthly.\n\n" + IndexFixture.sections(3, ""), "finance"));
        DocumentRecord pub = index().documentsOfSource("pub", AccessScope.ALL).getFirst();
        String shared = pub.chunks().get(1).chunkId();
        long before = currentVersion();

        ChunkLineage forEng = index().lineage(shared, ENG, null).orElseThrow();
        assertEquals(before, forEng.indexVersion());
        assertEquals(index().chunk(shared, ENG).orElseThrow().text(), forEng.text());
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
                index().lineage(shared, FINANCE, null).orElseThrow().appearances().stream()
                        .map(x -> x.document().sourceId())
                        .toList());
        assertTrue(
                index().lineage(
                                index().documentsOfSource("fin", AccessScope.ALL)
                                        .getFirst()
                                        .chunks()
                                        .getFirst()
                                        .chunkId(),
                                ENG,
                                null)
                        .isEmpty(),
                "a chunk only finance may read has no lineage for eng, like a missing one");
        assertTrue(index().lineage("no-such-chunk", AccessScope.ALL, null).isEmpty());

        // pub changes: the old version still tells where the chunk was, with the document as it was then
        index().upsert(upload("pub", IndexFixture.sections(3, "") + "Addendum\n\nA new closing paragraph."));
        assertEquals(before + 1, currentVersion());
        ChunkLineage old = index().lineage(shared, ENG, before).orElseThrow();
        assertEquals(before, old.indexVersion());
        assertEquals(pub.contentHash(), old.appearances().getFirst().document().contentHash());
        assertEquals(pub.version(), old.appearances().getFirst().document().version());
        ChunkLineage now = index().lineage(shared, ENG, null).orElseThrow();
        assertEquals(before + 1, now.indexVersion());
        assertFalse(
                pub.contentHash().equals(now.appearances().getFirst().document().contentHash()));
        assertThrows(VersionNotRetainedException.class, () -> index().lineage(shared, ENG, before + 50));
    }

    @Test
    default void a_chunk_shared_by_a_public_and_a_finance_document_lists_only_the_public_one_for_eng() {
        index().upsert(upload("pub", IndexFixture.sections(3, "")));
        index().upsert(upload("fin", IndexFixture.sections(3, ""), "finance"));
        assertEquals(
                index().stats().chunks(),
                index().documentsOfSource("pub", AccessScope.ALL)
                        .getFirst()
                        .chunks()
                        .size(),
                "the chunks are shared");
        String shared = index().documentsOfSource("pub", AccessScope.ALL)
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
            assertTrue(
                    eng.results().stream()
                            .allMatch(h -> RagIndexContractTest.sourcesOf(h).equals(List.of("pub"))),
                    mode.toString());
            // the source filter and the scope must hold for the same document
            assertTrue(
                    index().search(new SearchRequest(
                                    "archive of region 1 rotated",
                                    3,
                                    mode,
                                    SearchFilter.source("fin").withAccess(ENG)))
                            .results()
                            .isEmpty(),
                    mode + ": eng may read pub, not fin");
            SearchResults fin = index().search(new SearchRequest(
                    "archive of region 1 rotated",
                    3,
                    mode,
                    SearchFilter.source("fin").withAccess(FINANCE)));
            assertTrue(
                    !fin.results().isEmpty()
                            && fin.results().stream()
                                    .allMatch(h ->
                                            RagIndexContractTest.sourcesOf(h).equals(List.of("fin"))),
                    mode.toString());
        }
    }

    default List<String> sourcesOfChunk(String chunkId, AccessScope access) {
        return index().chunk(chunkId, access).orElseThrow().occurrences().stream()
                .map(Occurrence::sourceId)
                .toList();
    }

    @Test
    default void k_results_are_k_visible_results_even_when_invisible_chunks_rank_higher() {
        List<PreparedUpload> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            uploads.add(upload(
                    "secret/" + i,
                    "Crane Budget " + i + "\n\nThe harbour crane budget forecast " + i
                            + " covers the harbour crane budget, the crane forecast and the harbour budget.",
                    "finance"));
        }
        for (int i = 0; i < 6; i++) {
            uploads.add(upload(
                    "open/" + i,
                    "Visitor Note " + i + "\n\nVisitors to quay " + i + " may watch the harbour crane at work."));
        }
        index().upsertAll(uploads);
        for (SearchMode mode : SearchMode.values()) {
            SearchResults all = search("harbour crane budget forecast", 5, mode, AccessScope.ALL);
            assertTrue(
                    all.results().stream()
                            .allMatch(h ->
                                    RagIndexContractTest.sourcesOf(h).getFirst().startsWith("secret/")),
                    mode + ": the finance chunks rank higher");
            SearchResults eng = search("harbour crane budget forecast", 5, mode, ENG);
            assertEquals(5, eng.results().size(), mode + ": k visible results");
            assertTrue(
                    eng.results().stream()
                            .allMatch(h ->
                                    RagIndexContractTest.sourcesOf(h).getFirst().startsWith("open/")),
                    mode.toString());
        }
        SearchResults vector = index().searchVector(
                        index().embedder().embedQuery("harbour crane budget forecast"),
                        5,
                        SearchFilter.readableBy(ENG));
        assertEquals(5, vector.results().size());
    }

    @Test
    default void changing_only_the_acl_is_an_update_that_embeds_nothing_and_takes_effect_in_the_same_commit() {
        String text = "Payroll Calendar\n\nThe quibbleton payroll runs on the twenty-fifth of each month.";
        String q = "quibbleton payroll";
        UpsertResult created = index().upsert(upload("hr/payroll", text));
        long v1 = created.indexVersion();
        int embeddedBefore = counting().embedded.get();
        for (SearchMode mode : SearchMode.values()) {
            assertTrue(cites(search(q, 1, mode, ENG), "hr/payroll"), mode + ": public at first");
        }

        UpsertResult closed = index().upsert(upload("hr/payroll", text, "finance"));
        assertEquals(DocumentOutcome.Status.UPDATED, closed.status());
        assertEquals(0, closed.embedded());
        assertEquals(embeddedBefore, counting().embedded.get(), "nothing embedded");
        assertEquals(v1 + 1, closed.indexVersion(), "one commit");
        assertEquals(1, closed.root().version(), "the content did not change");
        assertFalse(closed.root().contentChanged());
        assertTrue(closed.root().metadataChanged());
        DocumentRecord stored =
                index().document(created.root().documentId(), FINANCE).orElseThrow();
        assertEquals(List.of("finance"), stored.acl());
        assertEquals(created.root().contentHash(), stored.contentHash(), "the acl is in no hash");
        for (SearchMode mode : SearchMode.values()) {
            assertFalse(cites(search(q, 3, mode, ENG), "hr/payroll"), mode + ": the chunk's keys follow the acl");
            assertTrue(cites(search(q, 1, mode, FINANCE), "hr/payroll"), mode.toString());
            // the version before the change still reads as it was, for the same reader
            SearchResults pinned = index().search(new SearchRequest(q, 1, mode, SearchFilter.readableBy(ENG), v1));
            assertTrue(cites(pinned, "hr/payroll"), mode + ": version " + v1 + " had it public");
            SearchResults pinnedNow =
                    index().search(new SearchRequest(q, 3, mode, SearchFilter.readableBy(ENG), v1 + 1));
            assertFalse(cites(pinnedNow, "hr/payroll"), mode + ": version " + (v1 + 1) + " has it finance-only");
        }
        assertTrue(index().document(created.root().documentId(), ENG).isEmpty());

        assertEquals(
                DocumentOutcome.Status.UNCHANGED,
                index().upsert(upload("hr/payroll", text, "finance")).status(),
                "the same acl again changes nothing");
        UpsertResult reopened = index().upsert(upload("hr/payroll", text, "public"));
        assertEquals(DocumentOutcome.Status.UPDATED, reopened.status());
        assertEquals(0, reopened.embedded());
        assertTrue(cites(search(q, 1, SearchMode.KEYWORD, ENG), "hr/payroll"), "public again");
        checkConsistent();
    }

    @Test
    default void deleting_one_of_two_documents_sharing_a_chunk_updates_what_each_reader_sees() {
        index().upsert(upload("pub", IndexFixture.sections(3, "")));
        index().upsert(upload("fin", IndexFixture.sections(3, ""), "finance"));
        String q = "archive of region 1 rotated";
        assertTrue(cites(search(q, 1, SearchMode.KEYWORD, ENG), "pub"));

        index().deleteSource("pub");
        for (SearchMode mode : SearchMode.values()) {
            assertTrue(
                    search(q, 5, mode, ENG).results().isEmpty(),
                    mode + ": the shared chunks now belong to a finance document only");
            assertTrue(cites(search(q, 1, mode, FINANCE), "fin"), mode.toString());
        }
        String shared = index().documentsOfSource("fin", AccessScope.ALL)
                .getFirst()
                .chunks()
                .getFirst()
                .chunkId();
        assertTrue(index().chunk(shared, ENG).isEmpty());

        index().upsert(upload("pub", IndexFixture.sections(3, "")));
        index().deleteSource("fin");
        assertEquals(List.of("pub"), sourcesOfChunk(shared, AccessScope.ALL));
        assertTrue(
                index().search(new SearchRequest(
                                q,
                                5,
                                SearchMode.KEYWORD,
                                SearchFilter.source("fin").withAccess(FINANCE)))
                        .results()
                        .isEmpty(),
                "no key of the deleted document is left on the chunk");
        assertTrue(cites(search(q, 1, SearchMode.KEYWORD, ENG), "pub"));
        checkConsistent();
    }
}
