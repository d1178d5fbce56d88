package io.ragplatform.eval.metrics;

/**
 * A sample mean and its 95% bootstrap confidence interval ({@link Bootstrap#ci}). {@code low <= high} always holds;
 * a percentile interval need not contain the mean, though it nearly always does.
 *
 * @param mean the mean of the per-query values
 * @param low the 2.5th percentile of the bootstrap means
 * @param high the 97.5th percentile of the bootstrap means
 */
public record ConfidenceInterval(double mean, double low, double high) {
    public ConfidenceInterval {
        if (!Double.isFinite(mean) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("interval must be finite: " + mean + " [" + low + ", " + high + "]");
        }
        if (low > high) {
            throw new IllegalArgumentException("interval low " + low + " above high " + high);
        }
    }

    /** {@code high - low}. */
    public double width() {
        return high - low;
    }

    /** Whether {@code low <= value <= high}. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
