package io.ragplatform.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.eval.grounded.ClaimScore;
import io.ragplatform.eval.report.RunReport.Reliability;
import io.ragplatform.eval.report.RunReport.ReliabilityBin;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run whose set labels its answers: the labels in the answer table, and the reliability of support. */
class ReliabilityReportTest {
    private static final String RUN = "run-l";

    /** An answer judged with one claim of the given score, reported with that support. */
    private static QueryResultRecord judged(String item, double support) {
        boolean supported = support >= 0.85;
        return new QueryResultRecord(
                RUN,
                item,
                "question " + item,
                List.of(),
                List.of(),
                Map.of(),
                supported ? 1.0 : 0.0,
                supported ? List.of() : List.of("claim of " + item),
                null,
                List.of(new ClaimScore("claim of " + item, support, supported)),
                QueryResultRecord.EVIDENCE_CONTEXTS,
                support);
    }

    private static EvalItem item(String id, Boolean label) {
        return new EvalItem(id, "question " + id, List.of(), "an answer", List.of("a context"), label);
    }

    private static RunReport report(boolean labelled) {
        RunRecord run =
                Fixtures.run(RUN, 1, 1L, 1L, "hybrid", 5, null, "2024-05-01T10:00:00Z", Map.of("groundedness", 0.5));
        double[] support = {0.95, 0.82, 0.88, 0.15, 1.0, 0.12};
        boolean[] label = {true, true, false, false, true, true};
        List<QueryResultRecord> results = new ArrayList<>();
        List<EvalItem> items = new ArrayList<>();
        for (int i = 0; i < support.length; i++) {
            results.add(judged("a" + i, support[i]));
            items.add(item("a" + i, labelled ? label[i] : null));
        }
        items.add(item("unjudged", true)); // labelled but not judged: not counted
        return RunReport.of(run, results, items, 5);
    }

    @Test
    void labelled_answers_fall_in_ten_bins_of_support_with_the_share_labelled_supported() {
        Reliability r = report(true).groundedness().reliability();

        assertEquals(6, r.answers());
        assertEquals(4, r.supported());
        assertEquals(10, r.bins().size());
        ReliabilityBin low = r.bins().get(1); // 0.15 (unsupported) and 0.12 (supported)
        assertEquals(0.1, low.low(), 1e-12);
        assertEquals(2, low.answers());
        assertEquals(1, low.supported());
        assertEquals(0.135, low.meanSupport(), 1e-12);
        ReliabilityBin eight = r.bins().get(8); // 0.82 (supported) and 0.88 (unsupported)
        assertEquals(2, eight.answers());
        assertEquals(0.5, eight.share(), 1e-12);
        ReliabilityBin top = r.bins().get(9); // 0.95 and exactly 1.0: the last bin holds 1
        assertEquals(2, top.answers());
        assertEquals(1.0, top.share(), 1e-12);
        assertEquals(0, r.bins().get(5).answers());
        assertNull(r.bins().get(5).share());
        assertEquals(List.of(true, true, false, false, true, true), labelsByItem(report(true)));
    }

    private static List<Boolean> labelsByItem(RunReport report) {
        return report.groundedness().items().stream()
                .sorted(java.util.Comparator.comparing(RunReport.AnswerGroundedness::itemId))
                .map(RunReport.AnswerGroundedness::label)
                .toList();
    }

    @Test
    void the_html_shows_the_diagram_and_a_label_column_only_when_the_set_labels_answers() throws Exception {
        String html = Fixtures.kept("report-labelled.html", ReportHtml.render(report(true), ReportLinks.api()));
        HtmlCheck.wellFormed(html);
        assertTrue(html.contains("aria-label=\"Reliability of support over 6 labelled answers\""), html);
        assertTrue(html.contains("<th>Label</th>"));
        assertTrue(html.contains("<td>unsupported</td>"));
        assertTrue(html.contains("support [0.8, 0.9): 2 answers, mean support 0.850, 1 labelled supported (0.500)"));

        String plain = ReportHtml.render(report(false), ReportLinks.api());
        assertFalse(plain.contains("Reliability of support"));
        assertFalse(plain.contains("<th>Label</th>"));
        assertNull(report(false).groundedness().reliability());
    }

    @Test
    void the_markdown_lists_the_non_empty_bins() {
        String md = ReportMarkdown.render(report(true), ReportLinks.api());
        assertTrue(md.contains("### Reliability of support"), md);
        assertTrue(md.contains("| [0.8, 0.9) | 2 | 0.850 | 1 | 0.500 |"), md);
        assertTrue(md.contains("| [0.9, 1.0] | 2 | 0.975 | 2 | 1.000 |"), md);
        assertFalse(md.contains("| [0.5, 0.6)"));
        assertTrue(md.contains("| Support | Label |"));
    }
}
