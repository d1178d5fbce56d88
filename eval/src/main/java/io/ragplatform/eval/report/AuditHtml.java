package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.html;

import io.ragplatform.eval.store.AuditRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A governance audit as a self-contained HTML page for people: totals, what changed since the previous audit, one bar
 * chart per dimension (each value's share of the total, its count beside it) and the history of earlier audits. Every
 * value is escaped; no script, no external resource.
 */
public final class AuditHtml {
    /** Values beyond this many per chart are summed into one "other" bar. */
    static final int MAX_BARS = 15;

    /** Dimensions that are figures rather than a distribution: shown in a table, not as shares. */
    static final List<String> FIGURES = List.of("exact_duplicates", "near_duplicates");

    private AuditHtml() {}

    /** A dimension's name as a heading: {@code documents_by_license} -> "documents by license". */
    static String title(String dimension) {
        return dimension.replace('_', ' ');
    }

    /**
     * The page of {@code audit}, with {@code history} (stored audits, oldest first) as a trend table.
     *
     * @param stored whether the audit is a stored one (else: computed now, not stored)
     */
    public static String render(AuditRecord audit, boolean stored, List<AuditRecord> history) {
        StringBuilder page = Page.open("Governance audit " + audit.auditId());
        page.append("<h1>Governance audit</h1>\n<p class=\"muted\">")
                .append(html(stored ? "audit " + audit.auditId() : "computed now, not stored"))
                .append(" &middot; ")
                .append(html(audit.createdAt()))
                .append(" &middot; index version ")
                .append(audit.indexVersion())
                .append(" &middot; ")
                .append(html(audit.trigger()))
                .append("</p>\n");
        page.append("<table><caption>Totals</caption>\n");
        page.append(Page.row("<tr>", Page.rowHeader("documents"), num(audit.documents())));
        page.append(Page.row("<tr>", Page.rowHeader("distinct chunks"), num(audit.chunks())));
        page.append(Page.row("<tr>", Page.rowHeader("chunk occurrences"), num(audit.occurrences())));
        page.append(Page.row(
                "<tr>",
                Page.rowHeader("exact-duplicate share (occurrences reusing a stored chunk)"),
                "<td class=\"num\">" + Fmt.num(audit.exactDuplicateShare()) + "</td>"));
        page.append("</table>\n");
        AuditRecord.Changes c = audit.changes();
        page.append("<h2>Since the previous audit</h2>\n<p>")
                .append(
                        audit.previousAuditId() == null
                                ? "This is the first audit: every document counts as added."
                                : "Compared with audit <span class=\"id\">" + html(audit.previousAuditId())
                                        + "</span>.")
                .append("</p>\n<table>\n")
                .append(Page.row("<tr>", th("added"), th("updated"), th("deleted"), th("erased")))
                .append(Page.row("<tr>", num(c.added()), num(c.updated()), num(c.deleted()), num(c.erased())))
                .append("</table>\n<h2>Duplicates</h2>\n<table>\n");
        for (String dimension : FIGURES) {
            audit.count(dimension)
                    .forEach((name, n) -> page.append(Page.row(
                            "<tr>", Page.rowHeader(title(dimension) + ": " + name.replace('_', ' ')), num(n))));
        }
        page.append(
                "</table>\n<h2>Counts</h2>\n<p class=\"muted\">Each value's share of the dimension's total, its count"
                        + " in brackets.</p>\n<div class=\"charts\">\n");
        for (Map.Entry<String, Map<String, Long>> e : audit.counts().entrySet()) {
            if (!FIGURES.contains(e.getKey())) {
                page.append("<div><h3>")
                        .append(html(title(e.getKey())))
                        .append("</h3>\n")
                        .append(chart(e.getKey(), e.getValue()))
                        .append("</div>\n");
            }
        }
        page.append("</div>\n");
        if (!history.isEmpty()) {
            page.append("<h2>History</h2>\n<table>\n")
                    .append(Page.row(
                            "<tr>",
                            th("audit"),
                            th("at"),
                            th("trigger"),
                            th("documents"),
                            th("chunks"),
                            th("added"),
                            th("updated"),
                            th("deleted"),
                            th("erased")));
            for (AuditRecord a : history) {
                page.append(Page.row(
                        "<tr>",
                        "<td class=\"id\">" + html(a.auditId()) + "</td>",
                        Page.cell(a.createdAt()),
                        Page.cell(a.trigger()),
                        num(a.documents()),
                        num(a.chunks()),
                        num(a.changes().added()),
                        num(a.changes().updated()),
                        num(a.changes().deleted()),
                        num(a.changes().erased())));
            }
            page.append("</table>\n");
        }
        return Page.close(page);
    }

    /** One dimension as bars of each value's share, the largest first, the tail beyond {@link #MAX_BARS} as "other". */
    static String chart(String dimension, Map<String, Long> values) {
        long total = values.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(values.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Svg.Bar> bars = new ArrayList<>();
        long other = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Map.Entry<String, Long> v = sorted.get(i);
            if (i < MAX_BARS) {
                bars.add(bar(v.getKey(), v.getValue(), total));
            } else {
                other += v.getValue();
            }
        }
        if (other > 0) {
            bars.add(bar("(other)", other, total));
        }
        return Svg.bars(title(dimension) + " (share of " + total + ")", bars);
    }

    private static Svg.Bar bar(String label, long count, long total) {
        return new Svg.Bar(
                label + " (" + count + ")", total == 0 ? 0 : (double) count / total, null, null, Svg.OTHER_COLOR);
    }

    private static String th(String text) {
        return "<th>" + html(text) + "</th>";
    }

    private static String num(long v) {
        return "<td class=\"num\">" + v + "</td>";
    }
}
