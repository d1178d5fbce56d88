package io.ragplatform.eval.grounded;

import io.ragplatform.ingest.CjkText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an answer (or a context passage) into claims: its sentences, in order. Deterministic and locale-independent
 * ({@link Locale#ROOT}); thread-safe (no state).
 *
 * <p>A sentence ends at {@code .}, {@code !}, {@code ?} or {@code …} followed by white space and a character that is
 * not a lower-case letter, or at the end of the text; closing quotes and brackets stay with their sentence. A period
 * does not end a sentence inside a number ({@code 3.5}), after a known abbreviation ({@code e.g.}, {@code i.e.},
 * {@code et al.}, {@code Fig.}, {@code Dr.}, {@code vs.} ...), after dotted initials ({@code U.S.}) or after a single
 * capital letter ({@code H. pylori}, {@code J. Smith}). A blank line, or a line break before a list item
 * ({@code -}, {@code *}, {@code •}, {@code 1.}, {@code 1)}), also ends a claim, and so does a period glued to the next
 * sentence ({@code "century.First"}, as text extraction leaves it). Chinese and Japanese sentences end at {@code
 * 。！？；} (and the full-width full stop), with any closing quotes and brackets ({@code ”」』）}), whatever follows:
 * no space comes after them; so does {@code .}, {@code !} or {@code ?} right before a Chinese or Japanese character
 * ({@code "It works.它很快。"}). Within a claim, white space is one space, and none between two Chinese or Japanese
 * characters (as the canonicalizer joins them, {@link CjkText#collapse}): a line wrapped inside Chinese text joins
 * without a space. Segments without a letter or digit are dropped.
 */
public final class ClaimSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of(
            "e.g", "i.e", "eg", "ie", "al", "vs", "v", "cf", "fig", "figs", "eq", "eqs", "ref", "refs", "no", "nos",
            "vol", "vols", "pp", "p", "ch", "sec", "dr", "mr", "mrs", "ms", "prof", "st", "sr", "jr", "inc", "ltd",
            "co", "corp", "approx", "ca", "resp", "dept", "univ", "est", "min", "max", "avg", "jan", "feb", "mar",
            "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "gen", "col", "lt", "sgt", "capt",
            "gov", "sen", "rep", "rev", "hon", "viz", "incl", "spp", "sp", "var", "ed", "eds", "n.b", "a.m", "p.m");

    /** The sentences of every text, in the texts' order ({@link #split} of each). */
    public List<String> splitAll(List<String> texts) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            out.addAll(split(text));
        }
        return out;
    }

    /** The sentences of {@code text}, trimmed, in order; empty for null or blank text. */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        int n = s.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                if (hardLineBreak(s, i)) {
                    add(out, s.substring(start, i));
                    start = i + 1;
                }
                i++;
                continue;
            }
            if (isCjkTerminator(c)) {
                int end = i + 1;
                while (end < n && (isCjkTerminator(s.charAt(end)) || isCloser(s.charAt(end)))) {
                    end++;
                }
                add(out, s.substring(start, end));
                start = end;
                i = end;
                continue;
            }
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int end = i + 1;
                while (end < n
                        && (s.charAt(end) == '.'
                                || s.charAt(end) == '!'
                                || s.charAt(end) == '?'
                                || s.charAt(end) == '…')) {
                    end++;
                }
                while (end < n && isCloser(s.charAt(end))) {
                    end++;
                }
                if (isBoundary(s, i, end)) {
                    add(out, s.substring(start, end));
                    start = end;
                    i = end;
                    continue;
                }
                i = end;
                continue;
            }
            i++;
        }
        add(out, s.substring(start));
        return out;
    }

    private static boolean isCloser(char c) {
        return switch (c) {
            case '"', '\'', ')', ']', '}', '”', '’', '»', '」', '』', '）', '》', '】', '〉', '〕' -> true;
            default -> false;
        };
    }

    /** {@code 。！？；} and the full-width full stop. */
    private static boolean isCjkTerminator(char c) {
        return c == '。' || c == '！' || c == '？' || c == '；' || c == '．';
    }

    /** A blank line, or a line break before a list item. */
    private static boolean hardLineBreak(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
        }
        if (j >= s.length() || s.charAt(j) == '\n') {
            return true;
        }
        char c = s.charAt(j);
        if ((c == '-' || c == '*' || c == '•' || c == '–') && j + 1 < s.length() && s.charAt(j + 1) == ' ') {
            return true;
        }
        int k = j;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return k > j && k + 1 < s.length() && (s.charAt(k) == '.' || s.charAt(k) == ')') && s.charAt(k + 1) == ' ';
    }

    /**
     * Whether the terminator at {@code at} (with any further terminators and closers up to {@code end}) ends a
     * sentence.
     */
    private static boolean isBoundary(String s, int at, int end) {
        int n = s.length();
        char term = s.charAt(at);
        if (end >= n) {
            return true;
        }
        char next = s.charAt(end);
        if (!Character.isWhitespace(next)) {
            if (term != '…' && Character.isLetter(next) && CjkText.isWide(next)) {
                return true; // "It works.它很快。": Chinese after an English sentence, without a space
            }
            // glued sentences: "...19th century.First for Women ..."
            return term == '.' && end == at + 1 && gluedSentence(s, at);
        }
        int j = end;
        while (j < n && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        if (j >= n) {
            return true;
        }
        char following = s.charAt(j);
        if (Character.isLowerCase(following)) {
            return false;
        }
        if (term != '.' || s.charAt(at + 1) == '.') {
            return true; // "!", "?", "…" or an ellipsis "..." before a capital
        }
        String word = wordBefore(s, at);
        if (word.isEmpty()) {
            return true;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(lower)) {
            return false;
        }
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            // an initial ("J. Smith"), unless a unit after a number ("100 C. The") or before a sentence opener
            return numberBefore(s, at - 1)
                    || SENTENCE_OPENERS.contains(wordAfter(s, j).toLowerCase(Locale.ROOT));
        }
        // dotted initials "U.S." / "e.g." / "Ph.D."
        return !word.matches("(?:\\p{L}{1,2}\\.)+\\p{L}{1,2}");
    }

    private static final Set<String> SENTENCE_OPENERS = Set.of(
            "the", "this", "these", "that", "those", "it", "its", "in", "a", "an", "we", "they", "he", "she", "there",
            "however", "our", "as", "at", "on", "for", "to", "with", "but", "and", "of", "no", "not", "all", "both",
            "each", "here", "then", "thus", "after", "before", "when", "while", "i", "you");

    /** Whether the token before position {@code letter} (a one-letter word) is a number: "100 C". */
    private static boolean numberBefore(String s, int letter) {
        int k = letter - 1;
        while (k >= 0 && s.charAt(k) == ' ') {
            k--;
        }
        return k >= 0 && k < letter - 1 && Character.isDigit(s.charAt(k));
    }

    private static String wordAfter(String s, int from) {
        int e = from;
        while (e < s.length() && Character.isLetter(s.charAt(e))) {
            e++;
        }
        return s.substring(from, e);
    }

    /** The word just before position {@code at}, with inner periods (as in "e.g"). */
    private static String wordBefore(String s, int at) {
        int b = at;
        while (b > 0 && (Character.isLetterOrDigit(s.charAt(b - 1)) || s.charAt(b - 1) == '.')) {
            b--;
        }
        String w = s.substring(b, at);
        while (w.startsWith(".")) {
            w = w.substring(1);
        }
        return w;
    }

    /** "word.Next" where word is at least two lower-case letters and Next is capitalised then lower case. */
    private static boolean gluedSentence(String s, int at) {
        int n = s.length();
        if (at + 2 >= n || !Character.isUpperCase(s.charAt(at + 1)) || !Character.isLowerCase(s.charAt(at + 2))) {
            return false;
        }
        int b = at;
        while (b > 0 && Character.isLetter(s.charAt(b - 1))) {
            b--;
        }
        if (at - b < 2) {
            return false;
        }
        for (int k = b; k < at; k++) {
            if (!Character.isLowerCase(s.charAt(k))) {
                return false;
            }
        }
        // not a domain or file name: "example.Com" is rare, "www.Example" starts with www
        return b == 0 || s.charAt(b - 1) != '.';
    }

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private static void add(List<String> out, String segment) {
        String t = CjkText.collapse(segment.strip(), WHITE_SPACE);
        for (int k = 0; k < t.length(); k++) {
            if (Character.isLetterOrDigit(t.charAt(k))) {
                out.add(t);
                return;
            }
        }
    }
}
