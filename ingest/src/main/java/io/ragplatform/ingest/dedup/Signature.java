package io.ragplatform.ingest.dedup;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A text's MinHash signature: for each of the permutations, the least permuted hash of its shingles (values below
 * 2^61 - 1), with the number of distinct shingles and the shingle size and seed it was made with. A text without
 * words has {@code shingles == 0} and is nobody's near-duplicate.
 */
public record Signature(int shingleSize, long seed, int shingles, long[] values) {
    /** The first byte of {@link #toBytes()}. */
    public static final byte VERSION = 1;

    private static final int HEADER = 1 + 1 + 8 + 4 + 2;

    public Signature {
        if (shingleSize < 1 || shingles < 0 || values.length == 0) {
            throw new IllegalArgumentException("not a signature: shingle size " + shingleSize + ", " + shingles
                    + " shingles, " + values.length + " values");
        }
        values = values.clone();
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    /**
     * The share of permutations whose minima agree: an unbiased estimate of the Jaccard similarity of the two
     * shingle sets (standard error sqrt(s(1-s)/k) for k permutations, 0.04 at 0.8 with the default 100). 0 when
     * either text has no shingle.
     */
    public double estimatedJaccard(Signature other) {
        if (other.shingleSize != shingleSize || other.seed != seed || other.values.length != values.length) {
            throw new IllegalArgumentException(
                    "signatures of different options cannot be compared: " + describe() + " and " + other.describe());
        }
        if (shingles == 0 || other.shingles == 0) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == other.values[i]) {
                same++;
            }
        }
        return (double) same / values.length;
    }

    int permutations() {
        return values.length;
    }

    long value(int i) {
        return values[i];
    }

    /**
     * Version 1, big-endian: version byte, shingle size (byte), seed (long), shingle count (int), number of values
     * (unsigned short), then the values (longs): 16 + 8k bytes.
     */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 8 * values.length);
        b.put(VERSION).put((byte) shingleSize).putLong(seed).putInt(shingles).putShort((short) values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** The signature {@link #toBytes()} wrote; IllegalArgumentException for another version or a wrong length. */
    public static Signature fromBytes(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " signature (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int size = b.get() & 0xFF;
        long seed = b.getLong();
        int shingles = b.getInt();
        int k = b.getShort() & 0xFFFF;
        if (bytes.length != HEADER + 8 * k) {
            throw new IllegalArgumentException(
                    "a signature of " + k + " values is " + (HEADER + 8 * k) + " bytes, not " + bytes.length);
        }
        long[] values = new long[k];
        for (int i = 0; i < k; i++) {
            values[i] = b.getLong();
        }
        return new Signature(size, seed, shingles, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s
                && s.shingleSize == shingleSize
                && s.seed == seed
                && s.shingles == shingles
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + shingles;
    }

    @Override
    public String toString() {
        return "Signature[" + describe() + ", " + shingles + " shingles]";
    }

    private String describe() {
        return values.length + " permutations of " + shingleSize + "-word shingles, seed " + seed;
    }
}
