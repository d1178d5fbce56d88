package io.ragplatform.eval.report;

import io.ragplatform.eval.report.RunReport.AnswerGroundedness;
import io.ragplatform.eval.report.RunReport.Reliability;
import io.ragplatform.eval.report.RunReport.ReliabilityBin;
import java.util.ArrayList;
import java.util.List;

/** The {@link Reliability} of a run's judged answers: labelled ones with a support score, in ten bins of support. */
final class ReliabilityBins {
    static final int BINS = 10;

    private ReliabilityBins() {}

    /** A bin's support range: {@code [0.8, 0.9)}, the last {@code [0.9, 1.0]}. */
    static String range(ReliabilityBin b) {
        return String.format(java.util.Locale.ROOT, "[%.1f, %.1f%s", b.low(), b.high(), b.high() >= 1 ? "]" : ")");
    }

    /** The answers' reliability, or null when none is both labelled and scored. */
    static Reliability of(List<AnswerGroundedness> answers) {
        int[] count = new int[BINS];
        int[] supported = new int[BINS];
        double[] sum = new double[BINS];
        int total = 0;
        int totalSupported = 0;
        for (AnswerGroundedness a : answers) {
            if (a.label() == null || a.support() == null) {
                continue;
            }
            double v = Math.max(0, Math.min(1, a.support()));
            int bin = Math.min(BINS - 1, (int) Math.floor(v * BINS));
            count[bin]++;
            sum[bin] += v;
            total++;
            if (a.label()) {
                supported[bin]++;
                totalSupported++;
            }
        }
        if (total == 0) {
            return null;
        }
        List<ReliabilityBin> bins = new ArrayList<>(BINS);
        for (int i = 0; i < BINS; i++) {
            bins.add(new ReliabilityBin(
                    (double) i / BINS,
                    (double) (i + 1) / BINS,
                    count[i],
                    supported[i],
                    count[i] == 0 ? null : sum[i] / count[i]));
        }
        return new Reliability(total, totalSupported, bins);
    }
}
