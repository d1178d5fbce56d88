package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.DocumentOutcome;
import io.ragplatform.index.DocumentOutcome.Status;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.index.lucene.UpsertPlanner.BatchPlan;
import io.ragplatform.index.lucene.UpsertPlanner.MirrorPlan;
import io.ragplatform.index.lucene.UpsertPlanner.UpsertPlan;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Chunk;
import io.ragplatform.ingest.DocumentIdentity;
import io.ragplatform.ingest.PreparedDocument;
import io.ragplatform.ingest.PreparedUpload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The upsert plan as pure logic: uploads and stored records in, outcomes and records to write out. */
class UpsertPlannerTest {
    private static final String T1 = "2026-01-01T00:00:00Z";
    private static final String T2 = "2026-01-02T00:00:00Z";

    private static Chunk chunk(String id) {
        return new Chunk(id, "text of " + id, 0, 10, 0, 3);
    }

    private static PreparedDocument doc(
            String source, String path, String contentHash, String metaHash, String... ids) {
        List<Chunk> chunks = new ArrayList<>();
        for (String id : ids) {
            chunks.add(chunk(id));
        }
        return new PreparedDocument(
                new DocumentIdentity(
                        source + "#" + path, source, path, path.isEmpty() ? null : source + "#", "text/plain", "en"),
                Map.of(),
                Map.of(),
                contentHash,
                metaHash,
                100,
                chunks,
                Map.of(),
                null,
                null);
    }

    /** What the index holds once {@code u} is the first upsert of its source. */
    private static List<DocumentRecord> stored(PreparedUpload u) {
        return UpsertPlanner.plan(u, List.of(), T1).toWrite();
    }

    private static PreparedUpload upload(String source, String pipeline, PreparedDocument... docs) {
        return new PreparedUpload(source, "file-" + source, 42, pipeline, Acl.PUBLIC_ONLY, "unknown", List.of(docs));
    }

    private static List<Status> statuses(UpsertPlan plan) {
        return plan.outcomes().stream().map(DocumentOutcome::status).toList();
    }

    @Test
    void a_new_upload_creates_every_document_and_affects_every_chunk() {
        UpsertPlan plan = UpsertPlanner.plan(
                upload("s", "p1", doc("s", "", "c1", "m1", "a", "b", "a"), doc("s", "/1", "c2", "m1", "b", "c")),
                List.of(),
                T1);
        assertEquals(List.of(Status.CREATED, Status.CREATED), statuses(plan));
        assertEquals(2, plan.toWrite().size());
        assertEquals(List.of(), plan.toDelete());
        assertEquals(Set.of("a", "b", "c"), plan.affected());
        assertEquals(List.of("a", "b", "c"), List.copyOf(plan.chunkTexts().keySet()), "distinct, in order");
        assertEquals("s#", plan.firstDocOfChunk().get("b"), "an embedding counts for the first document");
        DocumentRecord root = plan.toWrite().get(0);
        assertEquals(1, root.version());
        assertEquals(T1, root.ingestedAt());
        assertEquals("file-s", root.fileHash(), "only the file's own document carries the file hash");
        assertEquals(null, plan.toWrite().get(1).fileHash());
        assertTrue(plan.changes());
    }

    @Test
    void the_same_upload_again_changes_nothing() {
        PreparedUpload u = upload("s", "p1", doc("s", "", "c1", "m1", "a", "b"));
        List<DocumentRecord> stored = stored(u);
        UpsertPlan again = UpsertPlanner.plan(u, stored, T2);
        assertEquals(List.of(Status.UNCHANGED), statuses(again));
        assertFalse(again.changes());
        assertEquals(Set.of(), again.affected());
        UpsertResult result = again.result(7, Set.of(), 0);
        assertEquals(7, result.indexVersion());
        assertEquals(2, result.reused());
    }

    @Test
    void changed_content_is_a_new_version_affecting_old_and_new_chunks() {
        List<DocumentRecord> stored = stored(upload("s", "p1", doc("s", "", "c1", "m1", "a", "b")));
        UpsertPlan plan = UpsertPlanner.plan(upload("s", "p1", doc("s", "", "c2", "m1", "a", "c")), stored, T2);
        DocumentOutcome o = plan.outcomes().get(0);
        assertEquals(Status.UPDATED, o.status());
        assertEquals(2, o.version());
        assertEquals(1, o.added());
        assertEquals(1, o.removed());
        assertEquals(1, o.unchanged());
        assertTrue(o.contentChanged());
        assertEquals(Set.of("a", "b", "c"), plan.affected());
        assertEquals(T1, plan.toWrite().get(0).ingestedAt());
        assertEquals(T2, plan.toWrite().get(0).updatedAt());
    }

    @Test
    void changed_metadata_updates_the_document_but_keeps_its_version() {
        List<DocumentRecord> stored = stored(upload("s", "p1", doc("s", "", "c1", "m1", "a")));
        UpsertPlan plan = UpsertPlanner.plan(upload("s", "p1", doc("s", "", "c1", "m2", "a")), stored, T2);
        DocumentOutcome o = plan.outcomes().get(0);
        assertEquals(Status.UPDATED, o.status());
        assertEquals(1, o.version());
        assertFalse(o.contentChanged());
        assertTrue(o.metadataChanged());
        assertEquals(Set.of("a"), plan.affected(), "the chunk's filter terms may change");
    }

    @Test
    void a_changed_acl_alone_updates_every_document_of_the_upload_but_keeps_versions_and_hashes() {
        PreparedUpload open = upload("s", "p1", doc("s", "", "c1", "m1", "a"), doc("s", "/1", "c2", "m1", "b"));
        List<DocumentRecord> stored = stored(open);
        assertEquals(
                List.of(List.of("public"), List.of("public")),
                stored.stream().map(DocumentRecord::acl).toList());
        PreparedUpload closed = new PreparedUpload(
                "s",
                open.fileHash(),
                open.fileSize(),
                "p1",
                List.of("finance", "eng"),
                open.license(),
                open.documents());
        UpsertPlan plan = UpsertPlanner.plan(closed, stored, T2);
        assertEquals(List.of(Status.UPDATED, Status.UPDATED), statuses(plan), "the attachment inherits the acl");
        for (DocumentOutcome o : plan.outcomes()) {
            assertEquals(1, o.version());
            assertFalse(o.contentChanged());
            assertTrue(o.metadataChanged());
        }
        for (DocumentRecord r : plan.toWrite()) {
            assertEquals(List.of("eng", "finance"), r.acl());
            assertEquals("m1", r.metadataHash(), "the acl is in no hash");
            assertEquals(T2, r.updatedAt());
        }
        assertEquals(Set.of("a", "b"), plan.affected(), "the chunks' filter terms follow the acl");
        assertEquals(
                List.of(Status.UNCHANGED, Status.UNCHANGED), statuses(UpsertPlanner.plan(closed, plan.toWrite(), T2)));
    }

    @Test
    void another_pipeline_refreshes_the_record_without_a_new_version_or_affected_chunks() {
        List<DocumentRecord> stored = stored(upload("s", "p1", doc("s", "", "c1", "m1", "a")));
        UpsertPlan plan = UpsertPlanner.plan(upload("s", "p2", doc("s", "", "c1", "m1", "a")), stored, T2);
        assertEquals(List.of(Status.UNCHANGED), statuses(plan));
        assertEquals("p2", plan.toWrite().get(0).pipeline());
        assertEquals(T1, plan.toWrite().get(0).updatedAt(), "unchanged: the update time stays");
        assertEquals(Set.of(), plan.affected());
        assertTrue(plan.changes());
    }

    @Test
    void an_embedded_document_gone_from_the_file_is_deleted() {
        List<DocumentRecord> stored =
                stored(upload("s", "p1", doc("s", "", "c1", "m1", "a"), doc("s", "/1", "c2", "m1", "b")));
        UpsertPlan plan = UpsertPlanner.plan(upload("s", "p1", doc("s", "", "c1", "m1", "a")), stored, T2);
        assertEquals(List.of(Status.UNCHANGED, Status.DELETED), statuses(plan));
        assertEquals(
                List.of("s#/1"),
                plan.toDelete().stream().map(DocumentRecord::documentId).toList());
        assertEquals(Set.of("b"), plan.affected());
        assertEquals(1, plan.outcomes().get(1).removed());
    }

    @Test
    void a_batch_counts_a_shared_chunk_for_its_first_upload() {
        List<PreparedUpload> uploads = List.of(
                upload("x", "p1", doc("x", "", "c1", "m1", "a", "b")),
                upload("y", "p1", doc("y", "", "c2", "m1", "b", "c")));
        BatchPlan batch = BatchPlan.of(uploads, Map.of(), Instant.parse(T1));
        assertTrue(batch.changes());
        assertEquals("upsert 2 sources (first: x)", batch.change());
        assertEquals(Set.of("a", "b", "c"), batch.affected());
        List<UpsertResult> results = batch.results(5, Set.of("a", "b", "c"), Set.of("a", "b"));
        assertEquals(List.of(2, 1), results.stream().map(UpsertResult::embedded).toList());
        assertEquals(List.of(0, 1), results.stream().map(UpsertResult::reused).toList());
        assertTrue(results.stream().allMatch(r -> r.indexVersion() == 5));
        assertEquals(Map.of("b", "text of b"), batch.textsOf(List.of("b")));

        BatchPlan one = BatchPlan.of(uploads.subList(0, 1), Map.of(), Instant.parse(T1));
        assertEquals("upsert x", one.change());
    }

    @Test
    void a_batch_naming_one_source_twice_is_refused() {
        PreparedUpload u = upload("x", "p1", doc("x", "", "c1", "m1", "a"));
        assertThrows(IllegalArgumentException.class, () -> UpsertPlanner.requireDisjoint(List.of(u, u)));
        UpsertPlanner.requireDisjoint(List.of(u, upload("y", "p1", doc("y", "", "c1", "m1", "a"))));
    }

    @Test
    void deleting_a_document_takes_the_documents_embedded_in_it() {
        List<DocumentRecord> source = stored(upload(
                "s",
                "p1",
                doc("s", "", "c0", "m", "a"),
                doc("s", "/1", "c1", "m", "b"),
                doc("s", "/1/2", "c2", "m", "c"),
                doc("s", "/3", "c3", "m", "d")));
        assertEquals(4, UpsertPlanner.deletedWith(source.get(0), source).size(), "the file's own document: all");
        assertEquals(
                List.of("s#/1", "s#/1/2"),
                UpsertPlanner.deletedWith(source.get(1), source).stream()
                        .map(DocumentRecord::documentId)
                        .toList());
        assertEquals(Set.of("a", "b", "c", "d"), UpsertPlanner.chunksOf(source));
    }

    @Test
    void a_mirror_writes_what_differs_and_deletes_what_the_target_lacks() {
        List<DocumentRecord> v1 =
                stored(upload("s", "p1", doc("s", "", "c1", "m", "a"), doc("s", "/1", "c2", "m", "b")));
        List<DocumentRecord> v2 = UpsertPlanner.plan(upload("s", "p1", doc("s", "", "c9", "m", "z")), v1, T2)
                .toWrite();
        MirrorPlan same = UpsertPlanner.mirror(
                Map.of(v1.get(0).documentId(), v1.get(0), v1.get(1).documentId(), v1.get(1)), v1);
        assertEquals(List.of(), same.toWrite());
        assertEquals(List.of(), same.toDelete());
        MirrorPlan plan = UpsertPlanner.mirror(Map.of(v2.get(0).documentId(), v2.get(0)), v1);
        assertEquals(v2, plan.toWrite());
        assertEquals(List.of(v1.get(1)), plan.toDelete());
        assertEquals(Set.of("a", "b", "z"), plan.affected());
    }
}
