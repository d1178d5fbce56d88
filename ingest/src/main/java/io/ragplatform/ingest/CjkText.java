package io.ragplatform.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Chinese and Japanese text needs from the canonicalizer and the chunker: which characters are written without
 * spaces between them, which full-width punctuation is kept, and where a sentence ends.
 *
 * <p>"Wide" characters are Han, Hiragana, Katakana, Bopomofo and CJK punctuation: text in them has no spaces between
 * words, so a space or line break between two of them is an artefact of layout. Hangul is not wide: Korean separates
 * words with spaces. A typographic quote counts as wide when the character on its other side is wide ({@code
 * 他说：“你好。”}).
 *
 * <p>Public for what other modules must read the same way as the canonicalizer (the claim splitter of {@code eval}):
 * {@link #isWide} and {@link #collapse}; the rest serves this package.
 */
public final class CjkText {
    private CjkText() {}

    /**
     * Full-width punctuation that NFKC would map to ASCII but Chinese and Japanese text writes full-width: the
     * sentence and clause marks and the brackets. Other full-width ASCII (letters, digits, {@code ％}, {@code ＋}
     * ...) is folded to ASCII.
     */
    static boolean keptFullWidth(char c) {
        return switch (c) {
            case '！', '（', '）', '，', '．', '：', '；', '？', '［', '］', '｛', '｝', '～', '｟', '｠' -> true;
            default -> false;
        };
    }

    /** CJK punctuation: the CJK symbols block, the kept full-width marks, vertical and compatibility forms. */
    static boolean isPunctuation(int cp) {
        return (cp >= 0x3001 && cp <= 0x303F)
                || (cp <= 0xFFFF && keptFullWidth((char) cp))
                || (cp >= 0xFE10 && cp <= 0xFE1F)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || cp == 0x30FB;
    }

    /** Han, Kana, Bopomofo or CJK punctuation: written without spaces between characters. */
    public static boolean isWide(int cp) {
        if (isPunctuation(cp) || cp == 0x30FC) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.BOPOMOFO;
    }

    /** A sentence end: {@code 。！？；} and the full-width full stop. */
    static boolean endsSentence(int cp) {
        return cp == '。' || cp == '！' || cp == '？' || cp == '；' || cp == '．';
    }

    /** A closing quote or bracket that stays with the sentence it closes. */
    static boolean isCloser(int cp) {
        return switch (cp) {
            case '」', '』', '”', '’', '）', '》', '】', '〉', '〕', '］', '｝', '"', '\'' -> true;
            default -> false;
        };
    }

    private static boolean isQuote(int cp) {
        return cp == '“' || cp == '”' || cp == '‘' || cp == '’';
    }

    /**
     * {@code s} with each run of {@code whiteSpace} replaced by one space, or by nothing between two wide characters
     * (as {@link #joinsTight} has it): a line break or space inside Chinese text is an artefact of layout.
     */
    public static String collapse(String s, Pattern whiteSpace) {
        Matcher m = whiteSpace.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, joinsTight(s, m.start(), s, m.end()) ? "" : " ");
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether white space between {@code s[.. end)} and {@code t[start ..)} goes: both sides are wide. */
    static boolean joinsTight(CharSequence s, int end, CharSequence t, int start) {
        return wideBefore(s, end) && wideAfter(t, start);
    }

    private static boolean wideBefore(CharSequence s, int end) {
        if (end <= 0) {
            return false;
        }
        int cp = Character.codePointBefore(s, end);
        if (isQuote(cp)) {
            int before = end - Character.charCount(cp);
            return before > 0 && isWide(Character.codePointBefore(s, before));
        }
        return isWide(cp);
    }

    private static boolean wideAfter(CharSequence t, int start) {
        if (start >= t.length()) {
            return false;
        }
        int cp = Character.codePointAt(t, start);
        if (isQuote(cp)) {
            int after = start + Character.charCount(cp);
            return after < t.length() && isWide(Character.codePointAt(t, after));
        }
        return isWide(cp);
    }

    /** Whether the typographic quote at {@code i} of {@code s} touches a wide character, and so stays as it is. */
    static boolean keepsQuote(String s, int i) {
        return (i > 0 && isWide(Character.codePointBefore(s, i)))
                || (i + 1 < s.length() && isWide(Character.codePointAt(s, i + 1)));
    }
}
