package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.c;
import static io.ragplatform.eval.report.Fmt.html;
import static io.ragplatform.eval.report.Fmt.num;
import static io.ragplatform.eval.report.Fmt.unit;

import io.ragplatform.eval.report.RunReport.Bin;
import io.ragplatform.eval.report.RunReport.Histogram;
import java.util.List;

/**
 * Inline SVG charts drawn from plain values: no script, no external resource, every text escaped. Each chart is one
 * {@code <svg role="img">} element with a {@code <title>}, sized by its viewBox so it scales down on narrow screens.
 */
final class Svg {
    private static final String DOCUMENT_COLOR = "#3465a4";
    private static final String CHUNK_COLOR = "#2a9d8f";
    static final String ANSWER_COLOR = "#d9822b";
    static final String OTHER_COLOR = "#888888";
    static final String REGRESSION_COLOR = "#c0392b";
    static final String IMPROVEMENT_COLOR = "#2e8b57";
    static final String AXIS = "#555555";
    static final String GRID = "#dddddd";
    private static final List<String> QUARTERS = List.of("0", "0.25", "0.5", "0.75", "1");
    private static final String FONT = "font-family=\"system-ui, sans-serif\" font-size=\"12\"";

    private Svg() {}

    /** The colour of a metric level. */
    static String color(String level) {
        return switch (level) {
            case RunReport.LEVEL_DOCUMENT -> DOCUMENT_COLOR;
            case RunReport.LEVEL_CHUNK -> CHUNK_COLOR;
            case RunReport.LEVEL_ANSWER -> ANSWER_COLOR;
            default -> OTHER_COLOR;
        };
    }

    /** One horizontal bar: a value in [0, 1] with an optional interval drawn as an error whisker. */
    record Bar(String label, double value, Double low, Double high, String color) {}

    /** Horizontal bars over a [0, 1] axis, each with its CI whisker and a value label. */
    static String bars(String title, List<Bar> bars) {
        double plotX = RowChart.PLOT_X;
        double plotW = RowChart.PLOT_W;
        StringBuilder s = RowChart.open(title, bars.size());
        double bottom = RowChart.bottom(bars.size());
        for (int t = 0; t <= 4; t++) {
            double x = plotX + plotW * t / 4;
            s.append(line(x, RowChart.TOP, x, bottom, GRID));
            s.append(text(x, bottom + 16, "middle", QUARTERS.get(t)));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            String interval = b.low() == null ? "" : " [" + num(b.low()) + ", " + num(b.high()) + "]";
            double mid = RowChart.openRow(s, i, b.label(), num(b.value()) + interval);
            s.append("<rect x=\"")
                    .append(c(plotX))
                    .append("\" y=\"")
                    .append(c(mid - 8))
                    .append("\" width=\"")
                    .append(c(unit(b.value()) * plotW))
                    .append("\" height=\"16\" fill=\"")
                    .append(b.color())
                    .append("\" fill-opacity=\"0.85\"/>");
            if (b.low() != null && b.high() != null) {
                whisker(s, plotX + unit(b.low()) * plotW, plotX + unit(b.high()) * plotW, mid, "#222222");
            }
            RowChart.closeRow(s, mid, num(b.value()) + interval);
        }
        s.append(line(plotX, bottom, plotX + plotW, bottom, AXIS));
        return s.append("</svg>").toString();
    }

    /** A histogram's ten bins as vertical bars with their counts, and its n and exact-0/1 counts underneath. */
    static String histogram(Histogram h) {
        Plot plot = new Plot(340, 200, 40, 280, 30, 120);
        String title = h.metric() + " over " + h.values() + " queries";
        StringBuilder s = open(title, plot.width(), plot.height());
        s.append(text(plot.width() / 2.0, 16, "middle", h.metric()));
        int max = h.bins().stream().mapToInt(Bin::count).max().orElse(0);
        s.append(line(plot.x(), plot.top(), plot.x() + plot.w(), plot.top(), GRID));
        s.append(text(plot.x() - 6, plot.top() + 4, "end", Integer.toString(max)));
        s.append(text(plot.x() - 6, plot.bottom() + 4, "end", "0"));
        double bw = plot.w() / h.bins().size();
        for (int i = 0; i < h.bins().size(); i++) {
            Bin bin = h.bins().get(i);
            double bh = max == 0 ? 0 : plot.h() * bin.count() / max;
            double x = plot.x() + i * bw;
            boolean last = i == h.bins().size() - 1;
            s.append("<g><title>")
                    .append(html(
                            "[" + num(bin.low()) + ", " + num(bin.high()) + (last ? "]" : ")") + ": " + bin.count()))
                    .append("</title>");
            s.append("<rect x=\"")
                    .append(c(x + 1))
                    .append("\" y=\"")
                    .append(c(plot.bottom() - bh))
                    .append("\" width=\"")
                    .append(c(bw - 2))
                    .append("\" height=\"")
                    .append(c(bh))
                    .append("\" fill=\"")
                    .append(color(h.level()))
                    .append("\" fill-opacity=\"0.85\"/>");
            if (bin.count() > 0) {
                s.append(text(x + bw / 2, plot.bottom() - bh - 4, "middle", Integer.toString(bin.count())));
            }
            s.append("</g>");
        }
        s.append(line(plot.x(), plot.bottom(), plot.x() + plot.w(), plot.bottom(), AXIS));
        for (String tick : List.of("0", "0.5", "1")) {
            s.append(text(plot.x() + plot.w() * Double.parseDouble(tick), plot.bottom() + 16, "middle", tick));
        }
        s.append(text(
                plot.width() / 2.0,
                plot.height() - 10,
                "middle",
                "n = " + h.values() + " · exactly 0: " + h.zeros() + " · exactly 1: " + h.ones()));
        return s.append("</svg>").toString();
    }

    /** One point of a line chart; a null value leaves a gap the line skips; a non-null mark is written above it. */
    record Point(String label, String tooltip, Double value, String mark) {}

    /**
     * A line through the points' values, left to right, on a y axis fitted to them (see {@link #yRange}); marked
     * points are larger and labelled.
     */
    static String line(String title, String color, List<Point> points) {
        Plot plot = new Plot(760, 210, 48, 680, 28, 140);
        double[] range = yRange(points.stream()
                .map(Point::value)
                .filter(java.util.Objects::nonNull)
                .toList());
        double lo = range[0];
        double span = range[1] - range[0];
        StringBuilder s = open(title, plot.width(), plot.height());
        s.append(text(plot.x(), 16, "start", title));
        double step = tickStep(span);
        for (int t = 0; lo + t * step <= range[1] + 1e-9; t++) {
            double y = plot.bottom() - scaled(lo + t * step, lo, span) * plot.h();
            s.append(line(plot.x(), y, plot.x() + plot.w(), y, t == 0 ? AXIS : GRID));
            s.append(text(plot.x() - 6, y + 4, "end", tick(lo + t * step)));
        }
        int n = points.size();
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = n == 1 ? plot.x() + plot.w() / 2 : plot.x() + 12 + (plot.w() - 24) * i / (n - 1);
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Double v = points.get(i).value();
            if (v != null) {
                path.append(path.isEmpty() ? "" : " ")
                        .append(c(xs[i]))
                        .append(',')
                        .append(c(plot.bottom() - scaled(v, lo, span) * plot.h()));
            }
        }
        if (!path.isEmpty()) {
            s.append("<polyline points=\"")
                    .append(path)
                    .append("\" fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"2\"/>");
        }
        int every = Math.max(1, (int) Math.ceil(n / 20.0));
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            if (i % every == 0 || p.mark() != null) {
                s.append(text(xs[i], plot.bottom() + 16, "middle", p.label()));
            }
            if (p.value() == null) {
                continue;
            }
            double y = plot.bottom() - scaled(p.value(), lo, span) * plot.h();
            s.append("<g><title>")
                    .append(html(p.tooltip() + ": " + num(p.value())))
                    .append("</title>");
            s.append("<circle cx=\"")
                    .append(c(xs[i]))
                    .append("\" cy=\"")
                    .append(c(y))
                    .append("\" r=\"")
                    .append(p.mark() == null ? "3.5" : "6")
                    .append("\" fill=\"")
                    .append(p.mark() == null ? color : "#ffffff")
                    .append("\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"2\"/>");
            if (p.mark() != null) {
                // labels near an edge grow inwards so they are not cut off
                String anchor = xs[i] > plot.x() + plot.w() * 0.85
                        ? "end"
                        : xs[i] < plot.x() + plot.w() * 0.15 ? "start" : "middle";
                double labelY = y < plot.top() + 14 ? y + 20 : y - 10;
                s.append(text(xs[i], labelY, anchor, p.mark() + " " + num(p.value())));
            }
            s.append("</g>");
        }
        s.append(text(plot.x() + plot.w() / 2, plot.height() - 8, "middle", "run (oldest first)"));
        return s.append("</svg>").toString();
    }

    /**
     * The y axis of a line chart: the values' range widened by 0.02 each side and rounded out to multiples of 0.05,
     * at least 0.1 wide and within [0, 1] (all of [0, 1] when there are no values), so small changes show and the
     * axis labels say how much they are.
     */
    static double[] yRange(List<Double> values) {
        if (values.isEmpty()) {
            return new double[] {0, 1};
        }
        double min = unit(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        double max = unit(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        double lo = Math.max(0, Math.floor((min - 0.02) * 20 + 1e-9) / 20);
        double hi = Math.min(1, Math.ceil((max + 0.02) * 20 - 1e-9) / 20);
        while (hi - lo < 0.1 - 1e-9) {
            if (lo > 0) {
                lo = Math.max(0, lo - 0.05);
            }
            if (hi - lo < 0.1 - 1e-9 && hi < 1) {
                hi = Math.min(1, hi + 0.05);
            }
        }
        return new double[] {lo, hi};
    }

    /** The smallest of 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25 that cuts the span into at most five steps. */
    static double tickStep(double span) {
        for (double step : new double[] {0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25}) {
            if (span / step <= 5 + 1e-9) {
                return step;
            }
        }
        return 0.25;
    }

    private static double scaled(double v, double lo, double span) {
        return Math.max(0, Math.min(1, (v - lo) / span));
    }

    /** An axis label: {@code 0}, {@code 1}, or up to three decimals without trailing zeros. */
    private static String tick(double v) {
        String s = num(v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** One metric's paired difference: the delta, its interval, and the colour it is drawn in. */
    record Delta(String label, double delta, double low, double high, String color) {}

    /** A forest plot of deltas with their intervals around a zero line, on a symmetric axis. */
    static String deltas(String title, List<Delta> rows) {
        double plotX = RowChart.PLOT_X;
        double plotW = RowChart.PLOT_W;
        double m = 0;
        for (Delta d : rows) {
            m = Math.max(m, Math.max(Math.abs(d.delta()), Math.max(Math.abs(d.low()), Math.abs(d.high()))));
        }
        double scale = niceCeil(m);
        StringBuilder s = RowChart.open(title, rows.size());
        double bottom = RowChart.bottom(rows.size());
        for (int t = -2; t <= 2; t++) {
            double x = plotX + plotW / 2 + plotW / 4 * t;
            s.append(line(x, RowChart.TOP, x, bottom, t == 0 ? AXIS : GRID));
            s.append(text(x, bottom + 16, "middle", Fmt.signed(scale * t / 2)));
        }
        for (int i = 0; i < rows.size(); i++) {
            Delta d = rows.get(i);
            double x1 = plotX + plotW / 2 + plotW / 2 * bounded(d.low() / scale);
            double x2 = plotX + plotW / 2 + plotW / 2 * bounded(d.high() / scale);
            double x = plotX + plotW / 2 + plotW / 2 * bounded(d.delta() / scale);
            String label = Fmt.signed(d.delta()) + " [" + Fmt.signed(d.low()) + ", " + Fmt.signed(d.high()) + "]";
            double mid = RowChart.openRow(s, i, d.label(), label);
            whisker(s, x1, x2, mid, d.color());
            s.append("<circle cx=\"")
                    .append(c(x))
                    .append("\" cy=\"")
                    .append(c(mid))
                    .append("\" r=\"5\" fill=\"")
                    .append(d.color())
                    .append("\"/>");
            RowChart.closeRow(s, mid, label);
        }
        return s.append("</svg>").toString();
    }

    /** The smallest of 1, 2, 5 times a power of ten at or above the value (at least 0.01). */
    static double niceCeil(double v) {
        double scale = 0.01;
        while (true) {
            for (double f : new double[] {1, 2, 5}) {
                if (f * scale >= v - 1e-12) {
                    return f * scale;
                }
            }
            scale *= 10;
        }
    }

    private static double bounded(double v) {
        return Double.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
    }

    /**
     * The layout the two row charts ({@link #bars}, {@link #deltas}) share, so that a summary and a comparison line up:
     * labels left of a 380 px plot, one 26 px row a value, the axis labels below.
     */
    /** The layout of a plot chart: the SVG's size and the plot area's left, width, top and height in it. */
    private record Plot(int width, int height, double x, double w, double top, double h) {
        /** The y of the x axis, under the plot area. */
        double bottom() {
            return top + h;
        }
    }

    private static final class RowChart {
        static final int WIDTH = 760;
        static final double PLOT_X = 190;
        static final double PLOT_W = 380;
        static final int ROW = 26;
        static final int TOP = 8;

        static StringBuilder open(String title, int rows) {
            return Svg.open(title, WIDTH, TOP + rows * ROW + 26);
        }

        /**
         * Opens row {@code i}'s group: its tooltip ({@code label: value}) and its label left of the plot. Returns the
         * row's middle y.
         */
        static double openRow(StringBuilder s, int i, String label, String value) {
            double mid = TOP + i * ROW + ROW / 2.0;
            s.append("<g><title>").append(html(label + ": " + value)).append("</title>");
            s.append(text(PLOT_X - 8, mid + 4, "end", label));
            return mid;
        }

        /** Closes a row's group with its value right of the plot. */
        static void closeRow(StringBuilder s, double mid, String value) {
            s.append(text(PLOT_X + PLOT_W + 10, mid + 4, "start", value));
            s.append("</g>");
        }

        /** The y of the axis under the last row. */
        static double bottom(int rows) {
            return TOP + rows * ROW;
        }
    }

    /** An interval as a horizontal line from x1 to x2 with a cap at each end. */
    private static void whisker(StringBuilder s, double x1, double x2, double y, String color) {
        s.append(line(x1, y, x2, y, color));
        s.append(line(x1, y - 5, x1, y + 5, color));
        s.append(line(x2, y - 5, x2, y + 5, color));
    }

    static StringBuilder open(String title, int width, int height) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(html(title))
                .append("\" ")
                .append(FONT)
                .append("><title>")
                .append(html(title))
                .append("</title>");
    }

    static String line(double x1, double y1, double x2, double y2, String stroke) {
        return "<line x1=\"" + c(x1) + "\" y1=\"" + c(y1) + "\" x2=\"" + c(x2) + "\" y2=\"" + c(y2) + "\" stroke=\""
                + stroke + "\"/>";
    }

    static String text(double x, double y, String anchor, String text) {
        return "<text x=\"" + c(x) + "\" y=\"" + c(y) + "\" text-anchor=\"" + anchor + "\" fill=\"#222222\">"
                + html(text) + "</text>";
    }
}
