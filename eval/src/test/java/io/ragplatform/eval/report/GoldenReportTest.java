package io.ragplatform.eval.report;

import org.junit.jupiter.api.Test;

/**
 * The rendered reports of the fixed fixtures ({@link Fixtures}, {@link ComparisonReportTest#report()}: fixed run IDs
 * and timestamps, no clock, no randomness) against their golden files: Markdown byte for byte, HTML by its structure
 * ({@link HtmlOutline}). Regenerate after an intended change as the README next to the golden files says.
 */
class GoldenReportTest {
    @Test
    void run_report_markdown_matches_its_golden_file() {
        Golden.check("run-report.md", Fixtures.sample(ReportMarkdown::render));
    }

    @Test
    void run_report_html_structure_matches_its_golden_file() {
        Golden.check("run-report.html.outline", HtmlOutline.of(Fixtures.sample(ReportHtml::render)));
    }

    @Test
    void comparison_markdown_matches_its_golden_file() {
        Golden.check("comparison.md", ComparisonMarkdown.render(ComparisonReportTest.report()));
    }

    @Test
    void comparison_html_structure_matches_its_golden_file() {
        Golden.check("comparison.html.outline", HtmlOutline.of(ComparisonHtml.render(ComparisonReportTest.report())));
    }
}
