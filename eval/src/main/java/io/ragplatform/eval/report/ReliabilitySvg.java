package io.ragplatform.eval.report;

import static io.ragplatform.eval.report.Fmt.c;
import static io.ragplatform.eval.report.Fmt.html;
import static io.ragplatform.eval.report.Fmt.num;

import io.ragplatform.eval.report.RunReport.Reliability;
import io.ragplatform.eval.report.RunReport.ReliabilityBin;

/**
 * A reliability diagram: for each non-empty bin of support, a point at (mean support, share labelled supported),
 * its area growing with the bin's answers, over the diagonal a calibrated score would follow.
 */
final class ReliabilitySvg {
    private static final int WIDTH = 420;
    private static final int HEIGHT = 340;
    private static final double X = 56;
    private static final double W = 330;
    private static final double TOP = 30;
    private static final double H = 250;

    private ReliabilitySvg() {}

    static String of(Reliability r) {
        String title = "Reliability of support over " + r.answers() + " labelled answers";
        StringBuilder s = Svg.open(title, WIDTH, HEIGHT);
        s.append(Svg.text(WIDTH / 2.0, 16, "middle", title));
        double bottom = TOP + H;
        for (String tick : new String[] {"0", "0.5", "1"}) {
            double t = Double.parseDouble(tick);
            s.append(Svg.line(X + W * t, TOP, X + W * t, bottom, Svg.GRID));
            s.append(Svg.line(X, bottom - H * t, X + W, bottom - H * t, Svg.GRID));
            s.append(Svg.text(X + W * t, bottom + 16, "middle", tick));
            s.append(Svg.text(X - 6, bottom - H * t + 4, "end", tick));
        }
        s.append(Svg.line(X, bottom, X + W, bottom, Svg.AXIS));
        s.append(Svg.line(X, TOP, X, bottom, Svg.AXIS));
        // what a calibrated score would follow
        s.append("<line x1=\"")
                .append(c(X))
                .append("\" y1=\"")
                .append(c(bottom))
                .append("\" x2=\"")
                .append(c(X + W))
                .append("\" y2=\"")
                .append(c(TOP))
                .append("\" stroke=\"")
                .append(Svg.AXIS)
                .append("\" stroke-dasharray=\"4 4\"/>");
        int max = r.bins().stream().mapToInt(ReliabilityBin::answers).max().orElse(1);
        for (ReliabilityBin b : r.bins()) {
            if (b.answers() == 0) {
                continue;
            }
            double x = X + W * b.meanSupport();
            double y = bottom - H * b.share();
            double radius = 3 + 7 * Math.sqrt((double) b.answers() / max);
            s.append("<g><title>")
                    .append(html("support " + ReliabilityBins.range(b) + ": " + b.answers() + " answers, mean support "
                            + num(b.meanSupport()) + ", " + b.supported() + " labelled supported (" + num(b.share())
                            + ")"))
                    .append("</title><circle cx=\"")
                    .append(c(x))
                    .append("\" cy=\"")
                    .append(c(y))
                    .append("\" r=\"")
                    .append(c(radius))
                    .append("\" fill=\"")
                    .append(Svg.ANSWER_COLOR)
                    .append("\" fill-opacity=\"0.75\"/>");
            s.append(Svg.text(x, y - radius - 3, "middle", Integer.toString(b.answers())));
            s.append("</g>");
        }
        s.append(Svg.text(X + W / 2, bottom + 34, "middle", "support (mean of the bin)"));
        s.append("<text x=\"14\" y=\"")
                .append(c(TOP + H / 2))
                .append("\" text-anchor=\"middle\" fill=\"#222222\" transform=\"rotate(-90 14 ")
                .append(c(TOP + H / 2))
                .append(")\">labelled supported</text>");
        return s.append("</svg>").toString();
    }
}
