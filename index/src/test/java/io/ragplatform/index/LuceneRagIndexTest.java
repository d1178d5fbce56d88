package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's identity rules, with the real in-process model behind a counting wrapper. */
class LuceneRagIndexTest extends IndexFixture {
    @Test
    void reopening_the_index_keeps_everything_and_embeds_nothing_again() throws IOException {
        Path dir = tmp.resolve("index");
        CountingEmbedder first = new CountingEmbedder(model);
        String docId;
        int chunks;
        try (RagIndex index = RagIndex.open(dir, first, "test")) {
            UpsertResult r = index.upsert(prepare("a", sections(6, "")));
            docId = r.root().documentId();
            chunks = r.root().total();
            assertEquals(first.embedded.get(), r.embedded());
            assertTrue(r.embedded() > 0);
            assertEquals(1, r.indexVersion());
        }
        CountingEmbedder second = new CountingEmbedder(model);
        try (RagIndex index = RagIndex.open(dir, second, "test")) {
            assertEquals(1, index.stats().indexVersion());
            assertEquals(
                    chunks,
                    index.document(docId, AccessScope.ALL)
                            .orElseThrow()
                            .chunks()
                            .size());
            UpsertResult again = index.upsert(prepare("a", sections(6, "")));
            assertEquals(DocumentOutcome.Status.UNCHANGED, again.root().status());
            UpsertResult copy = index.upsert(prepare("b", sections(6, "")));
            assertEquals(DocumentOutcome.Status.CREATED, copy.root().status());
            assertEquals(0, second.embedded.get(), "neither a re-upload nor a second source re-embeds after a restart");
            assertEquals(2, index.stats().documents());
        }
    }

    @Test
    void a_shared_chunk_lists_every_occurrence_and_survives_when_one_source_changes() throws IOException {
        CountingEmbedder counting = new CountingEmbedder(model);
        try (RagIndex index = newIndex(counting)) {
            index.upsert(prepare("one", sections(4, "")));
            UpsertResult two = index.upsert(prepare("two", sections(4, "")));
            String shared = two.root().documentId();
            String chunkId = firstChunkOf(index, shared);
            assertEquals(List.of("one", "two"), sourcesOfChunk(index, chunkId));

            // source "one" replaced by unrelated text: its old chunks stay (still used by "two"), its new ones are
            // embedded
            UpsertResult replaced =
                    index.upsert(prepare("one", "Completely different content about kitchen hygiene rules."));
            assertEquals(2, replaced.root().version());
            assertEquals(
                    List.of("two"),
                    index.chunk(chunkId, AccessScope.ALL).orElseThrow().occurrences().stream()
                            .map(Occurrence::sourceId)
                            .toList());
            SearchResults hits = index.search(new SearchRequest(
                    "archive of region 1 rotated",
                    5,
                    SearchMode.KEYWORD,
                    new SearchFilter("two", null, null, AccessScope.ALL)));
            assertFalse(hits.results().isEmpty());
        }
    }

    @Test
    void a_chunk_no_document_references_is_removed() throws IOException {
        try (RagIndex index = newIndex(new CountingEmbedder(model))) {
            UpsertResult v1 = index.upsert(prepare("solo", sections(3, "")));
            String oldChunk = index.document(v1.root().documentId(), AccessScope.ALL)
                    .orElseThrow()
                    .chunks()
                    .get(0)
                    .chunkId();
            int before = index.stats().chunks();
            index.upsert(prepare("solo", "Nothing of the earlier text remains in this version of the file."));
            assertTrue(index.chunk(oldChunk, AccessScope.ALL).isEmpty(), "an orphan chunk must not stay searchable");
            assertTrue(index.stats().chunks() < before);
            assertTrue(index.search(new SearchRequest("archive of region rotated storage team", 10, SearchMode.KEYWORD))
                    .results()
                    .isEmpty());
        }
    }

    @Test
    void one_inserted_sentence_in_a_36_section_document_reembeds_at_most_three_chunks() throws IOException {
        CountingEmbedder counting = new CountingEmbedder(model);
        try (RagIndex index = newIndex(counting)) {
            index.upsert(prepare("long", sections(36, "")));
            int afterFirst = counting.embedded.get();
            UpsertResult edited =
                    index.upsert(prepare("long", sections(36, " A second sentence was added here by the editor.")));
            assertEquals(DocumentOutcome.Status.UPDATED, edited.root().status());
            assertEquals(2, edited.root().version());
            int reembedded = counting.embedded.get() - afterFirst;
            assertTrue(reembedded >= 1 && reembedded <= 3, "re-embedded " + reembedded);
        }
    }

    @Test
    void a_failed_embedding_stores_nothing_and_the_index_keeps_working() throws IOException {
        CountingEmbedder counting = new CountingEmbedder(model);
        try (RagIndex index = newIndex(counting)) {
            index.upsert(prepare("kept", sections(2, "")));
            long version = index.stats().indexVersion();
            counting.fail = true;
            EmbeddingFailedException e = assertThrows(
                    EmbeddingFailedException.class,
                    () -> index.upsert(prepare("lost", "Text about a new topic that needs embedding.")));
            assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
            assertTrue(index.documentsOfSource("lost", AccessScope.ALL).isEmpty());
            assertEquals(version, index.stats().indexVersion());
            counting.fail = false;
            UpsertResult r = index.upsert(prepare("lost", "Text about a new topic that needs embedding."));
            assertEquals(DocumentOutcome.Status.CREATED, r.root().status());
            assertEquals(version + 1, r.indexVersion());
        }
    }

    @Test
    void opening_an_index_with_another_model_is_refused_with_a_clear_message() throws IOException {
        Path dir = tmp.resolve("index");
        try (RagIndex index = RagIndex.open(dir, model, "test")) {
            index.upsert(prepare("m", "Some text to embed with the first model."));
        }
        Embedder other = new CountingEmbedder(model) {
            @Override
            public String modelId() {
                return "some-other-model";
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RagIndex.open(dir, other, "test"));
        assertTrue(
                e.getMessage().contains("all-minilm-l6-v2-q") && e.getMessage().contains("some-other-model"),
                e.getMessage());
        // the refused open took no write lock: the index opens again with its own model
        try (RagIndex again = RagIndex.open(dir, model, "test")) {
            assertEquals(1, again.documentsOfSource("m", AccessScope.ALL).size());
        }
    }

    @Test
    void concurrent_uploads_of_the_same_new_text_store_each_chunk_once() throws Exception {
        try (RagIndex index = newIndex(new CountingEmbedder(model))) {
            String text = sections(5, "");
            List<PreparedUpload> uploads = List.of(prepare("c1", text), prepare("c2", text), prepare("c3", text));
            var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                var futures = uploads.stream()
                        .map(u -> pool.submit(() -> index.upsert(u)))
                        .toList();
                for (var f : futures) {
                    assertEquals(DocumentOutcome.Status.CREATED, f.get().root().status());
                }
            } finally {
                pool.shutdown();
            }
            int distinct = uploads.get(0).root().chunks().stream()
                    .map(c -> c.id())
                    .collect(java.util.stream.Collectors.toSet())
                    .size();
            assertEquals(distinct, index.stats().chunks());
            assertEquals(3, index.stats().documents());
            String chunkId = uploads.get(0).root().chunks().get(0).id();
            assertEquals(
                    3,
                    index.chunk(chunkId, AccessScope.ALL)
                            .orElseThrow()
                            .occurrences()
                            .size());
        }
    }

    @Test
    void every_commit_is_a_new_version_and_an_older_one_still_shows_the_old_text() throws IOException {
        try (RagIndex index = newIndex(new CountingEmbedder(model))) {
            long v1 = index.upsert(
                            prepare("doc", "Original Wording\n\nThe cold archive is kept in the Oslo data centre."))
                    .indexVersion();
            long v2 = index.upsert(
                            prepare("doc", "Original Wording\n\nThe cold archive is kept in the Lisbon data centre."))
                    .indexVersion();
            assertEquals(v1 + 1, v2);
            assertEquals(v2, index.stats().indexVersion());
            SearchRequest oslo =
                    new SearchRequest("cold archive data centre", 1, SearchMode.KEYWORD, SearchFilter.NONE, v1);
            assertTrue(index.search(oslo).results().getFirst().text().contains("Oslo"));
            assertEquals(v1, index.search(oslo).indexVersion());
            SearchRequest now =
                    new SearchRequest("cold archive data centre", 1, SearchMode.HYBRID, SearchFilter.NONE, null);
            assertTrue(index.search(now).results().getFirst().text().contains("Lisbon"));
            List<IndexVersion> versions = index.versions();
            assertEquals(
                    List.of(v2, v1),
                    versions.stream().map(IndexVersion::version).toList());
            IndexVersion manifest = versions.getFirst();
            assertEquals(model.modelId(), manifest.modelId());
            assertEquals(model.dimension(), manifest.dimension());
            assertEquals(1, manifest.documents());
            assertEquals("test", manifest.pipeline());
            assertTrue(manifest.committedAt() != null && manifest.change().contains("doc"));
        }
    }

    @Test
    void versions_beyond_the_retention_are_refused_by_name() throws IOException {
        try (RagIndex index = RagIndex.open(
                tmp.resolve("index"), new CountingEmbedder(model), "test", new Retention(2, java.time.Duration.ZERO))) {
            for (int i = 0; i < 4; i++) {
                index.upsert(
                        prepare("r", "Revision Notes\n\nThis is revision number " + i + " of the rotation schedule."));
            }
            assertEquals(
                    List.of(4L, 3L),
                    index.versions().stream().map(IndexVersion::version).toList());
            VersionNotRetainedException e = assertThrows(
                    VersionNotRetainedException.class,
                    () -> index.search(
                            new SearchRequest("rotation schedule", 1, SearchMode.KEYWORD, SearchFilter.NONE, 1L)));
            assertTrue(e.getMessage().contains("index version 1 is not retained"), e.getMessage());
            assertEquals(
                    1,
                    index.search(new SearchRequest("rotation schedule", 1, SearchMode.KEYWORD, SearchFilter.NONE, 3L))
                            .results()
                            .size());
        }
    }

    @Test
    void deleting_a_source_removes_its_embedded_documents_and_leaves_a_consistent_index() throws IOException {
        try (RagIndex index = newIndex(new CountingEmbedder(model))) {
            Path eml = tmp.resolve("mail.eml");
            Files.writeString(eml, """
                    From: a@example.com
                    To: b@example.com
                    Subject: Quarterly keys
                    MIME-Version: 1.0
                    Content-Type: multipart/mixed; boundary="XX"

                    --XX
                    Content-Type: text/plain

                    The quarterly key rotation is attached to this message for the records team.
                    --XX
                    Content-Type: text/plain; name="keys.txt"
                    Content-Disposition: attachment; filename="keys.txt"

                    Key rotation happens on the first Monday of each quarter at noon.
                    --XX--
                    """, StandardCharsets.UTF_8);
            UpsertResult r = index.upsert(preparer.prepare(eml, "mail.eml", "mail", Map.of(), Acl.PUBLIC_ONLY));
            assertTrue(r.documents().size() >= 2, r.toString());
            assertEquals(List.of("mail"), index.sourceIds("ma"));
            DeleteResult d = index.deleteSource("mail");
            assertEquals(r.documents().size(), d.documents().size());
            assertTrue(index.documentsOfSource("mail", AccessScope.ALL).isEmpty());
            assertEquals(0, index.stats().chunks());
            ConsistencyReport check = index.check();
            assertTrue(check.consistent(), check.toString());
            assertEquals(0, check.documents());
        }
    }

    @Test
    void filters_on_several_fields_must_hold_for_one_document_not_one_each() throws IOException {
        DocumentPreparer byWord = TestPipeline.preparer(model, text -> text.contains("Fahrrad") ? "de" : "en");
        String shared = "Shared Notice\n\nThe loading dock closes at six in the evening on weekdays.\n\n";
        Path a = tmp.resolve("a.txt");
        Path b = tmp.resolve("b.txt");
        Files.writeString(
                a, shared + "Extra English\n\nDeliveries after six go to the night desk.", StandardCharsets.UTF_8);
        Files.writeString(b, shared + "Extra Deutsch\n\nDas Fahrrad bleibt im Keller.", StandardCharsets.UTF_8);
        try (RagIndex index = newIndex(model)) {
            index.upsert(byWord.prepare(a, "a.txt", "a", Map.of(), Acl.PUBLIC_ONLY));
            index.upsert(byWord.prepare(b, "b.txt", "b", Map.of(), Acl.PUBLIC_ONLY));
            String q = "when does the loading dock close";
            assertEquals(
                    1,
                    index.search(new SearchRequest(
                                    q, 1, SearchMode.KEYWORD, new SearchFilter("a", null, "en", AccessScope.ALL)))
                            .results()
                            .size());
            assertEquals(
                    1,
                    index.search(new SearchRequest(
                                    q, 1, SearchMode.KEYWORD, new SearchFilter("b", null, "de", AccessScope.ALL)))
                            .results()
                            .size());
            assertTrue(
                    index.search(new SearchRequest(
                                    q, 5, SearchMode.KEYWORD, new SearchFilter("a", null, "de", AccessScope.ALL)))
                            .results()
                            .isEmpty(),
                    "source a is English: no document is both in a and German");
            assertTrue(index.search(new SearchRequest(
                            q, 5, SearchMode.VECTOR, new SearchFilter("b", "text/plain", "en", AccessScope.ALL)))
                    .results()
                    .isEmpty());
            SearchHit hit = index.search(new SearchRequest(
                            q, 1, SearchMode.HYBRID, new SearchFilter(null, null, "de", AccessScope.ALL)))
                    .results()
                    .getFirst();
            assertEquals(
                    List.of("b"),
                    hit.sources().stream().map(Occurrence::sourceId).toList(),
                    "sources are filtered alike");
        }
    }

    @Test
    void a_search_pinned_to_the_current_version_keeps_reading_it_while_commits_land() throws Exception {
        try (RagIndex index = newIndex(model)) {
            index.upsert(prepare("pinned/base", sections(4, "")));
            long pinned = index.stats().indexVersion();
            SearchRequest request =
                    new SearchRequest("archive of region rotated", 5, SearchMode.KEYWORD, SearchFilter.NONE, pinned);
            List<String> expected = index.search(request).results().stream()
                    .map(SearchHit::chunkId)
                    .toList();
            java.util.List<PreparedUpload> uploads = new java.util.ArrayList<>();
            for (int i = 0; i < 15; i++) {
                uploads.add(prepare(
                        "pinned/extra-" + i,
                        "Extra " + i + "\n\nThe archive of region " + i + " is rotated by the night shift, extra note "
                                + i + "."));
            }
            java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<?> writes = writer.submit(() -> uploads.forEach(index::upsert));
                int searches = 0;
                while (!writes.isDone() || searches < 50) {
                    SearchResults r = index.search(request);
                    assertEquals(pinned, r.indexVersion(), "a pinned search reads the pinned version");
                    assertEquals(
                            expected,
                            r.results().stream().map(SearchHit::chunkId).toList());
                    searches++;
                }
                writes.get();
            } finally {
                writer.shutdownNow();
            }
            assertEquals(pinned + 15, index.stats().indexVersion());
        }
    }
}
