package io.ragplatform.ingest.dedup;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures of texts (see {@link Shingles} for the words and shingles): each shingle's fixed 64-bit hash
 * {@code x} (FNV-1a and murmur3's finaliser over UTF-8, never {@link String#hashCode}) is reduced modulo the Mersenne
 * prime p = 2^61 - 1 and permuted by k = bands × rows universal hash functions {@code (a·x + b) mod p}, whose
 * {@code a} and {@code b} come from a {@link SplittableRandom} of the options' seed; the signature keeps each
 * function's minimum. Nothing depends on the locale, the platform charset, hash-map order or the clock: the same text
 * and options give the same signature on every JVM. Immutable and thread-safe.
 */
public final class MinHash {
    static final long PRIME = (1L << 61) - 1;

    private final NearDuplicateOptions options;
    private final long[] a;
    private final long[] b;

    public MinHash(NearDuplicateOptions options) {
        this.options = options;
        int k = options.permutations();
        a = new long[k];
        b = new long[k];
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int i = 0; i < k; i++) {
            a[i] = 1 + random.nextLong(PRIME - 1);
            b[i] = random.nextLong(PRIME);
        }
    }

    public NearDuplicateOptions options() {
        return options;
    }

    /** The text's signature. */
    public Signature signature(String text) {
        return signature(shingles(text));
    }

    /**
     * The distinct 64-bit hashes of the text's word shingles, sorted: the set a signature summarises, for an exact
     * Jaccard similarity when one is wanted ({@link #jaccard}).
     */
    public long[] shingles(String text) {
        return Shingles.hashes(text, options.shingleSize());
    }

    /** The exact Jaccard similarity of two sorted sets of shingle hashes ({@link #shingles}); 0 if either is empty. */
    public static double jaccard(long[] x, long[] y) {
        if (x.length == 0 || y.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < x.length && j < y.length) {
            int c = Long.compare(x[i], y[j]);
            if (c == 0) {
                common++;
            }
            if (c <= 0) {
                i++;
            }
            if (c >= 0) {
                j++;
            }
        }
        return (double) common / (x.length + y.length - common);
    }

    /**
     * The signature of a set of shingle hashes ({@link #shingles}): {@code signature(shingles(text))} is
     * {@code signature(text)}, for a caller that also keeps the set (to verify candidates exactly).
     */
    public Signature signature(long[] shingles) {
        long[] min = new long[a.length];
        Arrays.fill(min, PRIME);
        for (long h : shingles) {
            long x = reduce((h >>> 61) + (h & PRIME));
            for (int i = 0; i < a.length; i++) {
                long v = permute(a[i], b[i], x);
                if (v < min[i]) {
                    min[i] = v;
                }
            }
        }
        return new Signature(options.shingleSize(), options.seed(), shingles.length, min);
    }

    /** (a·x + b) mod 2^61 - 1 for a, x, b below 2^61 - 1, on the 128-bit product. */
    static long permute(long a, long b, long x) {
        long lo = a * x;
        long hi = Math.multiplyHigh(a, x);
        long folded = (lo & PRIME) + ((lo >>> 61) | (hi << 3));
        return reduce(reduce(folded) + b);
    }

    /** v mod 2^61 - 1 for 0 ≤ v < 2^63. */
    private static long reduce(long v) {
        long r = (v & PRIME) + (v >>> 61);
        return r >= PRIME ? r - PRIME : r;
    }
}
