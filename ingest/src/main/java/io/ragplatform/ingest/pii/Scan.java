package io.ragplatform.ingest.pii;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text being recognised, with the windows where its number-shaped values can be: the rules run their expressions
 * only there, instead of at every character of running text. A window is a run of digits and number punctuation
 * (space, {@code . - ( ) + /}) with at least {@value #MIN_DIGITS} digits, from its first digit, {@code +} or {@code (}
 * to its last digit or {@code )}, extended by a few characters when an extension ({@code x123}, {@code ext. 12}) may
 * follow; overlapping windows are merged. The expressions see the whole text around a window
 * (transparent bounds), so their look-behinds and look-aheads judge a match by its real neighbours.
 */
final class Scan {
    private static final int MIN_DIGITS = 4;
    private static final int TAIL = 16;

    /** The text as the rules match it: full-width forms folded to ASCII, one character for one (same offsets). */
    final String text;

    private int[] numberWindows;

    Scan(String text) {
        this.text = folded(text);
    }

    /**
     * Full-width ASCII forms (U+FF01 to U+FF5E) as their ASCII characters and the ideographic space as a space, each
     * one character for one, so that spans found in the folded text are spans of the original. The canonical text keeps
     * Chinese full-width punctuation ({@code （010）６５５２}, {@code ＠}, {@code ．} where NFKC did not fold them, see
     * the canonicalizer); the recognisers see {@code (010)} and {@code @}.
     */
    static String folded(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            if (f != c) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = f;
            }
        }
        return out == null ? text : new String(out);
    }

    /** The windows that can hold a card number, a phone number or an IPv4 address, as start/end pairs. */
    int[] numberWindows() {
        if (numberWindows == null) {
            numberWindows = computeNumberWindows();
        }
        return numberWindows;
    }

    /** What a rule makes of a candidate match. */
    interface Candidate {
        /** The end of the value taken from the match (it starts where the match does), or -1 for none. */
        int accept(Matcher m);
    }

    /**
     * Hands {@code candidate} the matches of {@code p} that start in one of {@code windows}. After a value is taken the
     * search goes on at its end; after a refused match at the next character, so that a refused candidate (too many
     * digits, a failed check) or the part of a match beyond the value hides no valid value.
     */
    void findIn(int[] windows, Pattern p, Candidate candidate) {
        Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int i = 0; i < windows.length; i += 2) {
            int end = windows[i + 1];
            m.region(windows[i], end);
            while (m.find()) {
                int taken = candidate.accept(m);
                int next = taken > m.start() ? taken : m.start() + 1;
                if (next >= end) {
                    break;
                }
                m.region(next, end);
            }
        }
    }

    /** Merges overlapping start/end pairs (sorted by start) in place; returns the merged pairs. */
    static int[] merge(int[] pairs, int n) {
        int k = 0;
        for (int i = 0; i < n; i += 2) {
            if (k > 0 && pairs[i] <= pairs[k - 1]) {
                pairs[k - 1] = Math.max(pairs[k - 1], pairs[i + 1]);
            } else {
                pairs[k++] = pairs[i];
                pairs[k++] = pairs[i + 1];
            }
        }
        return Arrays.copyOf(pairs, k);
    }

    private int[] computeNumberWindows() {
        int[] pairs = new int[16];
        int n = 0;
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if (!isDigit(c) && c != '+' && c != '(') {
                i++;
                continue;
            }
            int start = i; // a value starts with a digit, + or (
            int end = i;
            int digits = 0;
            while (i < len && numberChar(text.charAt(i))) {
                if (isDigit(text.charAt(i))) {
                    digits++;
                    end = i + 1;
                } else if (text.charAt(i) == ')') {
                    end = i + 1;
                }
                i++;
            }
            if (digits >= MIN_DIGITS) {
                if (n == pairs.length) {
                    pairs = Arrays.copyOf(pairs, n * 2);
                }
                pairs[n++] = start;
                pairs[n++] = extension(end) ? Math.min(len, end + TAIL) : end;
            }
        }
        return merge(pairs, n);
    }

    /** Whether an extension ({@code x12}, {@code ext. 12}) may follow a run of digits ending at {@code end}. */
    private boolean extension(int end) {
        int i = end < text.length() && text.charAt(end) == ' ' ? end + 1 : end;
        if (i >= text.length()) {
            return false;
        }
        char c = (char) (text.charAt(i) | 0x20);
        return c == 'x' || c == 'e';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(int c) {
        return c >= 'a' && c <= 'z';
    }

    /** An ASCII letter. */
    static boolean isLetter(int c) {
        return isUpper(c) || isLower(c);
    }

    static boolean isWordChar(char c) {
        return isDigit(c) || isLetter(c) || c == '_';
    }

    /** Whether {@code s} holds a character of each kind: one that is {@code a} and one that is {@code b}. */
    static boolean hasBoth(String s, IntPredicate a, IntPredicate b) {
        return s.chars().anyMatch(a) && s.chars().anyMatch(b);
    }

    private static boolean numberChar(char c) {
        return isDigit(c) || c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '+' || c == '/';
    }
}
