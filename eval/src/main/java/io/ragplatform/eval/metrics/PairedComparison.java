package io.ragplatform.eval.metrics;

import java.util.Objects;

/**
 * A candidate run against a base run on the same queries ({@link Bootstrap#compare}).
 *
 * <p>{@code significant} holds exactly when {@code pValue < }{@link #ALPHA}; {@code regression} exactly when the
 * difference is significant and {@code delta < 0}. The constructor rejects any other combination.
 *
 * @param delta mean over queries of {@code candidate - base}
 * @param deltaInterval 95% percentile bootstrap interval of that mean ({@code deltaInterval.mean() == delta})
 * @param pValue two-sided p-value of the paired randomization (sign-flip) test, in (0, 1]
 * @param significant {@code pValue < 0.05}
 * @param regression significant and worse
 */
public record PairedComparison(
        double delta, ConfidenceInterval deltaInterval, double pValue, boolean significant, boolean regression) {
    /** The significance level. */
    public static final double ALPHA = 0.05;

    public PairedComparison {
        Objects.requireNonNull(deltaInterval, "deltaInterval");
        if (!(pValue > 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("p-value must be in (0, 1], was " + pValue);
        }
        if (significant != pValue < ALPHA || regression != (significant && delta < 0)) {
            throw new IllegalArgumentException(
                    "significant/regression disagree with delta " + delta + " and p-value " + pValue);
        }
    }

    /** The comparison with {@code significant} and {@code regression} derived from the delta and p-value. */
    static PairedComparison of(ConfidenceInterval deltaInterval, double pValue) {
        boolean significant = pValue < ALPHA;
        double delta = deltaInterval.mean();
        return new PairedComparison(delta, deltaInterval, pValue, significant, significant && delta < 0);
    }
}
