package io.ragplatform.eval.grounded;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Abbreviations a text defines, as in "pyridostatin (PDS)", and their expansion where the text uses them. */
final class Abbreviations {
    private Abbreviations() {}

    private static final Pattern ABBREVIATION = Pattern.compile("\\(([\\p{L}][\\p{L}\\p{N}-]{1,9})\\)");

    /**
     * The abbreviations a text defines (at least two capitals, in parentheses) with their long forms: the shortest run
     * of the preceding words that starts with the abbreviation's first letter.
     */
    static Map<String, String> defined(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = ABBREVIATION.matcher(text);
        while (m.find()) {
            String abbr = m.group(1);
            int caps = 0;
            for (int i = 0; i < abbr.length(); i++) {
                caps += Character.isUpperCase(abbr.charAt(i)) ? 1 : 0;
            }
            if (caps < 2 || out.containsKey(abbr)) {
                continue;
            }
            String before =
                    text.substring(Math.max(0, m.start() - 120), m.start()).strip();
            String[] words = before.split("\\s+");
            int maxWords = Math.min(words.length, abbr.length() + 2);
            char first = Character.toLowerCase(abbr.charAt(0));
            for (int k = 1; k <= maxWords; k++) {
                String w = words[words.length - k];
                if (!w.isEmpty() && Character.toLowerCase(w.charAt(0)) == first) {
                    String longForm = String.join(" ", Arrays.copyOfRange(words, words.length - k, words.length))
                            .replaceAll("[,;:]$", "");
                    if (!longForm.equalsIgnoreCase(abbr)) {
                        out.put(abbr, longForm);
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** The sentence with each defined abbreviation that it uses (not defines) replaced by its long form. */
    static String expand(String sentence, Map<String, String> abbreviations) {
        String out = sentence;
        for (Map.Entry<String, String> e : abbreviations.entrySet()) {
            if (out.contains(e.getKey())) {
                out = out.replaceAll(
                        "(?<![\\p{L}\\p{N}(])" + Pattern.quote(e.getKey()) + "(?![\\p{L}\\p{N})])",
                        Matcher.quoteReplacement(e.getValue()));
            }
        }
        return out;
    }
}
