package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.md;
import static io.ragplatform.eval.report.Fmt.mdLink;
import static io.ragplatform.eval.report.Fmt.mdRow;
import static io.ragplatform.eval.report.Fmt.num;

import io.ragplatform.eval.report.RunReport.AnswerGroundedness;
import io.ragplatform.eval.report.RunReport.Bin;
import io.ragplatform.eval.report.RunReport.ClaimRow;
import io.ragplatform.eval.report.RunReport.GoldEntry;
import io.ragplatform.eval.report.RunReport.GroundednessBreakdown;
import io.ragplatform.eval.report.RunReport.Histogram;
import io.ragplatform.eval.report.RunReport.MetricSummary;
import io.ragplatform.eval.report.RunReport.RankedResult;
import io.ragplatform.eval.report.RunReport.WorstQuery;
import io.ragplatform.eval.store.RunPins;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Renders a {@link RunReport} as GitHub-flavoured Markdown with the content of {@link ReportHtml}: tables, text bars
 * for the metric means and block-character sparklines for the distributions. Every text from the data is escaped
 * ({@code |} included), so it can neither break a table nor inject HTML.
 */
public final class ReportMarkdown {
    private static final int BAR_WIDTH = 20;

    private ReportMarkdown() {}

    /**
     * The Markdown of that report.
     *
     * @param report the report
     * @param links where chunk and source IDs link to, e.g. {@link ReportLinks#api()}
     */
    public static String render(RunReport report, ReportLinks links) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(links, "links");
        StringBuilder out = new StringBuilder();
        out.append("# Evaluation run ").append(md(report.pins().runId())).append("\n\n");
        pins(out, report.pins());
        summary(out, report);
        distributions(out, report.distributions());
        worst(out, report, links);
        groundedness(out, report.groundedness());
        return out.toString();
    }

    /** The pins as a table, and the configuration in a fenced block. */
    static void pins(StringBuilder out, RunPins pins) {
        out.append("| Pin | Value |\n| --- | --- |\n");
        for (String[] row : ReportHtml.pinRows(pins)) {
            out.append(mdRow(md(row[0]), md(row[1])));
        }
        out.append('\n');
        if (pins.configJson() != null) {
            out.append("<details><summary>Configuration</summary>\n\n")
                    .append(fence(pins.configJson()))
                    .append("\n</details>\n\n");
        }
    }

    /** A fenced code block long enough that no backtick run in the text closes it. */
    static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "json\n" + text + (text.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    private static void summary(StringBuilder out, RunReport report) {
        out.append("## Summary\n\n");
        List<MetricSummary> metrics = report.summary().metrics();
        if (metrics.isEmpty()) {
            out.append("The run stored no metrics.\n\n");
        } else {
            out.append("| Metric | Level | Mean | 95% CI | |\n| --- | --- | ---: | ---: | --- |\n");
            for (MetricSummary m : metrics) {
                out.append(mdRow(
                        md(m.name()),
                        md(m.level()),
                        num(m.mean()),
                        m.low() == null ? "—" : num(m.low()) + " – " + num(m.high()),
                        Fmt.textBar(m.mean(), BAR_WIDTH)));
            }
            out.append('\n');
        }
        out.append("| Count | |\n| --- | ---: |\n");
        for (String[] row : ReportHtml.countRows(report.summary().counts())) {
            out.append(mdRow(md(row[0]), row[1]));
        }
        out.append('\n');
    }

    private static void distributions(StringBuilder out, List<Histogram> histograms) {
        out.append("## Distributions over queries\n\n");
        if (histograms.isEmpty()) {
            out.append("No per-query values.\n\n");
            return;
        }
        out.append("Ten bins of width 0.1 over [0, 1], lowest first; each bin holds its low end, the last also 1.\n\n")
                .append(
                        "| Metric | n | = 0 | = 1 | Histogram | Bin counts |\n| --- | ---: | ---: | ---: | --- | --- |\n");
        for (Histogram h : histograms) {
            List<Integer> counts = h.bins().stream().map(Bin::count).toList();
            out.append(mdRow(
                    md(h.metric()),
                    h.values(),
                    h.zeros(),
                    h.ones(),
                    "`" + Fmt.sparkline(counts) + "`",
                    String.join(" ", counts.stream().map(String::valueOf).toList())));
        }
        out.append('\n');
    }

    private static void worst(StringBuilder out, RunReport report, ReportLinks links) {
        if (report.primaryMetric() == null) {
            out.append("## Worst queries\n\nNo query has retrieval gold for nDCG@10.\n\n");
            return;
        }
        out.append("## Worst queries by ").append(md(report.primaryMetric())).append("\n\n");
        if (report.worstQueries().isEmpty()) {
            out.append("None listed.\n\n");
        }
        int position = 0;
        for (WorstQuery q : report.worstQueries()) {
            position++;
            out.append("### ")
                    .append(ReportHtml.worstTitle(position, q, report.primaryMetric(), Fmt::md, Fmt::md))
                    .append("\n\n");
            out.append("> ").append(md(q.query())).append("\n\n");
            out.append(Fmt.metricValues(q.metrics(), Fmt::md, "**", "**"));
            out.append(q.metrics().isEmpty() ? "" : "  \n")
                    .append(md(ReportHtml.firstRelevant(q)))
                    .append("\n\n");
            retrieved(out, q, links);
            gold(out, q.gold(), links);
        }
    }

    /** Retrieved chunks and documents by rank, side by side in one table. */
    private static void retrieved(StringBuilder out, WorstQuery q, ReportLinks links) {
        int rows = Math.max(q.retrievedChunks().size(), q.retrievedDocuments().size());
        if (rows == 0) {
            out.append("Nothing was retrieved.\n\n");
            return;
        }
        out.append("| Rank | Retrieved chunk | Score | Gold | Retrieved document | Gold |\n")
                .append("| ---: | --- | ---: | --- | --- | --- |\n");
        for (int i = 0; i < rows; i++) {
            RankedResult c =
                    i < q.retrievedChunks().size() ? q.retrievedChunks().get(i) : null;
            RankedResult d =
                    i < q.retrievedDocuments().size() ? q.retrievedDocuments().get(i) : null;
            out.append(mdRow(
                    i + 1,
                    cell(c, links::chunk),
                    c == null || c.score() == null ? "" : num(c.score()),
                    c == null ? "" : md(ReportHtml.goldMark(c)),
                    cell(d, links::source),
                    d == null ? "" : md(ReportHtml.goldMark(d))));
        }
        out.append('\n');
    }

    private static String cell(RankedResult r, Function<String, String> link) {
        if (r == null) {
            return "";
        }
        String text = mdLink(r.id(), link.apply(r.id()));
        return r.relevant() ? "**" + text + "**" : text;
    }

    private static void gold(StringBuilder out, List<GoldEntry> gold, ReportLinks links) {
        if (gold.isEmpty()) {
            out.append("No gold judgments.\n\n");
            return;
        }
        out.append("| Gold level | ID | Grade | Retrieved |\n| --- | --- | ---: | --- |\n");
        for (GoldEntry g : gold) {
            String url = g.level().equals(RunReport.LEVEL_CHUNK) ? links.chunk(g.id()) : links.source(g.id());
            out.append(mdRow(md(g.level()), mdLink(g.id(), url), g.grade(), md(ReportHtml.goldFound(g))));
        }
        out.append('\n');
    }

    /** The reliability diagram's bins as a table: the non-empty ones. */
    private static void reliability(StringBuilder out, RunReport.Reliability r) {
        out.append("### Reliability of support\n\n")
                .append(ReportHtml.reliabilityCaption(r))
                .append("\n\n| Support | Answers | Mean support | Labelled supported | Share |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        for (RunReport.ReliabilityBin b : r.bins()) {
            if (b.answers() == 0) {
                continue;
            }
            out.append(mdRow(
                    ReliabilityBins.range(b),
                    Integer.toString(b.answers()),
                    num(b.meanSupport()),
                    Integer.toString(b.supported()),
                    num(b.share())));
        }
        out.append('\n');
    }

    private static void groundedness(StringBuilder out, GroundednessBreakdown g) {
        out.append("## Groundedness\n\n");
        if (g.answers() == 0) {
            out.append("No answer was judged.\n");
            return;
        }
        out.append(ReportHtml.groundednessLine(g, "**", "**")).append("\n\n");
        if (g.reliability() != null) {
            reliability(out, g.reliability());
        }
        boolean labelled = g.items().stream().anyMatch(a -> a.label() != null);
        out.append("| Item | Query | Groundedness | Support |")
                .append(labelled ? " Label |" : "")
                .append(" Evidence | Unsupported / claims |\n")
                .append("| --- | --- | ---: | ---: |")
                .append(labelled ? " --- |" : "")
                .append(" --- | ---: |\n");
        for (AnswerGroundedness a : g.items()) {
            String strong = a.hallucinated() ? "**" : "";
            java.util.List<String> cells = new java.util.ArrayList<>(
                    java.util.List.of(md(a.itemId()), md(a.query()), num(a.groundedness()), num(a.support())));
            if (labelled) {
                cells.add(ReportHtml.label(a));
            }
            cells.add(a.evidence() == null ? "—" : md(a.evidence()));
            cells.add(strong + ReportHtml.unsupportedOfClaims(a) + strong);
            out.append(mdRow(cells.toArray(String[]::new)));
        }
        out.append('\n');
        for (AnswerGroundedness a : g.items()) {
            if (a.claims().isEmpty()) {
                continue;
            }
            out.append("### ")
                    .append(md(a.itemId()))
                    .append(" — groundedness ")
                    .append(num(a.groundedness()))
                    .append("\n\n| # | Claim | Score | Verdict |\n| ---: | --- | ---: | --- |\n");
            for (ClaimRow c : a.claims()) {
                out.append(mdRow(
                        ReportHtml.position(c),
                        c.supported() ? md(c.claim()) : "**" + md(c.claim()) + "**",
                        num(c.score()),
                        c.supported() ? "✓ supported" : "**✗ unsupported**"));
            }
            out.append('\n');
        }
    }
}
