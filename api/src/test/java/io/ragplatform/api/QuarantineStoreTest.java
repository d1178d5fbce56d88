package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.ingest.DocumentPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineStoreTest {
    @TempDir
    Path tmp;

    private QuarantineStore store() {
        return new QuarantineStore(tmp.resolve("quarantine"), 3, 1000, 1500);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static QuarantineStore.Failure upload(String sourceId, String reason) {
        return new QuarantineStore.Failure(
                sourceId,
                QuarantineStore.UPLOAD,
                null,
                "f.pdf",
                "extraction",
                reason,
                "the file is corrupt",
                Map.of("team", "ops"),
                List.of("eng"));
    }

    @Test
    void a_failure_is_recorded_with_its_hash_and_bytes_and_a_second_one_counts_an_attempt() throws Exception {
        QuarantineStore store = store();
        Path f = file("a.pdf", "not a pdf");
        Views.QuarantineRecord first = store.record(upload("up/a", "corrupt_document"), f);
        assertEquals(QuarantineStore.idOf("up/a"), first.id());
        assertEquals(DocumentPreparer.fileHash(f), first.contentHash());
        assertEquals(9, first.size());
        assertEquals(1, first.attempts());
        assertTrue(first.bytesKept());
        assertEquals("not a pdf", Files.readString(store.bytes(first.id()).orElseThrow()));
        Thread.sleep(5);
        Views.QuarantineRecord second = store.record(upload("up/a", "corrupt_document"), f);
        assertEquals(2, second.attempts());
        assertEquals(first.firstSeen(), second.firstSeen());
        assertTrue(Instant.parse(second.lastSeen()).isAfter(Instant.parse(first.firstSeen())));
        assertTrue(store.holds("up/a", f));
        assertFalse(store.holds("up/a", file("b.pdf", "other bytes")));
        assertFalse(store.holds("up/other", f));
    }

    @Test
    void records_survive_a_reopen_in_the_same_order_and_a_success_clears_one_with_its_bytes() throws Exception {
        QuarantineStore store = store();
        store.record(upload("up/a", "corrupt_document"), file("a.pdf", "aaa"));
        Thread.sleep(2);
        store.record(upload("up/b", "no_text"), file("b.pdf", "bbb"));
        List<Views.QuarantineRecord> before = store.list(null, null, 10);
        assertEquals(
                List.of("up/b", "up/a"),
                before.stream().map(Views.QuarantineRecord::sourceId).toList());

        QuarantineStore reopened = store();
        assertEquals(before, reopened.list(null, null, 10));
        assertEquals(List.of("up/b"), sourceIds(reopened.list("no_text", null, 10)));
        assertEquals(List.of("up/a"), sourceIds(reopened.list(null, "up/a", 10)));
        assertEquals(1, reopened.list(null, null, 1).size());

        Path kept = reopened.bytes(QuarantineStore.idOf("up/a")).orElseThrow();
        assertTrue(reopened.clear("up/a"));
        assertFalse(Files.exists(kept));
        assertFalse(reopened.clear("up/a"), "clearing a sourceId without a record is a no-op");
        assertTrue(reopened.delete(QuarantineStore.idOf("up/b")));
        assertFalse(reopened.delete(QuarantineStore.idOf("up/b")));
        assertEquals(List.of(), store().list(null, null, 10));
        assertFalse(Files.exists(tmp.resolve("quarantine/records.json.tmp")), "no temporary file is left behind");
    }

    @Test
    void the_store_is_bounded_in_records_and_in_kept_bytes() throws Exception {
        QuarantineStore store = store();
        for (String id : List.of("up/1", "up/2", "up/3", "up/4")) {
            store.record(upload(id, "corrupt_document"), file("x", "x".repeat(400)));
            Thread.sleep(2);
        }
        assertEquals(List.of("up/4", "up/3", "up/2"), sourceIds(store.list(null, null, 10)));
        // 1,200 bytes kept for three records under a budget of 1,500: a fourth 400 would exceed it
        assertEquals(
                3,
                store.list(null, null, 10).stream()
                        .filter(Views.QuarantineRecord::bytesKept)
                        .count());
        Views.QuarantineRecord big = store.record(upload("up/big", "corrupt_document"), file("y", "y".repeat(1001)));
        assertFalse(big.bytesKept(), "over the per-file limit: recorded without its bytes");
        assertEquals(3, store.list(null, null, 10).size());
        try (var files = Files.list(tmp.resolve("quarantine/files"))) {
            assertEquals(2, files.count(), "the bytes of evicted records are deleted");
        }
    }

    @Test
    void a_source_file_is_hashed_but_not_copied() throws Exception {
        QuarantineStore store = store();
        Path f = file("s.pdf", "source bytes");
        Views.QuarantineRecord r = store.record(
                new QuarantineStore.Failure(
                        "docs/s.pdf",
                        QuarantineStore.SOURCE,
                        "docs",
                        "s.pdf",
                        "extraction",
                        "corrupt_document",
                        "m",
                        Map.of(),
                        List.of("public")),
                f);
        assertFalse(r.bytesKept());
        assertEquals(DocumentPreparer.fileHash(f), r.contentHash());
        assertTrue(store.bytes(r.id()).isEmpty());
    }

    private static List<String> sourceIds(List<Views.QuarantineRecord> records) {
        return records.stream().map(Views.QuarantineRecord::sourceId).toList();
    }

    @Test
    void a_failure_is_recorded_at_the_stage_it_happened() {
        assertEquals("upload", QuarantineService.stage("empty_file", null));
        assertEquals(
                "extraction",
                QuarantineService.stage(
                        "corrupt_document",
                        new io.ragplatform.ingest.DocumentRejectedException(
                                io.ragplatform.ingest.RejectReason.CORRUPT, "truncated")));
        assertEquals("embedding", QuarantineService.stage("embedding_failed", null));
        assertEquals("index", QuarantineService.stage("storage_unavailable", null));
        assertEquals("index", QuarantineService.stage(ErrorMappers.INTERNAL_ERROR, new IllegalStateException()));
    }
}
