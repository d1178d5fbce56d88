package io.ragplatform.ingest.dedup;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A text's words and the 64-bit hashes of its word shingles. The text is NFKC-normalised and lower-cased with
 * {@link Locale#ROOT}; a word is a run of Unicode letters, digits and combining marks. Runs of Han, Hiragana,
 * Katakana or Hangul characters are cut into overlapping character bigrams instead (a run of one character is one
 * word): Chinese and Japanese are written without spaces, and bigrams are the usual unit of CJK near-duplicate and
 * search matching. A shingle is {@code n} consecutive words; a text of fewer than {@code n} words is one shingle of
 * all its words, and a text without words has none.
 */
final class Shingles {
    private Shingles() {}

    static List<String> words(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            if (isCjk(cp)) {
                int end = i;
                while (end < t.length() && isCjk(t.codePointAt(end))) {
                    end += Character.charCount(t.codePointAt(end));
                }
                bigrams(t.substring(i, end), out);
                i = end;
            } else if (isWordPart(cp)) {
                int end = i;
                while (end < t.length() && isWordPart(t.codePointAt(end)) && !isCjk(t.codePointAt(end))) {
                    end += Character.charCount(t.codePointAt(end));
                }
                out.add(t.substring(i, end));
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    /** The distinct hashes of the text's word {@code n}-grams, sorted. */
    static long[] hashes(String text, int n) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return new long[0];
        }
        int count = Math.max(1, words.size() - n + 1);
        long[] out = new long[count];
        for (int s = 0; s < count; s++) {
            long h = 0x9E37_79B9_7F4A_7C15L;
            for (int w = s; w < Math.min(words.size(), s + n); w++) {
                h = mix(h ^ hash(words.get(w))) + w - s;
            }
            out[s] = h;
        }
        Arrays.sort(out);
        return Arrays.stream(out).distinct().toArray();
    }

    /** FNV-1a over the word's UTF-8 bytes, then murmur3's 64-bit finaliser. */
    static long hash(String word) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x0100_0000_01B3L;
        }
        return mix(h);
    }

    /** murmur3's fmix64. */
    static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return x ^ (x >>> 33);
    }

    private static void bigrams(String run, List<String> out) {
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1) {
            out.add(run);
            return;
        }
        for (int k = 0; k + 1 < cps.length; k++) {
            out.add(new String(cps, k, 2));
        }
    }

    private static boolean isWordPart(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}
