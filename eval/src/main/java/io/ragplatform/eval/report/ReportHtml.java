package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.html;
import static io.ragplatform.eval.report.Fmt.num;
import static io.ragplatform.eval.report.Page.cell;
import static io.ragplatform.eval.report.Page.idLink;
import static io.ragplatform.eval.report.Page.markupCell;
import static io.ragplatform.eval.report.Page.numCell;
import static io.ragplatform.eval.report.Page.row;
import static io.ragplatform.eval.report.Page.rowHeader;

import io.ragplatform.eval.report.RunReport.AnswerGroundedness;
import io.ragplatform.eval.report.RunReport.ClaimRow;
import io.ragplatform.eval.report.RunReport.GoldEntry;
import io.ragplatform.eval.report.RunReport.GroundednessBreakdown;
import io.ragplatform.eval.report.RunReport.Histogram;
import io.ragplatform.eval.report.RunReport.MetricSummary;
import io.ragplatform.eval.report.RunReport.RankedResult;
import io.ragplatform.eval.report.RunReport.WorstQuery;
import io.ragplatform.eval.run.RunCounts;
import io.ragplatform.eval.store.RunPins;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Renders a {@link RunReport} as one self-contained HTML5 page: pins, a metric chart and table, a histogram per
 * metric, the worst queries with retrieved and gold side by side, and the groundedness of the answers. Charts are
 * inline SVG; there is no script and no external resource, and every text from the data is escaped.
 */
public final class ReportHtml {
    private ReportHtml() {}

    /**
     * The page of that report.
     *
     * @param report the report
     * @param links where chunk and source IDs link to, e.g. {@link ReportLinks#api()}
     */
    public static String render(RunReport report, ReportLinks links) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(links, "links");
        RunPins pins = report.pins();
        StringBuilder page = Page.open("Run " + pins.runId() + " · " + pins.set() + " v" + pins.setVersion());
        page.append("<header>\n<h1>Evaluation run <span class=\"id\">")
                .append(html(pins.runId()))
                .append("</span></h1>\n");
        pins(page, pins);
        page.append("</header>\n");
        page.append("<nav><a href=\"#summary\">Summary</a><a href=\"#distributions\">Distributions</a>")
                .append("<a href=\"#worst\">Worst queries</a><a href=\"#groundedness\">Groundedness</a></nav>\n");
        summary(page, report);
        distributions(page, report.distributions());
        worst(page, report, links);
        groundedness(page, report.groundedness());
        return Page.close(page);
    }

    /** The pins as a two-column table, and the configuration folded away. */
    static void pins(StringBuilder page, RunPins pins) {
        page.append("<table class=\"pins\">\n");
        for (String[] row : pinRows(pins)) {
            page.append(row("<tr>", rowHeader(row[0]), cell(row[1])));
        }
        page.append("</table>\n");
        if (pins.configJson() != null) {
            page.append("<details><summary>Configuration</summary><pre>")
                    .append(html(pins.configJson()))
                    .append("</pre></details>\n");
        }
    }

    /** The pins as label/value pairs, shared with the Markdown rendering. */
    static List<String[]> pinRows(RunPins pins) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Run", pins.runId()});
        rows.add(new String[] {"Set", pins.set()});
        rows.add(new String[] {"Set version", Integer.toString(pins.setVersion())});
        rows.add(new String[] {"Set snapshot", Long.toString(pins.setSnapshotId())});
        rows.add(new String[] {"Index version", Long.toString(pins.indexVersion())});
        rows.add(new String[] {"Mode", pins.mode()});
        rows.add(new String[] {"k", Integer.toString(pins.k())});
        rows.add(new String[] {"Model", pins.modelId() == null ? "—" : pins.modelId()});
        rows.add(new String[] {"Pipeline", pins.pipeline() == null ? "—" : pins.pipeline()});
        rows.add(new String[] {"Created", pins.createdAt()});
        return rows;
    }

    /** The counts as label/value pairs, shared with the Markdown rendering. */
    static List<String[]> countRows(RunCounts c) {
        return List.of(
                new String[] {"Queries", Integer.toString(c.items())},
                new String[] {"Judged at document level", Integer.toString(c.documentJudged())},
                new String[] {"Judged at chunk level", Integer.toString(c.chunkJudged())},
                new String[] {"Without retrieval gold", Integer.toString(c.withoutGold())},
                new String[] {"Answers judged", Integer.toString(c.answersJudged())},
                new String[] {"Claims", Integer.toString(c.claims())},
                new String[] {"Unsupported claims", Integer.toString(c.unsupportedClaims())},
                new String[] {"Answers with an unsupported claim", Integer.toString(c.hallucinatedAnswers())});
    }

    private static void summary(StringBuilder page, RunReport report) {
        page.append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"side\">\n");
        List<MetricSummary> metrics = report.summary().metrics();
        if (metrics.isEmpty()) {
            page.append("<p class=\"muted\">The run stored no metrics.</p>\n");
        } else {
            page.append("<table>\n<caption>Metrics (mean and 95% bootstrap interval)</caption>\n")
                    .append("<tr><th>Metric</th><th>Level</th><th class=\"num\">Mean</th>")
                    .append("<th class=\"num\">95% CI</th></tr>\n");
            for (MetricSummary m : metrics) {
                page.append(row(
                        "<tr>",
                        cell(m.name()),
                        cell(m.level()),
                        numCell(num(m.mean())),
                        numCell(m.low() == null ? "—" : num(m.low()) + " – " + num(m.high()))));
            }
            page.append("</table>\n");
        }
        page.append("<table>\n<caption>Counts</caption>\n");
        for (String[] row : countRows(report.summary().counts())) {
            page.append(row("<tr>", rowHeader(row[0]), numCell(row[1])));
        }
        page.append("</table>\n</div>\n");
        if (!metrics.isEmpty()) {
            List<Svg.Bar> bars = metrics.stream()
                    .map(m -> new Svg.Bar(m.name(), m.mean(), m.low(), m.high(), Svg.color(m.level())))
                    .toList();
            page.append("<figure>")
                    .append(Svg.bars("Mean of each metric with its 95% interval", bars))
                    .append("</figure>\n");
        }
        page.append("</section>\n");
    }

    private static void distributions(StringBuilder page, List<Histogram> histograms) {
        page.append("<section id=\"distributions\">\n<h2>Distributions over queries</h2>\n");
        if (histograms.isEmpty()) {
            page.append("<p class=\"muted\">No per-query values.</p>\n");
        } else {
            page.append("<p class=\"muted\">Ten bins of width 0.1 over [0, 1]; each bin holds its low end, the last ")
                    .append("also 1.</p>\n<div class=\"charts\">\n");
            for (Histogram h : histograms) {
                page.append(Svg.histogram(h)).append('\n');
            }
            page.append("</div>\n");
        }
        page.append("</section>\n");
    }

    private static void worst(StringBuilder page, RunReport report, ReportLinks links) {
        page.append("<section id=\"worst\">\n<h2>Worst queries");
        if (report.primaryMetric() == null) {
            page.append("</h2>\n<p class=\"muted\">No query has retrieval gold for nDCG@10.</p>\n</section>\n");
            return;
        }
        page.append(" by ").append(html(report.primaryMetric())).append("</h2>\n");
        if (report.worstQueries().isEmpty()) {
            page.append("<p class=\"muted\">None listed.</p>\n");
        }
        int position = 0;
        for (WorstQuery q : report.worstQueries()) {
            position++;
            page.append("<article>\n<h3>")
                    .append(worstTitle(position, q, report.primaryMetric(), ReportHtml::idSpan, Fmt::html))
                    .append("</h3>\n");
            page.append("<p class=\"query\">").append(html(q.query())).append("</p>\n<p>");
            page.append(Fmt.metricValues(q.metrics(), Fmt::html, "<b>", "</b>"));
            page.append("<br>").append(html(firstRelevant(q))).append("</p>\n<div class=\"side\">\n");
            retrievedTable(page, "Retrieved chunks", "Chunk", q.retrievedChunks(), links::chunk, true);
            retrievedTable(page, "Retrieved documents", "Source", q.retrievedDocuments(), links::source, false);
            goldTable(page, q.gold(), links);
            page.append("</div>\n</article>\n");
        }
        page.append("</section>\n");
    }

    /** {@code 2. q1 — chunk.ndcg@10 = 0.5}: a worst query's heading, with its item ID and metric name marked up. */
    static String worstTitle(
            int position, WorstQuery q, String primaryMetric, UnaryOperator<String> id, UnaryOperator<String> escape) {
        return position + ". " + id.apply(q.itemId()) + " — " + escape.apply(primaryMetric) + " = "
                + num(q.primaryValue());
    }

    private static String idSpan(String id) {
        return "<span class=\"id\">" + html(id) + "</span>";
    }

    /**
     * Where the first relevant source and chunk were retrieved, telling a miss ({@code not retrieved}) from a level
     * the item has no gold at ({@code no chunk gold}).
     */
    static String firstRelevant(WorstQuery q) {
        return "First relevant source: "
                + firstRelevant(q, RunReport.LEVEL_DOCUMENT, q.firstRelevantDocumentRank(), "source")
                + " · first relevant chunk: "
                + firstRelevant(q, RunReport.LEVEL_CHUNK, q.firstRelevantChunkRank(), "chunk");
    }

    private static String firstRelevant(WorstQuery q, String level, Integer rank, String noun) {
        if (rank != null) {
            return "rank " + rank;
        }
        boolean judged = q.gold().stream().anyMatch(g -> g.level().equals(level) && g.relevant());
        return judged ? "not retrieved" : "no relevant " + noun + " in the gold";
    }

    private static void retrievedTable(
            StringBuilder page,
            String caption,
            String idHeader,
            List<RankedResult> rows,
            java.util.function.Function<String, String> link,
            boolean scores) {
        page.append("<table>\n<caption>")
                .append(caption)
                .append("</caption>\n<tr><th class=\"num\">Rank</th><th>")
                .append(idHeader)
                .append("</th>")
                .append(scores ? "<th class=\"num\">Score</th>" : "")
                .append("<th>Gold</th></tr>\n");
        if (rows.isEmpty()) {
            page.append("<tr><td colspan=\"").append(scores ? 4 : 3).append("\" class=\"muted\">none</td></tr>\n");
        }
        for (RankedResult r : rows) {
            page.append(row(
                    r.relevant() ? "<tr class=\"hit\">" : "<tr>",
                    numCell(Integer.toString(r.rank())),
                    markupCell(idLink(link.apply(r.id()), r.id())),
                    !scores ? "" : numCell(r.score() == null ? "—" : num(r.score())),
                    cell(goldMark(r))));
        }
        page.append("</table>\n");
    }

    /** {@code ✓ grade 2} for a relevant result, {@code grade 0} for one judged not relevant, empty otherwise. */
    static String goldMark(RankedResult r) {
        if (r.goldGrade() == null) {
            return "";
        }
        return (r.relevant() ? "✓ " : "") + "grade " + r.goldGrade();
    }

    /** {@code ✓ rank 3}, {@code ✗ not retrieved}, or for a grade of 0 or below, {@code rank 3} / {@code —}. */
    static String goldFound(GoldEntry g) {
        if (g.retrievedRank() != null) {
            return (g.relevant() ? "✓ " : "") + "rank " + g.retrievedRank();
        }
        return g.relevant() ? "✗ not retrieved" : "—";
    }

    private static void goldTable(StringBuilder page, List<GoldEntry> gold, ReportLinks links) {
        page.append("<table>\n<caption>Gold</caption>\n<tr><th>Level</th><th>ID</th><th class=\"num\">Grade</th>")
                .append("<th>Retrieved</th></tr>\n");
        if (gold.isEmpty()) {
            page.append("<tr><td colspan=\"4\" class=\"muted\">none</td></tr>\n");
        }
        for (GoldEntry g : gold) {
            String cls = !g.relevant() ? "" : g.retrievedRank() != null ? " class=\"hit\"" : " class=\"miss\"";
            String url = g.level().equals(RunReport.LEVEL_CHUNK) ? links.chunk(g.id()) : links.source(g.id());
            page.append(row(
                    "<tr" + cls + ">",
                    cell(g.level()),
                    markupCell(idLink(url, g.id())),
                    numCell(Integer.toString(g.grade())),
                    cell(goldFound(g))));
        }
        page.append("</table>\n");
    }

    private static void groundedness(StringBuilder page, GroundednessBreakdown g) {
        page.append("<section id=\"groundedness\">\n<h2>Groundedness</h2>\n");
        if (g.answers() == 0) {
            page.append("<p class=\"muted\">No answer was judged.</p>\n</section>\n");
            return;
        }
        page.append("<p>").append(groundednessLine(g, "<b>", "</b>")).append("</p>\n");
        if (g.reliability() != null) {
            page.append("<figure id=\"reliability\">")
                    .append(ReliabilitySvg.of(g.reliability()))
                    .append("<figcaption>")
                    .append(html(reliabilityCaption(g.reliability())))
                    .append("</figcaption></figure>\n");
        }
        boolean labelled = g.items().stream().anyMatch(a -> a.label() != null);
        page.append("<table>\n<tr><th>Item</th><th>Query</th><th class=\"num\">Groundedness</th>")
                .append("<th class=\"num\">Support</th>")
                .append(labelled ? "<th>Label</th>" : "")
                .append("<th>Evidence</th>")
                .append("<th class=\"num\">Unsupported / claims</th></tr>\n");
        for (AnswerGroundedness a : g.items()) {
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.List.of(
                    markupCell(idLink("#" + anchor(a.itemId()), a.itemId())),
                    cell(a.query()),
                    numCell(num(a.groundedness())),
                    numCell(num(a.support()))));
            if (labelled) {
                cells.add(cell(label(a)));
            }
            cells.add(cell(a.evidence() == null ? "—" : a.evidence()));
            cells.add(numCell(unsupportedOfClaims(a)));
            page.append(row(a.hallucinated() ? "<tr class=\"unsupported\">" : "<tr>", cells));
        }
        page.append("</table>\n");
        for (AnswerGroundedness a : g.items()) {
            page.append("<details id=\"")
                    .append(html(anchor(a.itemId())))
                    .append('"')
                    .append(a.hallucinated() ? " open" : "")
                    .append("><summary><span class=\"id\">")
                    .append(html(a.itemId()))
                    .append("</span> — groundedness ")
                    .append(num(a.groundedness()))
                    .append(a.hallucinated() ? ", " + a.unsupportedCount() + " unsupported" : "")
                    .append("</summary>\n<p class=\"query\">")
                    .append(html(a.query()))
                    .append("</p>\n");
            if (a.claims().isEmpty()) {
                page.append("<p class=\"muted\">No claims recorded.</p>\n");
            } else {
                page.append("<table>\n<tr><th class=\"num\">#</th><th>Claim</th><th class=\"num\">Score</th>")
                        .append("<th>Verdict</th></tr>\n");
                for (ClaimRow c : a.claims()) {
                    page.append(row(
                            c.supported() ? "<tr>" : "<tr class=\"unsupported\">",
                            numCell(position(c)),
                            cell(c.claim()),
                            numCell(num(c.score())),
                            markupCell(c.supported() ? "✓ supported" : "<b>✗ unsupported</b>")));
                }
                page.append("</table>\n");
            }
            page.append("</details>\n");
        }
        page.append("</section>\n");
    }

    /** The groundedness of the judged answers in one line, each rate emphasised with the given markup. */
    static String groundednessLine(GroundednessBreakdown g, String strong, String strongEnd) {
        return g.answers() + " answers judged · mean groundedness " + strong + num(g.meanGroundedness()) + strongEnd
                + (g.meanSupport() == null ? "" : " · mean support " + strong + num(g.meanSupport()) + strongEnd)
                + " · hallucination rate " + strong + num(g.hallucinationRate()) + strongEnd + " ("
                + g.hallucinatedAnswers() + " answers with an unsupported claim) · " + g.unsupportedClaims()
                + " unsupported of " + g.claims() + " claims";
    }

    /** An answer's label as the set gives it: {@code supported}, {@code unsupported} or {@code —}. */
    static String label(AnswerGroundedness a) {
        return a.label() == null ? "—" : a.label() ? "supported" : "unsupported";
    }

    /** What the reliability diagram shows, in one sentence. */
    static String reliabilityCaption(RunReport.Reliability r) {
        return "Labelled answers (" + r.answers() + ", " + r.supported() + " labelled supported) in ten bins of "
                + "support: each point is a bin at its mean support and the share of its answers labelled supported, "
                + "its size the number of answers. A calibrated score follows the dashed diagonal; a score that ranks "
                + "well has shares that rise from left to right.";
    }

    /** {@code 1 / 3}, or {@code 1 / ?} when the number of claims was not recorded. */
    static String unsupportedOfClaims(AnswerGroundedness a) {
        return a.unsupportedCount() + " / " + (a.claimCount() == null ? "?" : a.claimCount());
    }

    /** A claim's position in its answer, or {@code —} when not recorded. */
    static String position(ClaimRow c) {
        return c.position() == null ? "—" : c.position().toString();
    }

    /** A fragment ID for an item: unique per item ID, no spaces (HTML5 only forbids whitespace). */
    private static String anchor(String itemId) {
        return "answer-" + Fmt.percentEncode(itemId);
    }
}
