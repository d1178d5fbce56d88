package io.ragplatform.eval.grounded;

import java.util.Arrays;
import java.util.Comparator;

/** Area under the ROC curve (Mann-Whitney U with mid-ranks for ties): P(score of a positive > score of a negative). */
final class Auroc {
    private Auroc() {}

    static double of(double[] scores, boolean[] positive) {
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
    static double[] bestBalancedAccuracy(double[] scores, boolean[] positive) {
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

    static double balancedAccuracy(double[] scores, boolean[] positive, double t) {
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
}
