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
abstract class RagIndexContractTest extends IndexFixture implements RagIndexAccessContract {
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

    @Override
    public RagIndex index() {
        return index;
    }

    @Override
    public CountingEmbedder counting() {
        return counting;
    }

    @Override
    public PreparedUpload upload(String sourceId, String text, String... acl) {
        return acl.length == 0 ? prepare(sourceId, text) : prepare(sourceId, text, acl);
    }

    @Override
    public long currentVersion() {
        return version();
    }

    @Override
    public void checkConsistent() {
        assertConsistent();
    }

    static List<String> sourcesOf(SearchHit hit) {
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
