package io.ragplatform.eval.sets;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Query normalization and tokens for duplicate detection. */
final class Queries {
    /** Letters or digits, then letters, combining marks or digits: a word. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*");

    private static final Pattern SPACE = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");
    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}+");
    /** Punctuation kept at the ends because it changes what is asked ("c#", "50%", "@user", "r&"). */
    private static final String KEPT_AT_ENDS = "#%@&";

    private Queries() {}

    /**
     * The query as compared for duplicates: Unicode NFKC, format characters (zero-width, soft hyphen) removed, lower
     * case ({@link Locale#ROOT}), whitespace runs as one space, punctuation stripped at both ends (except
     * {@value #KEPT_AT_ENDS}); empty when nothing is left.
     */
    static String normalize(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        s = FORMAT.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = SPACE.matcher(s).replaceAll(" ");
        int start = 0;
        int end = s.length();
        while (start < end && strippable(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && strippable(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean strippable(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (KEPT_AT_ENDS.indexOf(cp) >= 0) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The words of a normalized query: runs of letters and digits (with combining marks). */
    static List<String> tokens(String normalized) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(normalized);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
