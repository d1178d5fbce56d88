package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.HtmlCheck.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
    @Test
    void is_one_self_contained_html5_document() throws Exception {
        String html = Fixtures.kept("report-sample.html", Fixtures.sample(ReportHtml::render));

        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"), html);
        assertTrue(html.contains("<title>Run run-1 · faq v3</title>"));
        assertEquals(1, count(html, "<style>"));
        HtmlCheck.wellFormed(html);
        // nothing to fetch: no script, no external style sheet, image or font; the only URL is the SVG namespace
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("url("));
        assertEquals(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void has_an_svg_per_chart() {
        RunReport report = Fixtures.report();
        String html = ReportHtml.render(report, ReportLinks.api());

        // the summary chart, then a histogram per distribution
        assertEquals(1 + report.distributions().size(), count(html, "<svg "));
        assertEquals(12, count(html, "<svg "));
        assertTrue(html.contains("aria-label=\"Mean of each metric with its 95% interval\""));
        assertTrue(html.contains("aria-label=\"ndcg@10 over 5 queries\""));
        // the ndcg@10 bar: 0.46 of 380 px, its whisker from 0.36 to 0.56
        assertTrue(html.contains("width=\"174.8\" height=\"16\""), "bar of 0.46");
        assertTrue(html.contains(">0.460 [0.360, 0.560]</text>"));
        assertTrue(html.contains("n = 5 · exactly 0: 2 · exactly 1: 1"));
    }

    @Test
    void shows_pins_and_summary() {
        String html = Fixtures.sample(ReportHtml::render);

        assertTrue(html.contains("<tr><th scope=\"row\">Set snapshot</th><td>42</td></tr>"));
        assertTrue(html.contains("<tr><th scope=\"row\">Model</th><td>bge-small</td></tr>"));
        assertTrue(html.contains("<tr><td>ndcg@10</td><td>document</td><td class=\"num\">0.460</td>"
                + "<td class=\"num\">0.360 – 0.560</td></tr>"));
        assertTrue(html.contains("<tr><th scope=\"row\">Judged at chunk level</th><td class=\"num\">2</td></tr>"));
    }

    @Test
    void links_chunks_and_sources_and_marks_gold() {
        String html = Fixtures.sample(ReportHtml::render);

        assertTrue(html.contains("<a class=\"id\" href=\"/v1/chunks/c-old\">c-old</a>"));
        assertTrue(html.contains(
                "<a class=\"id\" href=\"/v1/documents?sourceId=docs%2Fchunking.md\">" + "docs/chunking.md</a>"));
        // q2: the relevant source retrieved at rank 3, highlighted in both lists
        assertTrue(
                html.contains(
                        "<tr class=\"hit\"><td class=\"num\">3</td><td><a class=\"id\" "
                                + "href=\"/v1/documents?sourceId=docs%2Fchunking.md\">docs/chunking.md</a></td><td>✓ grade 1</td></tr>"));
        assertTrue(html.contains("<td class=\"num\">1</td><td>✓ rank 3</td></tr>"));
        // q3: its relevant source missed
        assertTrue(html.contains("<tr class=\"miss\"><td>document</td><td><a class=\"id\" "
                + "href=\"/v1/documents?sourceId=docs%2Fports.md\">docs/ports.md</a></td><td class=\"num\">1</td>"
                + "<td>✗ not retrieved</td></tr>"));
        assertTrue(
                html.contains("First relevant source: rank 3 · first relevant chunk: no relevant chunk in the gold"));
        assertTrue(html.contains("First relevant source: not retrieved · first relevant chunk: no relevant chunk"));
        // q1, worst-but-five, has chunk gold linked as a chunk
        assertTrue(html.contains("<tr class=\"hit\"><td>chunk</td><td><a class=\"id\" href=\"/v1/chunks/c-keys-1\">"));
    }

    @Test
    void links_follow_the_given_report_links_and_are_escaped() {
        ReportLinks custom = new ReportLinks() {
            @Override
            public String chunk(String chunkId) {
                return "https://example.org/c?id=" + chunkId + "&v=1";
            }

            @Override
            public String source(String sourceId) {
                return "/rag/src\"" + sourceId;
            }
        };
        String html = ReportHtml.render(Fixtures.report(), custom);

        assertTrue(html.contains("href=\"https://example.org/c?id=c-old&amp;v=1\""));
        assertTrue(html.contains("href=\"/rag/src&quot;docs/old.md\""));
        HtmlCheck.wellFormed(html);
    }

    @Test
    void escapes_every_text_from_the_data() {
        String html = Fixtures.sample(ReportHtml::render);

        // the last pair: the configuration cannot close its <pre>
        Fixtures.assertEscaped(
                html,
                List.of(Fixtures.SCRIPT_QUERY, "<script>", "</pre><b>"),
                List.of(
                        "default chunk size &lt;script&gt;alert(1)&lt;/script&gt;",
                        "It uses &lt;TLS&gt; &amp; HTTP/2.",
                        "&lt;/pre&gt;&lt;b&gt;x&lt;/b&gt;"));
    }

    @Test
    void highlights_unsupported_claims_first() {
        String html = Fixtures.sample(ReportHtml::render);

        int unsupported = html.indexOf("<tr class=\"unsupported\"><td class=\"num\">2</td><td>" + Fixtures.UNSUPPORTED
                + "</td><td class=\"num\">0.120</td><td><b>✗ unsupported</b></td></tr>");
        int supported = html.indexOf("<tr><td class=\"num\">1</td><td>The service listens on port 8080.</td>");
        assertTrue(unsupported > 0);
        assertTrue(supported > unsupported);
        // answers least grounded first, a hallucinated one folded open
        assertTrue(html.indexOf("id=\"answer-q8\" open") < html.indexOf("id=\"answer-q6\" open"));
        assertTrue(html.contains("<details id=\"answer-q7\"><summary>"));
        assertTrue(html.contains("hallucination rate <b>0.667</b>"));
    }

    @Test
    void renders_a_run_without_metrics_or_answers() {
        RunReport empty = RunReport.of(
                Fixtures.run("run-e", 1, 1L, 1L, "lexical", 3, null, "2024-01-01T00:00:00Z", java.util.Map.of()),
                java.util.List.of(),
                java.util.List.of(),
                3);

        String html = ReportHtml.render(empty, ReportLinks.api());

        HtmlCheck.wellFormed(html);
        assertEquals(0, count(html, "<svg "));
        assertTrue(html.contains("The run stored no metrics."));
        assertTrue(html.contains("No answer was judged."));
        assertTrue(Pattern.compile("<th scope=\"row\">Model</th><td>—</td>")
                .matcher(html)
                .find());
    }
}
