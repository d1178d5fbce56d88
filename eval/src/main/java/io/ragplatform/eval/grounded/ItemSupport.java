package io.ragplatform.eval.grounded;

import java.util.List;

/**
 * An answer's continuous support score, from the scores of its claims: unlike the supported share
 * ({@link GroundednessResult#groundedness()}), which is 0 or 1 for most short answers, it ranks answers. The default,
 * {@link Aggregate#MIN}, was chosen by measurement (docs/GROUNDEDNESS.md, "The item score"): an answer is as well
 * supported as its weakest claim.
 */
public final class ItemSupport {
    private ItemSupport() {}

    /** How claim scores combine into an answer's score. */
    public enum Aggregate {
        /** The weakest claim's score (the default). */
        MIN("weakest claim"),
        /** The mean of the claims' scores. */
        MEAN("mean of claims"),
        /** The geometric mean of the claims' scores: one weak claim pulls harder than in the mean. */
        GEOMETRIC("geometric mean"),
        /** The mean of the weakest claim's score and the mean score. */
        MIN_MEAN("mean of weakest and mean"),
        /** The share of claims at or above the threshold: the groundedness itself. */
        FRACTION("supported share");

        private final String label;

        Aggregate(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The default aggregate of the claims' scores into an answer's {@code support}. */
    public static double of(List<ClaimScore> claims) {
        double[] s = new double[claims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = claims.get(i).score();
        }
        return aggregate(Aggregate.MIN, s, 0);
    }

    /**
     * Combines claim scores in [0, 1].
     *
     * @param threshold a claim's verdict threshold (used by {@link Aggregate#FRACTION} only)
     * @throws IllegalArgumentException without scores
     */
    public static double aggregate(Aggregate aggregate, double[] scores, double threshold) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no claim scores");
        }
        double min = 1;
        double sum = 0;
        double logSum = 0;
        int supported = 0;
        for (double s : scores) {
            min = Math.min(min, s);
            sum += s;
            logSum += Math.log(Math.max(s, 1e-6));
            supported += s >= threshold ? 1 : 0;
        }
        double mean = sum / scores.length;
        return switch (aggregate) {
            case MIN -> min;
            case MEAN -> mean;
            case GEOMETRIC -> Math.exp(logSum / scores.length);
            case MIN_MEAN -> 0.5 * (min + mean);
            case FRACTION -> (double) supported / scores.length;
        };
    }
}
