package io.ragplatform.eval.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a text field holds erased text. Texts are NFKC-normalised and lower-cased ({@link Locale#ROOT}), then
 * cut into tokens: a word is a run of letters, digits and combining marks; each Han, Hiragana, Katakana or Hangul
 * character is a token of its own (those scripts are written without spaces). A word weighs {@value #WORD_WEIGHT}, a
 * CJK character {@value #CJK_WEIGHT}; a <em>span</em> is a run of consecutive tokens weighing at least
 * {@value #SPAN_WEIGHT}, so 8 words, 12 CJK characters, or a mix.
 *
 * <p>A field holds erased text when it shares a span with an erased text, or when it contains, as consecutive tokens,
 * the whole of an erased text too light to have a span, if that text has at least two tokens. Matching is exact on
 * tokens: punctuation, spacing and case do not matter, a changed or inserted word does. Deterministic: no locale,
 * charset or hash order is involved. Immutable and thread-safe.
 */
final class ErasedSpans {
    static final int WORD_WEIGHT = 3;
    static final int CJK_WEIGHT = 2;
    static final int SPAN_WEIGHT = 24;
    private static final String JOIN = "\u0000";

    private final Set<String> spans = new HashSet<>();
    private final List<List<String>> shortTexts = new ArrayList<>();

    ErasedSpans(List<String> erasedTexts) {
        for (String text : erasedTexts) {
            List<String> tokens = tokens(text);
            if (weight(tokens, 0, tokens.size()) >= SPAN_WEIGHT) {
                spans.addAll(spans(tokens));
            } else if (tokens.size() >= 2) {
                shortTexts.add(tokens);
            }
        }
    }

    /** Whether nothing can match: no erased text had two tokens. */
    boolean isEmpty() {
        return spans.isEmpty() && shortTexts.isEmpty();
    }

    /** Whether the text holds erased text; false for null. */
    boolean holds(String text) {
        if (text == null || isEmpty()) {
            return false;
        }
        List<String> tokens = tokens(text);
        for (String span : spans(tokens)) {
            if (spans.contains(span)) {
                return true;
            }
        }
        for (List<String> whole : shortTexts) {
            if (Collections.indexOfSubList(tokens, whole) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The span starting at each token, as long as one reaches the weight (the shortest that does). */
    private static List<String> spans(List<String> tokens) {
        List<String> out = new ArrayList<>();
        int end = 0;
        int weight = 0;
        for (int start = 0; start < tokens.size(); start++) {
            while (end < tokens.size() && weight < SPAN_WEIGHT) {
                weight += weight(tokens.get(end++));
            }
            if (weight < SPAN_WEIGHT) {
                break;
            }
            out.add(String.join(JOIN, tokens.subList(start, end)));
            weight -= weight(tokens.get(start));
        }
        return out;
    }

    private static int weight(List<String> tokens, int from, int to) {
        int weight = 0;
        for (int i = from; i < to; i++) {
            weight += weight(tokens.get(i));
        }
        return weight;
    }

    private static int weight(String token) {
        return isCjk(token.codePointAt(0)) ? CJK_WEIGHT : WORD_WEIGHT;
    }

    static List<String> tokens(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        normal.codePoints().forEach(cp -> {
            boolean cjk = isCjk(cp);
            if (!cjk && isWordPart(cp)) {
                word.appendCodePoint(cp);
                return;
            }
            if (!word.isEmpty()) {
                tokens.add(word.toString());
                word.setLength(0);
            }
            if (cjk) {
                tokens.add(Character.toString(cp));
            }
        });
        if (!word.isEmpty()) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    /** Letters, digits and combining marks make words (CJK characters aside). */
    private static boolean isWordPart(int cp) {
        return switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK -> true;
            default -> Character.isLetterOrDigit(cp);
        };
    }

    /** Scripts written without spaces between words: each character is a token. */
    private static boolean isCjk(int cp) {
        return switch (Character.UnicodeScript.of(cp)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL -> true;
            default -> false;
        };
    }
}
