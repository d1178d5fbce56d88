package io.ragplatform.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of a rendered page as text, for a golden file that survives a changed colour or pixel: its title, the
 * sections, headings and folded details in order, each table's caption, column headers and row headers, each chart's
 * label, and the number of charts. Cell values and SVG shapes are left out; the Markdown golden files pin the numbers.
 */
final class HtmlOutline {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");
    private static final Pattern CLASS = Pattern.compile("\\sclass=\"([^\"]*)\"");
    private static final Pattern LABEL = Pattern.compile("\\saria-label=\"([^\"]*)\"");
    private static final Pattern VIEW_BOX = Pattern.compile("\\sviewBox=\"([^\"]*)\"");

    private HtmlOutline() {}

    static String of(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = TAG.matcher(html);
        int depth = 0;
        int svgs = 0;
        int tables = 0;
        // the element whose text is being collected (a heading, caption, summary or header cell), or null
        String collecting = null;
        StringBuilder text = new StringBuilder();
        boolean inSvg = false;
        List<String> columns = null;
        List<String> rows = null;
        boolean firstRow = false;
        boolean rowHeader = false;
        int last = 0;
        while (m.find()) {
            if (collecting != null) {
                text.append(html, last, m.start());
            }
            last = m.end();
            boolean close = !m.group(1).isEmpty();
            String name = m.group(2).toLowerCase(Locale.ROOT);
            String attrs = m.group(3);
            if (inSvg) {
                inSvg = !(close && name.equals("svg"));
                continue;
            }
            if (collecting != null && close && name.equals(collecting)) {
                String t = unescape(text.toString().strip());
                if (name.equals("th")) {
                    (rowHeader ? rows : columns).add(t);
                } else {
                    out.add(indent(depth) + name + ": " + t);
                }
                collecting = null;
                continue;
            }
            if (collecting != null) {
                continue;
            }
            switch (close ? "/" + name : name) {
                case "title", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary" -> {
                    collecting = name;
                    text.setLength(0);
                }
                case "section", "details" -> {
                    out.add(indent(depth) + name + attr(ID, attrs, "#") + (attrs.contains(" open") ? " open" : ""));
                    depth++;
                }
                case "/section", "/details" -> depth--;
                case "table" -> {
                    tables++;
                    out.add(indent(depth) + "table" + attr(CLASS, attrs, "."));
                    depth++;
                    columns = new ArrayList<>();
                    rows = new ArrayList<>();
                    firstRow = true;
                }
                case "/tr" -> firstRow = false;
                case "th" -> {
                    rowHeader = attrs.contains("scope=\"row\"");
                    if (rowHeader || firstRow) {
                        collecting = name;
                        text.setLength(0);
                    }
                }
                case "/table" -> {
                    if (!columns.isEmpty()) {
                        out.add(indent(depth) + "columns: " + String.join(" | ", columns));
                    }
                    if (!rows.isEmpty()) {
                        out.add(indent(depth) + "rows: " + String.join(" | ", rows));
                    }
                    depth--;
                    columns = null;
                    rows = null;
                }
                case "svg" -> {
                    svgs++;
                    inSvg = true;
                    out.add(indent(depth) + "svg " + attr(VIEW_BOX, attrs, "") + " \"" + attr(LABEL, attrs, "") + "\"");
                }
                default -> {}
            }
        }
        out.add("tables: " + tables);
        out.add("svgs: " + svgs);
        return String.join("\n", out) + "\n";
    }

    private static String attr(Pattern p, String attrs, String prefix) {
        Matcher m = p.matcher(attrs);
        return m.find() ? prefix + m.group(1) : "";
    }

    private static String indent(int depth) {
        return "  ".repeat(Math.max(0, depth));
    }

    /** Tags inside a heading dropped, the few entities the renderers write turned back into characters. */
    private static String unescape(String s) {
        return s.replaceAll("<[^>]*>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
