package io.ragplatform.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMarkdownTest {
    @Test
    void escapes_pipes_and_html_in_cells_and_text() throws Exception {
        String md = Fixtures.kept("report-sample.md", Fixtures.sample(ReportMarkdown::render));

        Fixtures.assertEscaped(
                md,
                List.of("port | which", "<script>"),
                List.of(
                        "which port \\| which host?",
                        "default chunk size \\<script\\>alert(1)\\</script\\>",
                        "It uses \\<TLS\\> \\& HTTP/2."));
    }

    @Test
    void every_table_row_has_its_headers_cell_count() {
        List<List<String>> tables = tables(Fixtures.sample(ReportMarkdown::render));

        assertTrue(tables.size() >= 10, "tables: " + tables.size());
        assertRowsHaveTheirHeadersCellCount(tables);
        for (List<String> table : tables) {
            assertTrue(table.get(1).matches("\\|( -{3,}:? \\|| ---: \\|)+"), table.get(1));
        }
    }

    /** Every row of every table has as many unescaped pipes as the table's header row. */
    static void assertRowsHaveTheirHeadersCellCount(List<List<String>> tables) {
        for (List<String> table : tables) {
            int cells = unescapedPipes(table.get(0));
            for (String row : table) {
                assertEquals(cells, unescapedPipes(row), row);
            }
        }
    }

    @Test
    void has_the_reports_content() {
        String md = Fixtures.sample(ReportMarkdown::render);

        assertTrue(md.startsWith("# Evaluation run run-1\n\n| Pin | Value |\n| --- | --- |\n| Run | run-1 |\n"));
        assertTrue(md.contains("| ndcg@10 | document | 0.460 | 0.360 – 0.560 | █████████▎ |"));
        assertTrue(md.contains("| ndcg@10 | 5 | 2 | 1 | `█    ▄  ▄▄` | 2 0 0 0 0 1 0 0 1 1 |"));
        assertTrue(md.contains("## Worst queries by ndcg@10"));
        assertTrue(md.contains("ndcg@10 **0.500**  \nFirst relevant source: rank 3 · first relevant chunk: "
                + "no relevant chunk in the gold\n"));
        assertTrue(md.contains("### 3. q2 — ndcg@10 = 0.500"));
        assertTrue(md.contains("| 3 | [c-chunk-2](/v1/chunks/c-chunk-2) | 0.600 |  | "
                + "**[docs/chunking.md](/v1/documents?sourceId=docs%2Fchunking.md)** | ✓ grade 1 |"));
        assertTrue(md.contains(
                "| document | [docs/ports.md](/v1/documents?sourceId=docs%2Fports.md) | 1 | " + "✗ not retrieved |"));
        assertTrue(md.contains("| 2 | **" + Fixtures.UNSUPPORTED + "** | 0.120 | **✗ unsupported** |"));
        assertTrue(md.contains("```json\n" + Fixtures.run().pins().configJson() + "\n```\n"));
    }

    @Test
    void fence_outlasts_backticks_in_the_text() {
        assertEquals("````json\n{\"a\":\"```\"}\n````\n", ReportMarkdown.fence("{\"a\":\"```\"}"));
    }

    /** Blocks of consecutive lines starting with {@code |}. */
    static List<List<String>> tables(String md) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(line);
            } else {
                current = null;
            }
        }
        return tables;
    }

    static int unescapedPipes(String row) {
        int n = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '\\') {
                i++;
            } else if (row.charAt(i) == '|') {
                n++;
            }
        }
        return n;
    }
}
