package io.ragplatform.eval.grounded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Tokens and stems, as the offline scorers share them (the word lists are in {@link Lexicon}). Stateless apart from
 * thread-local stemmers.
 */
final class Text {
    private Text() {}

    enum Kind {
        WORD,
        NUMBER,
        CODE
    }

    /**
     * A token. {@code key} is what presence is checked by: the stem for words, the normalised value for numbers, the
     * lower-case form for codes (alphanumerics such as "BRCA2").
     */
    record Tok(String raw, String lower, String key, Kind kind, boolean entity, int index) {}

    private static final Pattern TOKEN = Pattern.compile(
            "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\p{L}\\p{N}])|\\d+\\.\\d+(?![\\p{L}\\p{N}])|[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(\\p{Ll}{1,4})");
    private static final Pattern NOT_CONTRACTION = Pattern.compile("(?i)n['’]t\\b");

    private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);

    static String stem(String lower) {
        EnglishStemmer s = STEMMER.get();
        s.setCurrent(lower);
        s.stem();
        return s.getCurrent();
    }

    /**
     * Expands "n't" to " not" and "cannot" to "can not", then tokenises: English words, numbers and codes, and the
     * Chinese or Japanese in the text as {@link CjkTokens} has it.
     */
    static List<Tok> tokens(String text) {
        String t = NOT_CONTRACTION.matcher(text).replaceAll(" not");
        t = t.replaceAll("(?i)\\bcannot\\b", "can not");
        List<Tok> out = new ArrayList<>();
        if (CjkTokens.has(t)) {
            CjkTokens.tokens(t, out, (run, first) -> english(run, out, first));
        } else {
            english(t, out, true);
        }
        return out;
    }

    /** Appends the tokens of English text; {@code first}: its first token starts the sentence. */
    private static void english(String t, List<Tok> out, boolean first) {
        Matcher m = TOKEN.matcher(t);
        while (m.find()) {
            String raw = m.group();
            Matcher nu = NUMBER_UNIT.matcher(raw);
            if (nu.matches()) {
                out.add(token(nu.group(1), out.size(), false));
                out.add(token(nu.group(2), out.size(), false));
            } else {
                out.add(token(raw, out.size(), first));
            }
            first = false;
        }
    }

    private static Tok token(String raw, int index, boolean sentenceStart) {
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean hasDigit = false;
        boolean hasLetter = false;
        int upper = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            hasDigit |= Character.isDigit(c);
            hasLetter |= Character.isLetter(c);
            if (Character.isUpperCase(c)) {
                upper++;
            }
        }
        if (hasDigit && !hasLetter) {
            return new Tok(raw, lower, Numbers.normalize(raw), Kind.NUMBER, false, index);
        }
        if (hasDigit) {
            return new Tok(raw, lower, lower, Kind.CODE, true, index);
        }
        boolean innerUpper = upper > 1 || upper == 1 && !Character.isUpperCase(raw.charAt(0));
        boolean capitalised = Character.isUpperCase(raw.charAt(0));
        boolean entity =
                innerUpper || capitalised && !sentenceStart && raw.length() > 1 && !Lexicon.STOP.contains(lower);
        return new Tok(raw, lower, stem(lower), Kind.WORD, entity, index);
    }

    /** A lower-case word as a token of its own, for looking it up in the lexicons. */
    static Tok word(String lower) {
        return new Tok(lower, lower, stem(lower), Kind.WORD, false, 0);
    }

    /** Whether the token carries content (not a stop word, not a lone letter). */
    static boolean content(Tok t) {
        return t.kind() != Kind.WORD
                || !Lexicon.STOP.contains(t.lower()) && t.lower().length() > 1;
    }

    /** The presence keys of a text's tokens, number words added as digits. */
    static Set<String> keys(List<Tok> toks) {
        Set<String> out = new HashSet<>();
        for (Tok t : toks) {
            out.add(t.key());
            out.add(t.lower());
            String n = Lexicon.NUMBER_WORDS.get(t.lower());
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
