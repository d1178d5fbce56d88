package io.ragplatform.eval.grounded;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Numbers in text: their normal form, number words as digits, and which numbers state a figure. */
final class Numbers {
    private Numbers() {}

    /** Scale words: "several hundred", "1.3 billion". They state no figure of their own. */
    private static final Set<String> SCALE = Set.of("hundred", "thousand", "million", "billion");

    /** "1,000.50" as "1000.5": thousands separators and trailing zeros dropped; anything else as written. */
    static String normalize(String raw) {
        try {
            return new BigDecimal(raw.replace(",", "")).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** Digits, or a number word other than "one" and "single" (which are as often not a count). */
    static boolean isNumber(Text.Tok t) {
        return t.kind() == Text.Kind.NUMBER
                || t.kind() == Text.Kind.WORD
                        && Lexicon.NUMBER_WORDS.containsKey(t.lower())
                        && !t.lower().equals("one")
                        && !t.lower().equals("single");
    }

    /** The normalised value of a number token, number words as digits. */
    static String key(Text.Tok t) {
        return t.kind() == Text.Kind.NUMBER ? t.key() : Lexicon.NUMBER_WORDS.get(t.lower());
    }

    /**
     * A number that states a figure: not a scale word, and not part of a name, i.e. not right after an acronym or a
     * code ("BRCA 1", "US 60", "WNP-3", "OCT3/4"); Chinese characters, having no case, are no acronym.
     */
    static boolean isFigure(List<Text.Tok> toks, int i) {
        Text.Tok t = toks.get(i);
        if (!isNumber(t) || SCALE.contains(t.lower())) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        Text.Tok prev = toks.get(i - 1);
        boolean acronym = prev.kind() == Text.Kind.WORD
                && !CjkTokens.isCjk(prev)
                && prev.raw().length() > 1
                && prev.raw().equals(prev.raw().toUpperCase(Locale.ROOT));
        return prev.kind() != Text.Kind.CODE && !acronym;
    }

    /** A key's value, NaN when it is none. */
    static double value(String key) {
        try {
            return Double.parseDouble(key);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
