package io.ragplatform.eval.grounded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The claim variants of {@link AlignContrastScorer}'s embedding flip tests: the claim with its negation toggled, and
 * with each effect word swapped for an opposite. A variant closer to the evidence than the claim hints at a contrast.
 */
final class ClaimFlips {
    private ClaimFlips() {}

    private static final Set<String> AUX = Set.of(
            "is", "are", "was", "were", "can", "could", "may", "might", "does", "do", "did", "has", "have", "had",
            "will", "would", "should", "must");

    private static final String[] ENDINGS = {"ing", "ed", "es", "s", "er", "ion", "ly"};

    static AlignContrastScorer.Flips of(String claim) {
        String[] words = claim.split(" ");
        return new AlignContrastScorer.Flips(negation(words), direction(words));
    }

    /**
     * The claim without its negation ("not", "never", "n't", a first "no" as "some"); else with "not" after its first
     * auxiliary, else "does not" before its first effect verb in "-s". At most one variant.
     */
    private static List<String> negation(String[] words) {
        List<String> neg = new ArrayList<>();
        boolean removed = false;
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            String lw = w.toLowerCase(Locale.ROOT).replaceAll("[^a-z'’]", "");
            if (lw.equals("not") || lw.equals("never")) {
                removed = true;
                continue;
            }
            if (lw.endsWith("n't") || lw.endsWith("n’t")) {
                removed = true;
                String stem = w.substring(0, w.length() - 3);
                sb.append(stem.equalsIgnoreCase("ca") ? "can" : stem.equalsIgnoreCase("wo") ? "will" : stem)
                        .append(' ');
                continue;
            }
            if (lw.equals("no") && !removed) {
                removed = true;
                sb.append("some ");
                continue;
            }
            sb.append(w).append(' ');
        }
        if (removed) {
            neg.add(sb.toString().trim());
            return neg;
        }
        for (int i = 0; i < words.length; i++) {
            if (AUX.contains(words[i].toLowerCase(Locale.ROOT))) {
                neg.add(join(words, i + 1, "not"));
                return neg;
            }
        }
        for (int i = 1; i < words.length; i++) {
            String lw = words[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (lw.length() > 3
                    && lw.endsWith("s")
                    && !lw.endsWith("ss")
                    && !lw.endsWith("us")
                    && !lw.endsWith("is")
                    && !Lexicon.STOP.contains(lw)
                    && Polarity.of(Text.word(lw)) != null) {
                neg.add(join(words, i, "does not"));
                break;
            }
        }
        return neg;
    }

    /** One variant per effect word, that word swapped for an opposite. */
    private static List<String> direction(String[] words) {
        List<String> dir = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String raw = words[i].replaceAll("[^\\p{L}]", "");
            String lw = raw.toLowerCase(Locale.ROOT);
            if (lw.isEmpty()) {
                continue;
            }
            int[] p = Polarity.of(Text.word(lw));
            if (p != null) {
                String opposite = opposite(lw, p);
                if (opposite != null) {
                    String[] copy = words.clone();
                    copy[i] = words[i].replace(raw, opposite);
                    dir.add(String.join(" ", copy));
                }
            }
        }
        return dir;
    }

    private static String join(String[] words, int at, String insert) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i == at) {
                sb.append(insert).append(' ');
            }
            sb.append(words[i]).append(' ');
        }
        return sb.toString().trim();
    }

    /** The first word of the opposite side of the axis with the same ending ("-s", "-ed", "-ing", "-er"). */
    private static String opposite(String lw, int[] p) {
        String[] other = Lexicon.AXES[p[0]][p[1] > 0 ? 1 : 0];
        for (String e : ENDINGS) {
            if (lw.endsWith(e)) {
                for (String o : other) {
                    if (o.endsWith(e)) {
                        return o;
                    }
                }
            }
        }
        return other[0];
    }
}
