package io.ragplatform.eval.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Number formatting and escaping shared by the renderers; locale-independent, so output never varies by machine. */
final class Fmt {
    private Fmt() {}

    /** Three decimals ({@code 0.734}); {@code -0.000} shows as {@code 0.000}. */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.equals("-0.000") ? "0.000" : s;
    }

    /** {@link #num} or an em dash for null. */
    static String num(Double v) {
        return v == null ? "—" : num(v.doubleValue());
    }

    /** Three decimals with a sign ({@code +0.012}, {@code -0.040}, {@code 0.000}). */
    static String signed(double v) {
        String s = num(v);
        return s.equals("0.000") || s.startsWith("-") ? s : "+" + s;
    }

    /** A p-value: three decimals, or {@code < 0.001}. */
    static String p(double v) {
        return v < 0.001 ? "< 0.001" : num(v);
    }

    /** An SVG coordinate: one decimal. */
    static String c(double v) {
        String s = String.format(Locale.ROOT, "%.1f", Double.isFinite(v) ? v : 0.0);
        return s.equals("-0.0") ? "0.0" : s;
    }

    /** A value clamped to [0, 1] for drawing; non-finite values draw as 0. */
    static double unit(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }

    /** Text escaped for HTML and XML content and quoted attribute values; null is empty. */
    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters other than tab, newline and carriage return are not allowed in HTML/XML
                    if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Text for a GitHub-flavoured Markdown table cell, heading, quote or list item: inline Markdown punctuation
     * (including {@code |}) and HTML's {@code < > &} are backslash-escaped, as is a leading block marker ({@code #},
     * {@code -}, {@code +}, {@code =}, {@code 1. }), and line breaks become spaces, so data can neither format the page,
     * break a table row nor inject HTML.
     */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        int digits = 0;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
            digits++;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean blockMarker = i == 0 && "#-+=".indexOf(ch) >= 0
                    || i == digits
                            && digits > 0
                            && (ch == '.' || ch == ')')
                            && (i + 1 == s.length() || s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t');
            if (blockMarker || "\\`*_[]<>|~&".indexOf(ch) >= 0) {
                out.append('\\').append(ch);
            } else if (ch == '\n' || ch == '\r' || ch == '\t') {
                out.append(' ');
            } else if (ch < 0x20) {
                out.append('\uFFFD');
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /**
     * Metric values in one line, {@code name value · name value}, each name escaped and each value emphasised with the
     * given markup: the Markdown and the HTML report write a worst query's metrics alike.
     */
    static String metricValues(
            List<MetricValue> metrics, UnaryOperator<String> escape, String strong, String strongEnd) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < metrics.size(); i++) {
            MetricValue m = metrics.get(i);
            out.append(i == 0 ? "" : " · ")
                    .append(escape.apply(m.name()))
                    .append(' ')
                    .append(strong)
                    .append(num(m.value()))
                    .append(strongEnd);
        }
        return out.toString();
    }

    /** A Markdown table row of cells that are already Markdown: {@code | a | b |} and a line break. */
    static String mdRow(Object... cells) {
        return mdRow(java.util.Arrays.asList(cells));
    }

    /** A Markdown table row of cells that are already Markdown: {@code | a | b |} and a line break. */
    static String mdRow(List<?> cells) {
        StringBuilder row = new StringBuilder("|");
        for (Object cell : cells) {
            row.append(' ').append(cell).append(" |");
        }
        return row.append('\n').toString();
    }

    /** A Markdown link to that URL with escaped text; the URL's spaces, parentheses and angle brackets are encoded. */
    static String mdLink(String text, String url) {
        String safe = url.replace(" ", "%20")
                .replace("(", "%28")
                .replace(")", "%29")
                .replace("<", "%3C")
                .replace(">", "%3E")
                .replace("|", "%7C");
        return "[" + md(text) + "](" + safe + ")";
    }

    /**
     * A text bar of the value in [0, 1] scaled to {@code width} full blocks, with eighth blocks for the remainder
     * ({@code 0.55} at width 8 is {@code ████▍}).
     */
    static String textBar(double value, int width) {
        int eighths = (int) Math.round(unit(value) * width * 8);
        StringBuilder out = new StringBuilder();
        out.append("█".repeat(eighths / 8));
        if (eighths % 8 > 0) {
            out.append("▏▎▍▌▋▊▉".charAt(eighths % 8 - 1));
        }
        return out.toString();
    }

    /** One block character per count, its height relative to the largest ({@code ▁▃█}); a 0 count is a space. */
    static String sparkline(java.util.List<Integer> counts) {
        int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (int count : counts) {
            out.append(count == 0 || max == 0 ? ' ' : "▁▂▃▄▅▆▇█".charAt((int) Math.ceil(count * 8.0 / max) - 1));
        }
        return out.toString();
    }

    /**
     * One block character per value, scaled between the lowest and the highest value ({@code ▁} to {@code █}, all
     * {@code ▄} when they are equal), so small changes show; a null value is a space.
     */
    static String trendline(java.util.List<Double> values) {
        double min = values.stream()
                .filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(0);
        double max = values.stream()
                .filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        StringBuilder out = new StringBuilder();
        for (Double v : values) {
            if (v == null) {
                out.append(' ');
            } else {
                int level = max > min ? (int) Math.round((v - min) / (max - min) * 7) : 3;
                out.append("▁▂▃▄▅▆▇█".charAt(level));
            }
        }
        return out.toString();
    }

    /**
     * Percent-encodes the UTF-8 bytes of every character but the unreserved ones ({@code A-Z a-z 0-9 - . _ ~}), so
     * the result is safe as a path segment and as a query value.
     */
    static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
