package io.ragplatform.eval.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.eval.store.AuditRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit page: headed charts for distributions, a table for duplicate figures, every value escaped. */
class AuditHtmlTest {
    @Test
    void distributions_are_headed_charts_figures_a_table_and_values_are_escaped() {
        AuditRecord a = new AuditRecord(
                "audit-1",
                "2026-12-01T10:00:00Z",
                "manual",
                3,
                2,
                2,
                3,
                Map.of(
                        "documents_by_source", Map.of("<script>alert(1)</script>", 1L, "docs", 1L),
                        "near_duplicates", Map.of("groups", 1L, "documents", 2L)),
                new AuditRecord.Changes(2, 0, 0, 0),
                null);
        String page = AuditHtml.render(a, true, List.of(a));
        assertFalse(page.contains("<script>"), "a source name is escaped");
        assertTrue(page.contains("&lt;script&gt;"));
        assertTrue(page.contains("<h3>documents by source</h3>"));
        assertFalse(page.contains("<h3>near duplicates</h3>"), "figures are not drawn as shares");
        assertTrue(page.contains("near duplicates: groups"));
        assertTrue(page.contains("This is the first audit"));
    }
}
