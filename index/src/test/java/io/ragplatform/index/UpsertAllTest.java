package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.lucene.LuceneIndexes;
import io.ragplatform.ingest.Chunk;
import io.ragplatform.ingest.DocumentIdentity;
import io.ragplatform.ingest.PreparedDocument;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link RagIndex#upsertAll}: many uploads, one commit, the same outcome as one upsert each. */
class UpsertAllTest extends IndexFixture {
    /** A text of its own for each {@code i}: no chunk in common with another. */
    private static String own(int i) {
        return "Site Report " + i + "\n\nThe depot at site " + i + " ships " + (i * 7 + 3)
                + " pallets of grain each week to harbour "
                + i + ".\n\nInspection Notes " + i + "\n\nInspectors visiting site " + i
                + " check the cold room and the loading ramp every "
                + (i + 2) + " days.";
    }

    private static Set<String> chunkIds(List<PreparedUpload> uploads) {
        Set<String> ids = new TreeSet<>();
        uploads.forEach(u -> u.documents().forEach(d -> d.chunks().forEach(c -> ids.add(c.id()))));
        return ids;
    }

    /** {@link #assertConsistent(RagIndex)}, and that the index holds that many documents. */
    private static void assertConsistent(RagIndex index, int documents) {
        assertEquals(documents, index.stats().documents());
        assertConsistent(index);
    }

    /** Checks the index and that its running counts agree with what the check counted. */
    private static void assertConsistent(RagIndex index) {
        ConsistencyReport check = index.check();
        assertTrue(check.consistent(), check.toString());
        assertEquals(check.documents(), index.stats().documents(), "document count");
        assertEquals(check.chunks(), index.stats().chunks(), "chunk count");
        assertEquals(index.stats().indexVersion(), check.indexVersion());
    }

    @Test
    void a_batch_is_one_new_version_with_the_counts_of_all_its_uploads() throws IOException {
        Path dir = tmp.resolve("index");
        CountingEmbedder counting = new CountingEmbedder(model);
        List<PreparedUpload> batch =
                IntStream.range(0, 6).mapToObj(i -> prepare("s" + i, own(i))).toList();
        PreparedUpload existing = prepare("existing", own(99));
        int chunks = chunkIds(List.of(existing)).size() + chunkIds(batch).size();
        long version;
        try (RagIndex index = RagIndex.open(dir, counting, "test")) {
            index.upsert(existing);
            long before = index.stats().indexVersion();
            int embeddedBefore = counting.embedded.get();

            List<UpsertResult> results = index.upsertAll(batch);

            version = before + 1;
            assertEquals(6, results.size());
            for (int i = 0; i < results.size(); i++) {
                UpsertResult r = results.get(i);
                assertEquals("s" + i, r.root().sourceId(), "results in the order of the uploads");
                assertEquals(DocumentOutcome.Status.CREATED, r.status());
                assertEquals(version, r.indexVersion());
                assertEquals(r.root().total(), r.embedded());
                assertEquals(0, r.reused());
            }
            assertEquals(
                    counting.embedded.get() - embeddedBefore,
                    results.stream().mapToInt(UpsertResult::embedded).sum());
            assertEquals(
                    chunkIds(batch).size(), counting.embedded.get() - embeddedBefore, "each new chunk embedded once");
            List<IndexVersion> versions = index.versions();
            assertEquals(
                    List.of(version, before),
                    versions.stream().map(IndexVersion::version).toList());
            IndexVersion manifest = versions.getFirst();
            assertEquals("upsert 6 sources (first: s0)", manifest.change());
            assertEquals(7, manifest.documents());
            assertEquals(chunks, manifest.chunks());
            assertEquals(new IndexStats(version, 7, chunks, model.modelId(), model.dimension()), index.stats());
            assertConsistent(index);
            assertEquals(
                    1,
                    index.search(new SearchRequest(
                                    "pallets of grain",
                                    5,
                                    SearchMode.KEYWORD,
                                    new SearchFilter("s4", null, "en", AccessScope.ALL)))
                            .results()
                            .size());
        }
        // the counts kept in memory are the ones a fresh open counts
        try (RagIndex index = RagIndex.open(dir, counting, "test")) {
            assertEquals(new IndexStats(version, 7, chunks, model.modelId(), model.dimension()), index.stats());
        }
    }

    @Test
    void a_chunk_shared_within_the_batch_is_embedded_and_stored_once() throws IOException {
        CountingEmbedder counting = new CountingEmbedder(model);
        try (RagIndex index = newIndex(counting)) {
            String text = sections(4, "");
            PreparedUpload x = prepare("x", text);
            PreparedUpload y = prepare("y", text);
            int distinct = chunkIds(List.of(x)).size();

            List<UpsertResult> results = index.upsertAll(List.of(x, y));

            assertEquals(distinct, counting.embedded.get());
            assertEquals(distinct, results.get(0).embedded());
            assertEquals(0, results.get(0).reused());
            assertEquals(
                    0, results.get(1).embedded(), "the second upload reuses what the batch embedded for the first");
            assertEquals(distinct, results.get(1).reused());
            assertEquals(DocumentOutcome.Status.CREATED, results.get(1).status());
            assertEquals(distinct, index.stats().chunks());
            assertEquals(2, index.stats().documents());
            String chunkId = x.root().chunks().getFirst().id();
            assertEquals(
                    List.of("x", "y"),
                    index.chunk(chunkId, AccessScope.ALL).orElseThrow().occurrences().stream()
                            .map(Occurrence::sourceId)
                            .toList());
            // the chunk entry's filter terms know both documents
            for (String source : List.of("x", "y")) {
                assertFalse(
                        index.search(new SearchRequest(
                                        "archive of region 1 rotated",
                                        1,
                                        SearchMode.KEYWORD,
                                        new SearchFilter(source, "text/plain", "en", AccessScope.ALL)))
                                .results()
                                .isEmpty(),
                        source);
            }
            assertConsistent(index);
        }
    }

    @Test
    void the_same_batch_again_commits_and_embeds_nothing() throws IOException {
        CountingEmbedder counting = new CountingEmbedder(model);
        try (RagIndex index = newIndex(counting)) {
            assertEquals(List.of(), index.upsertAll(List.of()));
            assertTrue(index.versions().isEmpty(), "an empty batch commits nothing");

            List<PreparedUpload> batch =
                    List.of(prepare("u0", own(0)), prepare("u1", own(1)), prepare("u2", sections(3, "")));
            index.upsertAll(batch);
            long version = index.stats().indexVersion();
            int embedded = counting.embedded.get();

            List<UpsertResult> again = index.upsertAll(batch);

            assertEquals(embedded, counting.embedded.get());
            assertEquals(
                    List.of(version),
                    index.versions().stream().map(IndexVersion::version).toList());
            for (int i = 0; i < batch.size(); i++) {
                UpsertResult r = again.get(i);
                assertEquals(DocumentOutcome.Status.UNCHANGED, r.status());
                assertEquals(version, r.indexVersion());
                assertEquals(0, r.embedded());
                assertEquals(chunkIds(List.of(batch.get(i))).size(), r.reused());
            }

            // one changed upload among unchanged ones: one version, named after it, and every result carries it
            List<UpsertResult> one = index.upsertAll(List.of(batch.get(0), prepare("u1", own(11)), batch.get(2)));
            assertEquals(
                    List.of(
                            DocumentOutcome.Status.UNCHANGED,
                            DocumentOutcome.Status.UPDATED,
                            DocumentOutcome.Status.UNCHANGED),
                    one.stream().map(UpsertResult::status).toList());
            assertTrue(one.stream().allMatch(r -> r.indexVersion() == version + 1), one.toString());
            assertEquals("upsert u1", index.versions().getFirst().change());
            assertConsistent(index);
        }
    }

    @Test
    void a_batch_matches_the_same_uploads_one_by_one() throws IOException {
        CountingEmbedder forBatch = new CountingEmbedder(model);
        CountingEmbedder forSingles = new CountingEmbedder(model);
        String shared = sections(4, "");
        List<String> sources = List.of("a", "b", "c", "d", "e");
        try (RagIndex batched = RagIndex.open(tmp.resolve("batched"), forBatch, "test");
                RagIndex single = RagIndex.open(tmp.resolve("single"), forSingles, "test")) {
            for (RagIndex index : List.of(batched, single)) {
                index.upsert(prepare("a", own(1) + "\n\n" + shared));
                index.upsert(prepare("b", shared));
                index.upsert(prepare("e", own(5)));
            }
            List<PreparedUpload> uploads = List.of(
                    prepare("a", own(2)), // a drops the shared sections, which b still holds, and its own old chunks
                    prepare("c", own(3) + "\n\n" + shared), // c shares b's chunks
                    prepare("b", shared), // unchanged
                    prepare("d", own(3) + "\n\n" + own(4))); // d shares c's new chunks, new in this batch
            Set<String> cd = chunkIds(List.of(uploads.get(1)));
            cd.retainAll(chunkIds(List.of(uploads.get(3))));
            assertFalse(cd.isEmpty(), "premise: c and d share a chunk");

            List<UpsertResult> fromBatch = batched.upsertAll(uploads);
            List<UpsertResult> fromSingles =
                    uploads.stream().map(single::upsert).toList();

            for (int i = 0; i < uploads.size(); i++) {
                UpsertResult b = fromBatch.get(i);
                UpsertResult s = fromSingles.get(i);
                assertEquals(s.embedded(), b.embedded(), uploads.get(i).sourceId());
                assertEquals(s.reused(), b.reused(), uploads.get(i).sourceId());
                assertEquals(s.documents(), b.documents(), uploads.get(i).sourceId());
            }
            assertEquals(forSingles.embedded.get(), forBatch.embedded.get());
            assertEquals(single.stats().documents(), batched.stats().documents());
            assertEquals(single.stats().chunks(), batched.stats().chunks());
            assertEquals(state(single, sources), state(batched, sources));
            assertEquals(
                    single.stats().indexVersion() - 2,
                    batched.stats().indexVersion(),
                    "three changed uploads, one commit");
            assertConsistent(batched);
            assertConsistent(single);
        }
    }

    /** Documents (without timestamps), chunks with their occurrences, and what filtered searches find, per source. */
    private static Map<String, Object> state(RagIndex index, List<String> sources) {
        Map<String, Object> out = new TreeMap<>();
        for (String source : sources) {
            for (DocumentRecord r : index.documentsOfSource(source, AccessScope.ALL)) {
                out.put(
                        "doc " + r.documentId(),
                        List.of(r.sourceId(), r.path(), r.version(), r.contentHash(), r.chunks()));
                for (ChunkRef c : r.chunks()) {
                    ChunkRecord chunk =
                            index.chunk(c.chunkId(), AccessScope.ALL).orElseThrow();
                    out.put("chunk " + c.chunkId(), List.of(chunk.text(), chunk.modelId(), chunk.occurrences()));
                }
            }
            for (String q : List.of("archive of region rotated", "pallets of grain harbour", "inspectors cold room")) {
                out.put(
                        "search " + source + " " + q,
                        index
                                .search(new SearchRequest(
                                        q,
                                        50,
                                        SearchMode.KEYWORD,
                                        new SearchFilter(source, "text/plain", "en", AccessScope.ALL)))
                                .results()
                                .stream()
                                .map(SearchHit::chunkId)
                                .sorted()
                                .toList());
            }
        }
        return out;
    }

    /** Snapshot for "nothing changed": versions, stats and every document of these sources. */
    private static List<Object> snapshot(RagIndex index, List<String> sources) {
        List<Object> out = new ArrayList<>();
        out.add(index.versions());
        out.add(index.stats());
        sources.forEach(s -> out.add(index.documentsOfSource(s, AccessScope.ALL)));
        return out;
    }

    @Test
    void a_batch_whose_third_upload_fails_while_writing_leaves_the_last_commit_as_it_was() throws IOException {
        // the model answers a chunk about POISON with a vector of the wrong dimension: Lucene refuses it mid-write
        CountingEmbedder poisoned = new CountingEmbedder(model) {
            @Override
            public List<float[]> embedAll(List<String> texts) {
                List<float[]> out = new ArrayList<>(super.embedAll(texts));
                for (int i = 0; i < texts.size(); i++) {
                    if (texts.get(i).contains("POISON")) {
                        out.set(i, new float[] {1, 0, 0});
                    }
                }
                return out;
            }
        };
        List<String> sources = List.of("a", "b", "c", "d", "e");
        try (RagIndex index = newIndex(poisoned)) {
            PreparedUpload oldA = prepare("a", own(1) + "\n\n" + sections(3, ""));
            index.upsert(oldA);
            index.upsert(prepare("b", sections(3, "")));
            List<Object> before = snapshot(index, sources);

            PreparedUpload d = prepare(
                    "d", own(4) + "\n\nPOISON Clause\n\nThis paragraph makes the model answer in the wrong shape.");
            List<PreparedUpload> batch = List.of(
                    prepare("a", own(2)), prepare("c", own(3) + "\n\n" + sections(3, "")), d, prepare("e", own(5)));
            // premise: chunk entries are written in chunk ID order, so some are pending before the poisoned one fails
            String poison = d.documents().stream()
                    .flatMap(doc -> doc.chunks().stream())
                    .filter(c -> c.text().contains("POISON"))
                    .map(Chunk::id)
                    .findFirst()
                    .orElseThrow();
            Set<String> written = chunkIds(batch);
            written.addAll(chunkIds(List.of(oldA)));
            assertTrue(
                    poison.compareTo(written.iterator().next()) > 0,
                    "premise: the poisoned chunk is not the first one written");

            assertThrows(IllegalArgumentException.class, () -> index.upsertAll(batch));

            assertEquals(before, snapshot(index, sources), "versions, counts and documents as before");
            assertConsistent(index);
            assertFalse(index.search(new SearchRequest(
                            "depot at site 1",
                            1,
                            SearchMode.KEYWORD,
                            new SearchFilter("a", null, null, AccessScope.ALL)))
                    .results()
                    .isEmpty());
            assertTrue(
                    index.search(new SearchRequest("depot at site 3", 5, SearchMode.KEYWORD)).results().stream()
                            .noneMatch(h -> h.text().contains("site 3")),
                    "nothing of the batch is searchable");

            // the index keeps working: the batch without the poisoned upload is one commit
            long version = index.stats().indexVersion();
            List<UpsertResult> results = index.upsertAll(List.of(batch.get(0), batch.get(1), batch.get(3)));
            assertTrue(results.stream().allMatch(r -> r.indexVersion() == version + 1), results.toString());
            assertConsistent(index, 4);
        }
    }

    @Test
    void a_failing_model_stores_nothing_of_the_batch() throws IOException {
        CountingEmbedder counting = new CountingEmbedder(model);
        try (RagIndex index = newIndex(counting)) {
            index.upsert(prepare("kept", own(1)));
            List<Object> before = snapshot(index, List.of("kept", "n1", "n2"));
            counting.fail = true;
            EmbeddingFailedException e = assertThrows(
                    EmbeddingFailedException.class,
                    () -> index.upsertAll(
                            List.of(prepare("kept", own(2)), prepare("n1", own(3)), prepare("n2", own(4)))));
            assertEquals(EmbeddingFailedException.CODE, e.code());
            assertTrue(e.getMessage().contains(counting.modelId()), e.getMessage());
            assertEquals(before, snapshot(index, List.of("kept", "n1", "n2")));
            assertConsistent(index);
        }
    }

    @Test
    void single_writes_after_a_batch_keep_the_index_consistent() throws IOException {
        try (RagIndex index = newIndex(new CountingEmbedder(model))) {
            String shared = sections(4, "");
            List<UpsertResult> batch = index.upsertAll(List.of(
                    prepare("p", shared),
                    prepare("q", shared + "Printed Copy\n\nA print-only note."),
                    prepare("r", own(1))));
            long version = batch.getFirst().indexVersion();
            assertConsistent(index);

            UpsertResult p = index.upsert(prepare("p", own(2)));
            assertEquals(DocumentOutcome.Status.UPDATED, p.status());
            assertEquals(version + 1, p.indexVersion());
            String sharedChunk = index.documentsOfSource("q", AccessScope.ALL)
                    .getFirst()
                    .chunks()
                    .getFirst()
                    .chunkId();
            assertEquals(
                    List.of("q"),
                    index.chunk(sharedChunk, AccessScope.ALL).orElseThrow().occurrences().stream()
                            .map(Occurrence::sourceId)
                            .toList());
            assertConsistent(index);

            DeleteResult q = index.delete(batch.get(1).root().documentId());
            assertEquals(
                    chunkIds(List.of(prepare("q", shared + "Printed Copy\n\nA print-only note.")))
                            .size(),
                    q.chunksRemoved(),
                    "q was the last holder of the shared chunks");
            assertTrue(index.chunk(sharedChunk, AccessScope.ALL).isEmpty());
            assertConsistent(index);

            assertEquals(1, index.deleteSource("r").documents().size());
            assertConsistent(index, 1);

            List<UpsertResult> again =
                    index.upsertAll(List.of(prepare("q", shared), prepare("r", own(1)), prepare("p", own(2))));
            assertEquals(
                    List.of(
                            DocumentOutcome.Status.CREATED,
                            DocumentOutcome.Status.CREATED,
                            DocumentOutcome.Status.UNCHANGED),
                    again.stream().map(UpsertResult::status).toList());
            assertEquals(version + 4, index.stats().indexVersion());
            assertConsistent(index, 3);
        }
    }

    @Test
    void two_uploads_of_one_source_are_refused_before_anything_is_written() throws IOException {
        CountingEmbedder counting = new CountingEmbedder(model);
        try (RagIndex index = newIndex(counting)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> index.upsertAll(
                            List.of(prepare("dup", own(1)), prepare("other", own(2)), prepare("dup", own(3)))));
            assertTrue(e.getMessage().contains("'dup'"), e.getMessage());
            assertEquals(0, counting.embedded.get());
            assertTrue(index.versions().isEmpty());
            assertEquals(0, index.stats().documents());

            // document IDs derive from the sourceId; a hand-made upload that reuses another's is refused alike
            PreparedUpload one = prepare("one", own(1));
            PreparedDocument root = one.root();
            PreparedUpload copy = new PreparedUpload(
                    "two",
                    one.fileHash(),
                    one.fileSize(),
                    one.pipeline(),
                    one.acl(),
                    one.license(),
                    List.of(new PreparedDocument(
                            new DocumentIdentity(
                                    root.documentId(), "two", "", null, root.contentType(), root.language()),
                            root.properties(),
                            root.metadata(),
                            root.contentHash(),
                            root.metadataHash(),
                            root.textLength(),
                            root.chunks(),
                            root.pii(),
                            root.signature(),
                            root.quality())));
            assertThrows(IllegalArgumentException.class, () -> index.upsertAll(List.of(one, copy)));
            assertEquals(0, counting.embedded.get());
            assertTrue(index.versions().isEmpty());
        }
    }

    @Test
    void the_default_upserts_one_by_one_and_reports_the_last_version() throws IOException {
        try (RagIndex lucene = newIndex(new CountingEmbedder(model))) {
            // a RagIndex that does not override upsertAll
            InvocationHandler forward = (proxy, method, args) -> method.isDefault()
                    ? InvocationHandler.invokeDefault(proxy, method, args)
                    : method.invoke(lucene, args);
            RagIndex plain = (RagIndex)
                    Proxy.newProxyInstance(RagIndex.class.getClassLoader(), new Class<?>[] {RagIndex.class}, forward);

            assertThrows(
                    IllegalArgumentException.class,
                    () -> plain.upsertAll(List.of(prepare("x", own(1)), prepare("x", own(2)))));
            assertTrue(lucene.versions().isEmpty());

            List<UpsertResult> results = plain.upsertAll(List.of(prepare("x", own(1)), prepare("y", own(2))));
            assertEquals(2, lucene.stats().indexVersion(), "one commit per upload");
            assertTrue(results.stream().allMatch(r -> r.indexVersion() == 2), results.toString());
            assertEquals(
                    List.of("x", "y"),
                    results.stream().map(r -> r.root().sourceId()).toList());
            assertConsistent(lucene);
        }
    }

    @Test
    void a_model_switching_index_batches_once_the_rebuild_is_over_and_upserts_one_by_one_during_it() throws Exception {
        Path root = tmp.resolve("index");
        Embedder reversed = new ModelChangeTest.ReversedEmbedder(model);
        java.util.function.Function<String, Embedder> models = id -> id.equals(reversed.modelId()) ? reversed : model;
        try (RagIndex index = LuceneIndexes.openHome(
                root, model, models, "test", Retention.DEFAULT, ModelChangePolicy.REFUSE, RebuildListener.NONE)) {
            index.upsert(prepare("t0", own(0)));
        }
        PausingRebuild listener = new PausingRebuild();
        CountDownLatch copied = listener.copied;
        CountDownLatch proceed = listener.proceed;
        CountDownLatch swapped = listener.swapped;
        try (RagIndex index = LuceneIndexes.openHome(
                root, reversed, models, "test", Retention.DEFAULT, ModelChangePolicy.REBUILD, listener)) {
            assertTrue(copied.await(60, TimeUnit.SECONDS), "copy phase ends");
            long before = index.stats().indexVersion();
            List<UpsertResult> during = index.upsertAll(List.of(prepare("t1", own(1)), prepare("t2", own(2))));
            assertEquals(before + 2, index.stats().indexVersion(), "during the rebuild: one upsert each");
            assertTrue(during.stream().allMatch(r -> r.indexVersion() == before + 2), during.toString());
            proceed.countDown();
            assertTrue(swapped.await(60, TimeUnit.SECONDS), "swap happens");
            assertEquals("done", index.rebuild().orElseThrow().state().json());

            long swappedAt = index.stats().indexVersion();
            List<UpsertResult> after =
                    index.upsertAll(List.of(prepare("t3", own(3)), prepare("t4", own(4)), prepare("t1", own(1))));
            assertEquals(swappedAt + 1, index.stats().indexVersion(), "after the rebuild: one commit");
            assertEquals(DocumentOutcome.Status.UNCHANGED, after.get(2).status());
            assertEquals(reversed.modelId(), index.versions().getFirst().modelId());
            assertConsistent(index, 5);
        }
    }
}
