package io.ragplatform.eval.metrics;

import java.util.Arrays;
import java.util.Random;

/**
 * Bootstrap confidence intervals and paired significance over per-query values.
 *
 * <p>Results depend only on the values, their order, the number of resamples and the seed: the random source is
 * {@link java.util.Random}, whose algorithm the Java specification fixes, so the same call gives the same result on
 * every run, machine and JDK. Callers that want results independent of input order pass values in a fixed order
 * (e.g. by query ID, as {@link RunSummary} does). Pure and thread-safe.
 */
public final class Bootstrap {
    /** Resamples used when none are given. */
    public static final int DEFAULT_RESAMPLES = 1000;
    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;

    private static final double LOW_QUANTILE = 0.025;
    private static final double HIGH_QUANTILE = 0.975;

    private Bootstrap() {}

    /** {@link #ci(double[], int, long)} with {@link #DEFAULT_RESAMPLES} and {@link #DEFAULT_SEED}. */
    public static ConfidenceInterval ci(double[] perQuery) {
        return ci(perQuery, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * The mean of the values and its 95% percentile bootstrap interval: {@code resamples} times, draw
     * {@code perQuery.length} values with replacement and take their mean; the bounds are the 2.5th and 97.5th
     * percentiles of those means, interpolated linearly between order statistics (numpy's default, R's type 7). A
     * constant array gives {@code low == mean == high}.
     *
     * @throws IllegalArgumentException if the array is empty or holds a non-finite value, or {@code resamples < 1}
     */
    public static ConfidenceInterval ci(double[] perQuery, int resamples, long seed) {
        check(perQuery, "values");
        checkResamples(resamples);
        return ci(perQuery, resamples, new Random(seed));
    }

    /** {@link #compare(double[], double[], int, long)} with {@link #DEFAULT_RESAMPLES} and {@link #DEFAULT_SEED}. */
    public static PairedComparison compare(double[] base, double[] candidate) {
        return compare(base, candidate, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * Candidate against base, query by query ({@code base[i]} and {@code candidate[i]} are the same query).
     *
     * <p>The delta is the mean of {@code candidate[i] - base[i]}, with its 95% percentile bootstrap interval as in
     * {@link #ci}. The p-value is that of a two-sided paired randomization test (Fisher's sign-flip test, as
     * recommended for IR by Smucker, Allan and Carterette, CIKM 2007): under the null hypothesis each difference is
     * as likely negated, so {@code p = (1 + #{resamples whose |mean of randomly signed differences| >= |delta|}) /
     * (1 + resamples)}. Identical arrays give delta 0 and p = 1. The smallest p reachable is
     * {@code 1 / (1 + resamples)}, so fewer than 20 resamples can never be significant.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty or hold a non-finite value, or
     *     {@code resamples < 1}
     */
    public static PairedComparison compare(double[] base, double[] candidate, int resamples, long seed) {
        check(base, "base");
        check(candidate, "candidate");
        if (base.length != candidate.length) {
            throw new IllegalArgumentException(
                    "paired values differ in count: base " + base.length + ", candidate " + candidate.length);
        }
        checkResamples(resamples);
        double[] diff = new double[base.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = candidate[i] - base[i];
        }
        Random random = new Random(seed);
        ConfidenceInterval interval = ci(diff, resamples, random);
        double p = signFlipPValue(diff, resamples, random);
        return PairedComparison.of(interval, p);
    }

    private static ConfidenceInterval ci(double[] values, int resamples, Random random) {
        int n = values.length;
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new ConfidenceInterval(mean(values), quantile(means, LOW_QUANTILE), quantile(means, HIGH_QUANTILE));
    }

    private static double signFlipPValue(double[] diff, int resamples, Random random) {
        double observed = 0.0;
        double scale = 0.0;
        for (double d : diff) {
            observed += d;
            scale += Math.abs(d);
        }
        observed = Math.abs(observed);
        // Flipped sums add the same magnitudes in the same order, so they differ from the observed sum only by
        // rounding; without a tolerance an all-positive flip could fall just below it.
        double threshold = observed - 1e-12 * scale;
        int atLeastAsExtreme = 0;
        for (int r = 0; r < resamples; r++) {
            double sum = 0.0;
            for (double d : diff) {
                sum += random.nextBoolean() ? d : -d;
            }
            if (Math.abs(sum) >= threshold) {
                atLeastAsExtreme++;
            }
        }
        return (atLeastAsExtreme + 1.0) / (resamples + 1.0);
    }

    static double mean(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Linear interpolation between the order statistics of a sorted array. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void check(double[] values, String what) {
        if (values.length == 0) {
            throw new IllegalArgumentException(what + ": no values");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + ": non-finite value " + v);
            }
        }
    }

    private static void checkResamples(int resamples) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, was " + resamples);
        }
    }
}
