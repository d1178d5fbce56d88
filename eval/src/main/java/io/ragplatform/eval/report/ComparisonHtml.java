package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.html;
import static io.ragplatform.eval.report.Fmt.num;
import static io.ragplatform.eval.report.Page.cell;
import static io.ragplatform.eval.report.Page.markupCell;
import static io.ragplatform.eval.report.Page.numCell;
import static io.ragplatform.eval.report.Page.row;
import static io.ragplatform.eval.report.Page.rowHeader;

import io.ragplatform.eval.report.ComparisonReport.MetricDelta;
import io.ragplatform.eval.report.ComparisonReport.PinWarning;
import io.ragplatform.eval.report.ComparisonReport.TrendPoint;
import io.ragplatform.eval.store.RunPins;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Renders a {@link ComparisonReport} as one self-contained HTML5 page: the two runs' pins side by side with warnings
 * for pins that matter, a forest plot and a table of the paired deltas with regressions flagged, and an SVG line
 * chart per main metric over the set's runs. No script, no external resource; every text from the data is escaped.
 */
public final class ComparisonHtml {
    private ComparisonHtml() {}

    /** The page of that comparison. */
    public static String render(ComparisonReport report) {
        Objects.requireNonNull(report, "report");
        RunPins base = report.base();
        RunPins candidate = report.candidate();
        StringBuilder page = Page.open("Compare " + candidate.runId() + " with " + base.runId());
        page.append("<header>\n<h1>Run <span class=\"id\">")
                .append(html(candidate.runId()))
                .append("</span> against <span class=\"id\">")
                .append(html(base.runId()))
                .append("</span></h1>\n");
        warnings(page, report.warnings());
        pins(page, base, candidate);
        page.append("</header>\n<nav><a href=\"#deltas\">Deltas</a><a href=\"#trend\">Trend</a></nav>\n");
        deltas(page, report);
        trend(page, report);
        return Page.close(page);
    }

    private static void warnings(StringBuilder page, List<PinWarning> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        page.append("<div class=\"warn\" role=\"alert\"><b>⚠ The runs differ in pins that matter</b>\n<ul>\n");
        for (PinWarning w : warnings) {
            page.append("<li>")
                    .append(warning(w, Fmt::html, "<code>", "</code>"))
                    .append("</li>\n");
        }
        page.append("</ul></div>\n");
    }

    /** {@code message (pin: base → candidate)}, the texts escaped and the pin's name marked up as code. */
    static String warning(PinWarning w, UnaryOperator<String> escape, String code, String codeEnd) {
        return escape.apply(w.message()) + " (" + code + escape.apply(w.pin()) + codeEnd + ": "
                + escape.apply(value(w.base())) + " → " + escape.apply(value(w.candidate())) + ")";
    }

    /** {@code  (candidate)} or {@code  (base)} after the run ID of a trend point that is one of the two runs. */
    static String role(TrendPoint p) {
        return p.candidate() ? " (candidate)" : p.base() ? " (base)" : "";
    }

    static String value(String v) {
        return v == null ? "—" : v;
    }

    private static void pins(StringBuilder page, RunPins base, RunPins candidate) {
        List<String[]> b = ReportHtml.pinRows(base);
        List<String[]> c = ReportHtml.pinRows(candidate);
        page.append("<table class=\"pins\">\n<tr><th>Pin</th><th>Base</th><th>Candidate</th></tr>\n");
        for (int i = 0; i < b.size(); i++) {
            boolean differs = !b.get(i)[1].equals(c.get(i)[1]);
            page.append(row(
                    differs ? "<tr class=\"differs\">" : "<tr>",
                    rowHeader(b.get(i)[0]),
                    cell(b.get(i)[1]),
                    cell(c.get(i)[1])));
        }
        page.append("</table>\n");
    }

    /** {@code ▼ regression}, {@code ▲ improvement} or {@code not significant}. */
    static String verdict(MetricDelta m) {
        return m.regression() ? "▼ regression" : m.significant() ? "▲ improvement" : "not significant";
    }

    private static void deltas(StringBuilder page, ComparisonReport report) {
        page.append("<section id=\"deltas\">\n<h2>Paired deltas over ")
                .append(report.queries())
                .append(" queries</h2>\n");
        if (report.regressions().isEmpty()) {
            page.append("<p>No significant regression.</p>\n");
        } else {
            page.append("<p class=\"regression\">▼ Regressions: ")
                    .append(html(String.join(", ", report.regressions())))
                    .append("</p>\n");
        }
        if (report.metrics().isEmpty()) {
            page.append("<p class=\"muted\">No metric was compared.</p>\n</section>\n");
            return;
        }
        List<Svg.Delta> rows = new ArrayList<>();
        for (MetricDelta m : report.metrics()) {
            String color =
                    m.regression() ? Svg.REGRESSION_COLOR : m.significant() ? Svg.IMPROVEMENT_COLOR : Svg.OTHER_COLOR;
            rows.add(new Svg.Delta(m.name(), m.delta(), m.deltaLow(), m.deltaHigh(), color));
        }
        page.append("<figure>")
                .append(Svg.deltas("Candidate minus base, with 95% intervals", rows))
                .append("</figure>\n");
        page.append("<table>\n<tr><th>Metric</th><th class=\"num\">Base</th><th class=\"num\">Candidate</th>")
                .append("<th class=\"num\">Δ</th><th class=\"num\">95% CI of Δ</th><th class=\"num\">p</th>")
                .append("<th>Verdict</th></tr>\n");
        for (MetricDelta m : report.metrics()) {
            String cls = m.regression() ? " class=\"regression\"" : m.significant() ? " class=\"improvement\"" : "";
            page.append(row(
                    "<tr" + cls + ">",
                    cell(m.name()),
                    numCell(num(m.baseMean())),
                    numCell(num(m.candidateMean())),
                    numCell(Fmt.signed(m.delta())),
                    numCell(Fmt.signed(m.deltaLow()) + " – " + Fmt.signed(m.deltaHigh())),
                    numCell(Fmt.p(m.pValue())),
                    cell(verdict(m))));
        }
        page.append("</table>\n</section>\n");
    }

    private static void trend(StringBuilder page, ComparisonReport report) {
        page.append("<section id=\"trend\">\n<h2>Trend over the set's runs</h2>\n");
        if (report.trend().isEmpty()) {
            page.append("<p class=\"muted\">No runs given for the trend.</p>\n</section>\n");
            return;
        }
        page.append("<p class=\"muted\">Each chart's y axis is fitted to its values; the base and the candidate ")
                .append("are the hollow points.</p>\n<div class=\"charts\">\n");
        for (String metric : report.trendMetrics()) {
            List<Svg.Point> points = new ArrayList<>();
            int i = 0;
            for (TrendPoint p : report.trend()) {
                i++;
                String mark = p.candidate() ? "candidate" : p.base() ? "base" : null;
                points.add(new Svg.Point(Integer.toString(i), "#" + i + " " + p.runId(), p.value(metric), mark));
            }
            page.append(Svg.line(metric, Svg.color(MetricNames.level(metric)), points))
                    .append('\n');
        }
        page.append("</div>\n<table>\n<tr><th class=\"num\">#</th><th>Run</th><th>Created</th>")
                .append("<th class=\"num\">Set version</th><th class=\"num\">Index version</th><th>Mode</th>")
                .append("<th class=\"num\">k</th><th>Model</th>");
        for (String metric : report.trendMetrics()) {
            page.append("<th class=\"num\">").append(html(metric)).append("</th>");
        }
        page.append("</tr>\n");
        int i = 0;
        for (TrendPoint p : report.trend()) {
            i++;
            List<String> cells = new ArrayList<>(List.of(
                    numCell(Integer.toString(i)),
                    markupCell("<span class=\"id\">" + html(p.runId()) + "</span>" + role(p)),
                    cell(p.createdAt()),
                    numCell(Integer.toString(p.setVersion())),
                    numCell(Long.toString(p.indexVersion())),
                    cell(p.mode()),
                    numCell(Integer.toString(p.k())),
                    cell(value(p.modelId()))));
            for (String metric : report.trendMetrics()) {
                cells.add(numCell(num(p.value(metric))));
            }
            page.append(row(p.candidate() || p.base() ? "<tr class=\"differs\">" : "<tr>", cells));
        }
        page.append("</table>\n</section>\n");
    }
}
