package io.ragplatform.ingest.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MinHashTest {
    private static final MinHash MINHASH = new MinHash(NearDuplicateOptions.defaults());
    private static final String FOX = "The quick brown fox jumps over the lazy dog, twice: 2 times!";

    @Test
    void identical_texts_have_similarity_one_and_case_and_punctuation_do_not_count() {
        Signature a = MINHASH.signature(FOX);
        assertEquals(1.0, a.estimatedJaccard(MINHASH.signature(FOX)));
        assertEquals(a, MINHASH.signature("the QUICK brown fox -- jumps over the lazy dog twice 2 times"));
        assertEquals(100, a.values().length);
        assertEquals(8, a.shingles()); // 12 words, 5-word shingles
    }

    @Test
    void words_are_unicode_letter_and_digit_runs_and_cjk_runs_are_bigrams() {
        assertEquals(
                List.of("straße", "i", "ıstanbul", "café", "42"),
                Shingles.words("STRAẞE  I\tIstanbul café, 42.".replace("Istanbul", "ıstanbul")));
        assertEquals(List.of("北京", "京是", "是首", "首都", "ok", "한국", "国"), Shingles.words("北京是首都 OK 한국 国"));
    }

    @Test
    void lower_casing_does_not_depend_on_the_default_locale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            Signature turkish = MINHASH.signature("TITLE IN CAPITALS WITH AN I AND MORE");
            Locale.setDefault(Locale.ROOT);
            assertEquals(MINHASH.signature("TITLE IN CAPITALS WITH AN I AND MORE"), turkish);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void the_signature_of_a_fixed_text_is_pinned_across_runs_and_jvms() {
        long[] v = MINHASH.signature(FOX).values();
        assertEquals(GOLDEN_FIRST, v[0], "first value; a change here changes every stored signature");
        assertEquals(GOLDEN_LAST, v[99]);
        assertEquals(GOLDEN_SHINGLE, Shingles.hash("fox"));
    }

    private static final long GOLDEN_FIRST = 92713395541922925L;
    private static final long GOLDEN_LAST = 135938176551846274L;
    private static final long GOLDEN_SHINGLE = -7854895320768903824L;

    @Test
    void fewer_words_than_the_shingle_size_are_one_shingle_and_no_words_none() {
        assertEquals(1, MINHASH.signature("two words").shingles());
        assertEquals(0, MINHASH.signature(" ,.; ").shingles());
        Signature empty = MINHASH.signature("");
        assertEquals(0.0, empty.estimatedJaccard(empty), "an empty text duplicates nothing");
        assertNotEquals(1.0, MINHASH.signature("two words").estimatedJaccard(MINHASH.signature("two other")));
    }

    @Test
    void the_byte_encoding_round_trips_and_is_versioned() {
        Signature s = MINHASH.signature(FOX);
        byte[] bytes = s.toBytes();
        assertEquals(16 + 8 * 100, bytes.length);
        assertEquals(Signature.VERSION, bytes[0]);
        assertEquals(s, Signature.fromBytes(bytes));
        assertArrayEquals(bytes, Signature.fromBytes(bytes).toBytes());
        bytes[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> Signature.fromBytes(bytes));
        assertThrows(IllegalArgumentException.class, () -> Signature.fromBytes(new byte[] {1, 5}));
    }

    @Test
    void signatures_of_other_options_cannot_be_compared() {
        Signature other = new MinHash(new NearDuplicateOptions(5, 20, 5, 7, 0.8)).signature(FOX);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> other.estimatedJaccard(MINHASH.signature(FOX)));
        assertTrue(e.getMessage().contains("different options"), e.getMessage());
    }

    @Test
    void the_permutation_is_a_b_x_mod_the_mersenne_prime() {
        long p = MinHash.PRIME;
        assertEquals(7, MinHash.permute(2, 1, 3));
        assertEquals(0, MinHash.permute(p - 1, 1, 1)); // (p - 1) + 1 = p
        java.math.BigInteger big = java.math.BigInteger.valueOf(p - 2)
                .multiply(java.math.BigInteger.valueOf(p - 3))
                .add(java.math.BigInteger.valueOf(p - 4))
                .mod(java.math.BigInteger.valueOf(p));
        assertEquals(big.longValueExact(), MinHash.permute(p - 2, p - 4, p - 3));
    }

    @Test
    void options_are_validated_with_clear_messages() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> NearDuplicateOptions.defaults().withThreshold(1.5));
        assertTrue(e.getMessage().contains("threshold must be above 0 and at most 1, was 1.5"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> NearDuplicateOptions.defaults().withThreshold(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> NearDuplicateOptions.defaults().withThreshold(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateOptions(0, 20, 5, 1, 0.8));
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateOptions(5, 0, 5, 1, 0.8));
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateOptions(5, 100, 100, 1, 0.8));
    }

    @Test
    void the_s_curve_finds_pairs_at_the_threshold_and_few_unrelated_ones() {
        NearDuplicateOptions o = NearDuplicateOptions.defaults();
        assertEquals(0.9996, o.candidateProbability(0.8), 1e-4);
        assertEquals(0.4701, o.candidateProbability(0.5), 1e-4);
        assertEquals(0.0475, o.candidateProbability(0.3), 1e-4);
        assertTrue(o.candidateProbability(0.1) < 1e-3);
    }
}
