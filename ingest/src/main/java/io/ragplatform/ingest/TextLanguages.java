package io.ragplatform.ingest;

import java.util.List;
import java.util.TreeSet;

/**
 * The languages of a chunk or a query, as the index routes them to analyzers and embedding models: decided by script,
 * so deterministic and cheap. Han characters (without kana) are {@value #CHINESE}, kana {@value #JAPANESE}, Hangul
 * {@value #KOREAN}, and Latin letters {@value #ENGLISH} (the English analyzer and model serve every Latin-script text;
 * a document's own language, detected from its whole text, is on the document). A text holds each language whose
 * letters make at least a tenth of its letters; a query holds every script it uses, so that a query with Chinese and
 * English words is searched as both.
 */
public final class TextLanguages {
    public static final String CHINESE = "zh";
    public static final String ENGLISH = "en";
    public static final String JAPANESE = "ja";
    public static final String KOREAN = "ko";

    private TextLanguages() {}

    /** The languages of a passage: those of at least a tenth of its letters, sorted; empty for a text without letters. */
    public static List<String> of(String text) {
        return languages(text, 0.1);
    }

    /** The languages of a query: every script it uses (a single stray Latin letter aside), sorted. */
    public static List<String> ofQuery(String query) {
        return languages(query, 0);
    }

    private static List<String> languages(String text, double share) {
        int han = 0;
        int kana = 0;
        int hangul = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            switch (Character.UnicodeScript.of(cp)) {
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case LATIN -> latin++;
                default -> {}
            }
        }
        int letters = han + kana + hangul + latin;
        TreeSet<String> out = new TreeSet<>();
        if (letters == 0) {
            return List.of();
        }
        double min = Math.max(share * letters, 1);
        if (kana > 0 && kana + han >= min) {
            out.add(JAPANESE);
        } else if (han >= min) {
            out.add(CHINESE);
        }
        if (hangul >= min) {
            out.add(KOREAN);
        }
        if (latin >= Math.max(min, 2)) {
            out.add(ENGLISH);
        }
        return List.copyOf(out);
    }
}
