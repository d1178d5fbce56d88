package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.html;

/** The skeleton of a self-contained HTML5 report page: doctype, charset, language, one small inline style sheet. */
final class Page {
    static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#fff;\
            max-width:1280px;margin:0 auto;padding:1rem 1.5rem 3rem}
            h1{font-size:1.45rem;margin:.3rem 0 .5rem}
            h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
            h3{font-size:1rem;margin:1.4rem 0 .3rem}
            table{border-collapse:collapse;margin:.4rem 0 .8rem}
            caption{text-align:left;font-weight:600;padding:.2rem 0}
            th,td{border:1px solid #d6d6d6;padding:.2rem .5rem;text-align:left;vertical-align:top}
            th{background:#f3f3f3}
            .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .id,code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
            .id{overflow-wrap:anywhere}
            pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f7f7;padding:.5rem;margin:.3rem 0}
            .muted{color:#666}
            .charts{display:flex;flex-wrap:wrap;gap:.8rem}
            svg.chart{max-width:100%;height:auto}
            .side{display:flex;flex-wrap:wrap;gap:1.2rem;align-items:flex-start}
            .query{font-size:1.05em;background:#f7f7f7;border-left:3px solid #3465a4;padding:.3rem .6rem;margin:.3rem 0}
            .hit{background:#e2f3e6}
            .miss,.unsupported{background:#fbe4e1}
            .regression{background:#fbe4e1;font-weight:600}
            .improvement{background:#e2f3e6}
            .differs{background:#fff3cd}
            .warn{background:#fff3cd;border:1px solid #e0c36a;padding:.4rem .8rem;margin:.6rem 0}
            .warn ul{margin:.2rem 0;padding-left:1.2rem}
            nav a{margin-right:1rem}
            details{margin:.3rem 0}
            summary{cursor:pointer}
            """;

    private Page() {}

    /** Everything up to and including {@code <body>}. */
    static StringBuilder open(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(html(title))
                .append("</title>\n")
                .append("<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
    }

    /** Closes the page opened by {@link #open}. */
    static String close(StringBuilder page) {
        return page.append("</body>\n</html>\n").toString();
    }

    /** A link of an ID, in the ID style. */
    static String idLink(String url, String id) {
        return "<a class=\"id\" href=\"" + html(url) + "\">" + html(id) + "</a>";
    }

    /** A table row: its opening tag (with the row's class, if any) and its cells, each already markup. */
    static String row(String open, String... cells) {
        return row(open, java.util.Arrays.asList(cells));
    }

    /** A table row: its opening tag (with the row's class, if any) and its cells, each already markup. */
    static String row(String open, java.util.List<String> cells) {
        return open + String.join("", cells) + "</tr>\n";
    }

    /** A row's header cell of text. */
    static String rowHeader(String text) {
        return "<th scope=\"row\">" + html(text) + "</th>";
    }

    /** A table cell of text. */
    static String cell(String text) {
        return markupCell(html(text));
    }

    /** A table cell of markup whose text is already escaped. */
    static String markupCell(String markup) {
        return "<td>" + markup + "</td>";
    }

    /** A table cell of a number, right-aligned. */
    static String numCell(String formatted) {
        return "<td class=\"num\">" + html(formatted) + "</td>";
    }
}
