package io.ragplatform.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve (Mann-Whitney U with mid-ranks for ties): P(score of a positive > score of a negative), a
 * tie counting half; and the balanced accuracy of a threshold. Pure and deterministic.
 */
public final class Auroc {
    private Auroc() {}

    /** The AUROC of {@code scores} for the labels {@code positive}; NaN without a positive or without a negative. */
    public static double of(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> scores[i]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = mid;
            }
            i = j + 1;
        }
        long pos = 0;
        double rankSum = 0;
        for (int k = 0; k < n; k++) {
            if (positive[k]) {
                pos++;
                rankSum += rank[k];
            }
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** The best balanced accuracy over thresholds "score >= t is positive", and that t: {accuracy, threshold}. */
    public static double[] bestBalancedAccuracy(double[] scores, boolean[] positive) {
        double[] ts = scores.clone();
        Arrays.sort(ts);
        double best = 0;
        double bestT = 0;
        for (double t : ts) {
            double ba = balancedAccuracy(scores, positive, t);
            if (ba > best) {
                best = ba;
                bestT = t;
            }
        }
        return new double[] {best, bestT};
    }

    /** The balanced accuracy of "score at or above t is positive"; NaN without a positive or without a negative. */
    public static double balancedAccuracy(double[] scores, boolean[] positive, double t) {
        int tp = 0;
        int p = 0;
        int tn = 0;
        int q = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                p++;
                tp += scores[i] >= t ? 1 : 0;
            } else {
                q++;
                tn += scores[i] < t ? 1 : 0;
            }
        }
        return p == 0 || q == 0 ? Double.NaN : 0.5 * ((double) tp / p + (double) tn / q);
    }

    /**
     * The AUROC and its 95% stratified percentile bootstrap interval ({@link Bootstrap#DEFAULT_RESAMPLES} resamples,
     * {@link Bootstrap#DEFAULT_SEED}): positives and negatives are each redrawn with replacement, so every resample
     * has both.
     *
     * @throws IllegalArgumentException without a positive or a negative, or for a non-finite score
     */
    public static ConfidenceInterval ci(double[] scores, boolean[] positive) {
        return stratified(scores, positive, Auroc::of);
    }

    /**
     * The balanced accuracy of "score at or above t is positive", with its interval as in {@link #ci}.
     *
     * @throws IllegalArgumentException without a positive or a negative, or for a non-finite score
     */
    public static ConfidenceInterval balancedAccuracyCi(double[] scores, boolean[] positive, double t) {
        return stratified(scores, positive, (s, p) -> balancedAccuracy(s, p, t));
    }

    /** A statistic of labelled scores. */
    private interface Statistic {
        double of(double[] scores, boolean[] positive);
    }

    private static ConfidenceInterval stratified(double[] scores, boolean[] positive, Statistic statistic) {
        int pos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("non-finite score " + scores[i]);
            }
            pos += positive[i] ? 1 : 0;
        }
        int neg = scores.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("an AUROC needs positives and negatives: " + pos + " and " + neg);
        }
        double[] p = new double[pos];
        double[] q = new double[neg];
        for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
            if (positive[i]) {
                p[a++] = scores[i];
            } else {
                q[b++] = scores[i];
            }
        }
        java.util.Random random = new java.util.Random(Bootstrap.DEFAULT_SEED);
        double[] labelled = new double[scores.length];
        boolean[] labels = new boolean[scores.length];
        Arrays.fill(labels, 0, pos, true);
        double[] aurocs = new double[Bootstrap.DEFAULT_RESAMPLES];
        for (int r = 0; r < aurocs.length; r++) {
            for (int i = 0; i < pos; i++) {
                labelled[i] = p[random.nextInt(pos)];
            }
            for (int i = 0; i < neg; i++) {
                labelled[pos + i] = q[random.nextInt(neg)];
            }
            aurocs[r] = statistic.of(labelled, labels);
        }
        Arrays.sort(aurocs);
        return new ConfidenceInterval(
                statistic.of(scores, positive), Bootstrap.quantile(aurocs, 0.025), Bootstrap.quantile(aurocs, 0.975));
    }
}
