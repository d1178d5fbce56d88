package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.QualityPolicy;
import io.ragplatform.ingest.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Ingestion#ingestAll}: one commit for the files that can be stored, refusals as outcomes, the unchanged fast path. */
class IngestionBatchTest {
    private static CountingEmbedder model;
    private static DocumentPreparer preparer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        model = new CountingEmbedder(Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0));
        preparer = TestPipeline.preparer(model);
    }

    private Ingestion.FileToIngest file(String sourceId, String text) throws IOException {
        Path f = tmp.resolve(sourceId + ".txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return new Ingestion.FileToIngest(f, sourceId + ".txt", sourceId, Map.of("set", "batch"), Acl.PUBLIC_ONLY);
    }

    @Test
    void a_batch_stores_what_it_can_in_one_commit_and_reports_refusals() throws IOException {
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            Ingestion ingestion = new Ingestion(preparer, index);
            List<Ingestion.FileToIngest> files = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                files.add(file(
                        "doc-" + i,
                        "Title " + i + "\n\nParagraph " + i + " says the archive of region " + i + " rotates every "
                                + (i + 2) + " weeks."));
            }
            files.add(2, file("empty", ""));
            long before = index.stats().indexVersion();

            List<Ingestion.BatchOutcome> first = ingestion.ingestAll(files);
            assertEquals(6, first.size());
            assertEquals("empty", first.get(2).sourceId());
            assertNull(first.get(2).result());
            assertEquals(RejectReason.EMPTY_FILE, first.get(2).rejection().reason());
            assertEquals(
                    List.of("doc-0", "doc-1", "empty", "doc-2", "doc-3", "doc-4"),
                    first.stream().map(Ingestion.BatchOutcome::sourceId).toList(),
                    "outcomes in the order of the files");
            assertTrue(first.stream()
                    .filter(Ingestion.BatchOutcome::stored)
                    .allMatch(o -> o.result().status() == DocumentOutcome.Status.CREATED));
            assertEquals(before + 1, index.stats().indexVersion(), "one commit for the batch");
            assertEquals(5, index.stats().documents());
            assertTrue(index.check().consistent());

            int embedded = model.embedded.get();
            List<Ingestion.BatchOutcome> again = ingestion.ingestAll(files);
            assertEquals(embedded, model.embedded.get(), "unchanged files embed nothing");
            assertEquals(before + 1, index.stats().indexVersion(), "and commit nothing");
            assertTrue(again.stream()
                    .filter(Ingestion.BatchOutcome::stored)
                    .allMatch(o -> o.result().status() == DocumentOutcome.Status.UNCHANGED));

            assertThrows(
                    IllegalArgumentException.class, () -> ingestion.ingestAll(List.of(files.get(0), files.get(0))));
        }
    }

    @Test
    void stored_bytes_are_checked_again_by_quality_checks_configured_since() throws IOException {
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            Ingestion.FileToIngest memo = file("short-memo", "Memo\n\nThe quillfeather memo is short.");
            new Ingestion(preparer, index)
                    .ingest(memo.file(), memo.fileName(), memo.sourceId(), memo.metadata(), memo.acl());
            DocumentRecord stored =
                    index.documentsOfSource("short-memo", AccessScope.ALL).get(0);
            assertEquals(stored.textLength(), stored.quality().characters());

            Ingestion checking = new Ingestion(preparer.withQuality(QualityPolicy.parse("characters<100")), index);
            DocumentRejectedException e = assertThrows(
                    DocumentRejectedException.class,
                    () -> checking.ingest(memo.file(), memo.fileName(), memo.sourceId(), memo.metadata(), memo.acl()));
            assertEquals(RejectReason.QUALITY_CHECK, e.reason(), "not the unchanged fast path");
            assertEquals(List.of(stored), index.documentsOfSource("short-memo", AccessScope.ALL), "stored stays");
        }
    }

    @Test
    void the_same_bytes_with_another_acl_skip_no_parse_and_update_without_embedding() throws IOException {
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            Ingestion ingestion = new Ingestion(preparer, index);
            Path f = tmp.resolve("memo.txt");
            Files.writeString(f, "Memo\n\nThe wrangleford memo is due on Friday.", StandardCharsets.UTF_8);
            UpsertResult created = ingestion.ingest(f, "memo.txt", "memo", Map.of(), Acl.PUBLIC_ONLY);
            assertEquals(DocumentOutcome.Status.CREATED, created.status());
            int embedded = model.embedded.get();
            assertEquals(
                    DocumentOutcome.Status.UNCHANGED,
                    ingestion
                            .ingest(f, "memo.txt", "memo", Map.of(), List.of("public"))
                            .status());

            UpsertResult closed = ingestion.ingest(f, "memo.txt", "memo", Map.of(), List.of("finance"));
            assertEquals(DocumentOutcome.Status.UPDATED, closed.status(), "not the unchanged fast path");
            assertEquals(0, closed.embedded());
            assertEquals(embedded, model.embedded.get());
            assertEquals(created.indexVersion() + 1, closed.indexVersion());
            assertTrue(index.documentsOfSource("memo", AccessScope.groups(java.util.Set.of("eng")))
                    .isEmpty());
            assertEquals(
                    DocumentOutcome.Status.UNCHANGED,
                    ingestion
                            .ingest(f, "memo.txt", "memo", Map.of(), List.of(" finance"))
                            .status(),
                    "the acl is compared normalized");

            // a bad acl refuses that file of a batch, not the batch
            List<Ingestion.BatchOutcome> batch = ingestion.ingestAll(List.of(
                    new Ingestion.FileToIngest(f, "memo.txt", "memo", Map.of(), List.of()),
                    file("other", "Other\n\nAnother memo entirely.")));
            assertEquals(RejectReason.INVALID_REQUEST, batch.get(0).rejection().reason());
            assertTrue(batch.get(0).rejection().getMessage().contains("at least one group"));
            assertEquals(DocumentOutcome.Status.CREATED, batch.get(1).result().status());
        }
    }
}
