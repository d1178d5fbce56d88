package io.ragplatform.ingest.dedup;

/**
 * The near-duplicate detector's parameters: word {@code shingleSize}-grams, {@code bands} × {@code rows} MinHash
 * permutations drawn from {@code seed}, and the estimated-Jaccard {@code threshold} a candidate must reach.
 *
 * <p>A pair of texts whose shingle sets have Jaccard similarity {@code s} becomes an LSH candidate with probability
 * {@code 1 - (1 - s^rows)^bands} ({@link #candidateProbability}). The defaults, 20 bands × 5 rows = 100 permutations,
 * find a pair at 0.8 with probability 0.9996 (0.975 at 0.7, 0.47 at 0.5, 0.05 at 0.3); datatrove's 14 × 8 would find
 * only 0.92 of the pairs at 0.8 and is tuned for a lower threshold. Signatures made with different shingle sizes,
 * permutation counts or seeds cannot be compared.
 */
public record NearDuplicateOptions(int shingleSize, int bands, int rows, long seed, double threshold) {
    /** Words a shingle holds by default (as datatrove's 5-grams). */
    public static final int SHINGLE_SIZE = 5;

    public static final int BANDS = 20;
    public static final int ROWS = 5;
    /** The permutations' fixed seed: changing it changes every signature (and so the encoding's meaning). */
    public static final long SEED = 0x5EED_11_2026L;
    /** {@code rag.governance.near-duplicate-threshold}'s default. */
    public static final double THRESHOLD = 0.8;

    /** At most this many permutations (a signature's size grows with them). */
    public static final int MAX_PERMUTATIONS = 1024;

    public NearDuplicateOptions {
        if (shingleSize < 1 || shingleSize > 64) {
            throw new IllegalArgumentException("shingle size must be 1 to 64 words, was " + shingleSize);
        }
        if (bands < 1 || rows < 1 || (long) bands * rows > MAX_PERMUTATIONS) {
            throw new IllegalArgumentException("bands and rows must be at least 1 and bands × rows at most "
                    + MAX_PERMUTATIONS + ", were " + bands + " × " + rows);
        }
        checkThreshold(threshold);
    }

    /** 5-word shingles, 20 bands × 5 rows, the fixed seed, threshold 0.8. */
    public static NearDuplicateOptions defaults() {
        return new NearDuplicateOptions(SHINGLE_SIZE, BANDS, ROWS, SEED, THRESHOLD);
    }

    /** These options with another threshold. */
    public NearDuplicateOptions withThreshold(double newThreshold) {
        return new NearDuplicateOptions(shingleSize, bands, rows, seed, newThreshold);
    }

    /** The signature's length: bands × rows. */
    public int permutations() {
        return bands * rows;
    }

    /** The probability that a pair of Jaccard similarity {@code s} shares at least one band: 1 - (1 - s^r)^b. */
    public double candidateProbability(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("a Jaccard similarity is between 0 and 1, was " + s);
        }
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    static double checkThreshold(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "the near-duplicate threshold must be above 0 and at most 1, was " + threshold);
        }
        return threshold;
    }
}
