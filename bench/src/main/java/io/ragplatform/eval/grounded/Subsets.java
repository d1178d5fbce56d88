package io.ragplatform.eval.grounded;

import io.ragplatform.eval.grounded.BenchData.Example;
import io.ragplatform.eval.metrics.Auroc;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's figures over one dataset of the examples, or one split of it ({@code split} null: both halves). The
 * scores are indexed like the examples.
 */
final class Subsets {
    private Subsets() {}

    /** The scores and labels of a subset, in example order. */
    private record Selected(double[] scores, boolean[] supported) {}

    static boolean in(Example e, String dataset, String split) {
        return e.dataset().equals(dataset) && (split == null || e.split().equals(split));
    }

    /** With {@code rows}, each example stands {@link Example#weight()} times (the labelled rows it folds). */
    private static Selected select(List<Example> ex, double[] scores, String dataset, String split, boolean rows) {
        return select(ex, scores, e -> in(e, dataset, split), rows);
    }

    private static Selected select(
            List<Example> ex, double[] scores, java.util.function.Predicate<Example> which, boolean rows) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < ex.size(); i++) {
            Example e = ex.get(i);
            if (which.test(e)) {
                for (int k = 0; k < (rows ? e.weight() : 1); k++) {
                    idx.add(i);
                }
            }
        }
        double[] s = new double[idx.size()];
        boolean[] p = new boolean[idx.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = scores[idx.get(k)];
            p[k] = ex.get(idx.get(k)).grounded();
        }
        return new Selected(s, p);
    }

    static double auroc(List<Example> ex, double[] scores, String dataset, String split, boolean rows) {
        Selected s = select(ex, scores, dataset, split, rows);
        return Auroc.of(s.scores(), s.supported());
    }

    /** The threshold of the best balanced accuracy over the examples {@code which} selects. */
    static double bestThreshold(List<Example> ex, double[] scores, java.util.function.Predicate<Example> which) {
        Selected s = select(ex, scores, which, false);
        return Auroc.bestBalancedAccuracy(s.scores(), s.supported())[1];
    }

    /** At the default threshold, over both halves. */
    static double balancedAccuracy(List<Example> ex, double[] scores, String dataset) {
        return balancedAccuracy(ex, scores, dataset, null, SupportScorers.DEFAULT_THRESHOLD);
    }

    static double balancedAccuracy(List<Example> ex, double[] scores, String dataset, String split, double threshold) {
        Selected s = select(ex, scores, dataset, split, false);
        return Auroc.balancedAccuracy(s.scores(), s.supported(), threshold);
    }

    /** The share of supported answers at or above the default threshold, or of unsupported ones below it. */
    static double rate(List<Example> ex, double[] scores, String dataset, boolean supported) {
        int n = 0;
        int hit = 0;
        for (int i = 0; i < ex.size(); i++) {
            Example e = ex.get(i);
            if (in(e, dataset, null) && e.grounded() == supported) {
                n++;
                hit += (scores[i] >= SupportScorers.DEFAULT_THRESHOLD) == supported ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) hit / n;
    }

    /** "supported/not": examples, or with {@code rows} the labelled rows they stand for. */
    static String counts(List<Example> ex, String dataset, String split, boolean rows) {
        long pos = 0;
        long neg = 0;
        for (Example e : ex) {
            if (in(e, dataset, split)) {
                int n = rows ? e.weight() : 1;
                if (e.grounded()) {
                    pos += n;
                } else {
                    neg += n;
                }
            }
        }
        return pos + "/" + neg;
    }
}
