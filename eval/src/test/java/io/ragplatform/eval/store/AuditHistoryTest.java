package io.ragplatform.eval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Governance audits in the store: saved with their documents, read back oldest first, across a reopen. */
class AuditHistoryTest {
    @TempDir
    Path warehouse;

    private static AuditRecord audit(String id, String at, String previous, AuditRecord.Changes changes) {
        return new AuditRecord(
                id,
                at,
                "manual",
                7,
                2,
                3,
                4,
                Map.of("documents_by_license", Map.of("mit", 1L, "unknown", 1L)),
                changes,
                previous);
    }

    @Test
    void audits_and_their_documents_read_back_in_order_after_a_reopen() throws Exception {
        AuditRecord first = audit("a1", "2026-12-01T10:00:00Z", null, AuditRecord.Changes.NONE);
        AuditRecord second = audit("a2", "2026-12-08T10:00:00Z", "a1", new AuditRecord.Changes(1, 0, 1, 1));
        List<AuditDocument> docs =
                List.of(new AuditDocument("d2", "s/b", 1, "h2"), new AuditDocument("d1", "s/a", 2, "h1"));
        try (EvalStore store = EvalStores.local(warehouse)) {
            store.audits().save(second, docs);
            store.audits().save(first, List.of());
            assertThrows(IllegalArgumentException.class, () -> store.audits().save(first, List.of()));
        }
        try (EvalStore store = EvalStores.local(warehouse)) {
            assertEquals(List.of(first, second), store.audits().list());
            assertEquals(List.of(docs.get(1), docs.get(0)), store.audits().documents("a2"));
            assertEquals(List.of(), store.audits().documents("a1"));
            assertEquals(0.25, store.audits().list().get(1).exactDuplicateShare(), 1e-9);
        }
    }
}
