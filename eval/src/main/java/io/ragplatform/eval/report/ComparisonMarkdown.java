package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.md;
import static io.ragplatform.eval.report.Fmt.mdRow;
import static io.ragplatform.eval.report.Fmt.num;

import io.ragplatform.eval.report.ComparisonReport.MetricDelta;
import io.ragplatform.eval.report.ComparisonReport.PinWarning;
import io.ragplatform.eval.report.ComparisonReport.TrendPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a {@link ComparisonReport} as GitHub-flavoured Markdown with the content of {@link ComparisonHtml}: the
 * warnings, the pins side by side, the delta table with regressions in bold, and the trend as a table with a
 * sparkline per metric. Every text from the data is escaped.
 */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {}

    /** The Markdown of that comparison. */
    public static String render(ComparisonReport report) {
        Objects.requireNonNull(report, "report");
        StringBuilder out = new StringBuilder();
        out.append("# Run ")
                .append(md(report.candidate().runId()))
                .append(" against ")
                .append(md(report.base().runId()))
                .append("\n\n");
        if (!report.warnings().isEmpty()) {
            out.append("> [!WARNING]\n> The runs differ in pins that matter:\n");
            for (PinWarning w : report.warnings()) {
                out.append("> - ")
                        .append(ComparisonHtml.warning(w, Fmt::md, "", ""))
                        .append('\n');
            }
            out.append('\n');
        }
        List<String[]> b = ReportHtml.pinRows(report.base());
        List<String[]> c = ReportHtml.pinRows(report.candidate());
        out.append("| Pin | Base | Candidate |\n| --- | --- | --- |\n");
        for (int i = 0; i < b.size(); i++) {
            boolean differs = !b.get(i)[1].equals(c.get(i)[1]);
            out.append(mdRow(md(b.get(i)[0]) + (differs ? " ⚠" : ""), md(b.get(i)[1]), md(c.get(i)[1])));
        }
        out.append("\n## Paired deltas over ").append(report.queries()).append(" queries\n\n");
        out.append(
                report.regressions().isEmpty()
                        ? "No significant regression.\n\n"
                        : "**▼ Regressions: " + md(String.join(", ", report.regressions())) + "**\n\n");
        if (!report.metrics().isEmpty()) {
            out.append("| Metric | Base | Candidate | Δ | 95% CI of Δ | p | Verdict |\n")
                    .append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (MetricDelta m : report.metrics()) {
                String verdict = ComparisonHtml.verdict(m);
                out.append(mdRow(
                        m.regression() ? "**" + md(m.name()) + "**" : md(m.name()),
                        num(m.baseMean()),
                        num(m.candidateMean()),
                        Fmt.signed(m.delta()),
                        Fmt.signed(m.deltaLow()) + " – " + Fmt.signed(m.deltaHigh()),
                        md(Fmt.p(m.pValue())),
                        m.regression() ? "**" + verdict + "**" : verdict));
            }
            out.append('\n');
        }
        trend(out, report);
        return out.toString();
    }

    private static void trend(StringBuilder out, ComparisonReport report) {
        out.append("## Trend over the set's runs\n\n");
        if (report.trend().isEmpty()) {
            out.append("No runs given for the trend.\n");
            return;
        }
        out.append("| # | Run | Created | Set version | Index version | Mode | k | Model |");
        for (String metric : report.trendMetrics()) {
            out.append(' ').append(md(metric)).append(" |");
        }
        out.append("\n| ---: | --- | --- | ---: | ---: | --- | ---: | --- |");
        out.append(" ---: |".repeat(report.trendMetrics().size())).append('\n');
        int i = 0;
        for (TrendPoint p : report.trend()) {
            i++;
            List<Object> cells = new ArrayList<>(List.of(
                    i,
                    md(p.runId()) + ComparisonHtml.role(p),
                    md(p.createdAt()),
                    p.setVersion(),
                    p.indexVersion(),
                    md(p.mode()),
                    p.k(),
                    md(ComparisonHtml.value(p.modelId()))));
            for (String metric : report.trendMetrics()) {
                cells.add(num(p.value(metric)));
            }
            out.append(mdRow(cells));
        }
        out.append("\n| Metric | Oldest → newest | Lowest | Highest |\n| --- | --- | ---: | ---: |\n");
        for (String metric : report.trendMetrics()) {
            List<Double> values =
                    report.trend().stream().map(p -> p.value(metric)).toList();
            List<Double> present = values.stream().filter(Objects::nonNull).toList();
            out.append(mdRow(
                    md(metric),
                    "`" + Fmt.trendline(values) + "`",
                    num(present.stream().min(Double::compare).orElse(null)),
                    num(present.stream().max(Double::compare).orElse(null))));
        }
        out.append('\n');
    }
}
