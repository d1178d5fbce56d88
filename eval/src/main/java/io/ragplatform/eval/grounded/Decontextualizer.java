package io.ragplatform.eval.grounded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes the claims of an answer checkable one at a time: a claim that opens with a personal pronoun ("She", "They",
 * "Its") takes the subject of the claim before it in the pronoun's place, when that subject agrees with the pronoun.
 * "Ann asks Mike to buy butter. She also asks for milk." is checked as "Ann asks Mike to buy butter." and "Ann also
 * asks for milk."; "The podcast episode is about a group of friends. It ends with a quiz." as "… The podcast episode
 * ends with a quiz.".
 *
 * <p>The subject is found without a parser: a run of capitalised words at the start of the claim (after "The", "A"
 * or "An", joined by "and", "of" or "&amp;"), or "The", "A" or "An" and up to four lower-case words before an auxiliary
 * verb ("The group had …"). "He" and "she" take a name without an article and without "and"; "it" a subject with an
 * article and without "and"; "they" a subject with "and", or with an article and a plural or collective last word
 * ("The hosts", "The team"). A claim whose pronoun agrees with no subject is checked as written. English only; the
 * text of the claims the answer shows is not changed, only the text that is scored. Stateless.
 */
final class Decontextualizer {
    private Decontextualizer() {}

    private static final Set<String> ARTICLES = Set.of("The", "A", "An");
    private static final Set<String> JOINERS = Set.of("and", "of", "&");
    private static final Set<String> AUXILIARIES = Set.of(
            "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should",
            "must", "does", "do", "did");
    /** Adverbs that may stand between a subject and its verb ("Ann also asks"). */
    private static final Set<String> ADVERBS = Set.of("also", "then", "still", "often", "never", "always", "later");

    private static final Set<String> COLLECTIVE = Set.of(
            "group",
            "team",
            "company",
            "family",
            "committee",
            "board",
            "panel",
            "couple",
            "government",
            "administration",
            "club",
            "band",
            "class",
            "council",
            "staff",
            "crew",
            "audience",
            "community");
    private static final Set<String> SINGULAR_PERSON = Set.of("He", "She", "His", "Her");
    private static final Set<String> THING = Set.of("It", "Its");
    private static final Set<String> PLURAL = Set.of("They", "Their");
    private static final Set<String> POSSESSIVE = Set.of("His", "Her", "Its", "Their");

    /** The subject of a claim and what it agrees with. */
    private record Subject(String text, boolean article, boolean joined, boolean plural) {}

    /** The claims as they are to be scored, in order: each claim, or its pronoun resolved from the claim before. */
    static List<String> resolve(List<String> claims) {
        List<String> out = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            out.add(i == 0 ? claims.get(0) : resolve(claims.get(i), out.get(i - 1)));
        }
        return out;
    }

    /** {@code claim} with its opening pronoun replaced by the subject of {@code previous}, or as it is. */
    static String resolve(String claim, String previous) {
        int space = claim.indexOf(' ');
        if (space <= 0) {
            return claim;
        }
        String pronoun = claim.substring(0, space);
        if (!SINGULAR_PERSON.contains(pronoun) && !THING.contains(pronoun) && !PLURAL.contains(pronoun)) {
            return claim;
        }
        Subject s = subject(previous);
        if (s == null || !agrees(pronoun, s)) {
            return claim;
        }
        String text = s.text();
        if (POSSESSIVE.contains(pronoun)) {
            text += text.endsWith("s") ? "’" : "’s";
        }
        return text + claim.substring(space);
    }

    private static boolean agrees(String pronoun, Subject s) {
        if (SINGULAR_PERSON.contains(pronoun)) {
            return !s.article() && !s.joined();
        }
        if (THING.contains(pronoun)) {
            return s.article() && !s.joined() && !s.plural();
        }
        return s.joined() || s.article() && s.plural();
    }

    /** The claim's subject, or null when none is found. */
    private static Subject subject(String claim) {
        String[] w = claim.strip().split("\\s+");
        if (w.length < 2) {
            return null;
        }
        if (ARTICLES.contains(w[0])) {
            boolean joined = false;
            for (int j = 1; j < Math.min(w.length, 8); j++) {
                String word = bare(w[j]);
                boolean verb = AUXILIARIES.contains(word)
                        || j >= 2 && lowerCase(word) && (word.endsWith("ed") || word.endsWith("s"));
                if (verb) {
                    return new Subject(join(w, j), true, joined, plural(bare(w[j - 1])));
                }
                if (word.isEmpty()
                        || !w[j].substring(word.length()).replace(".", "").isEmpty()) {
                    return null; // a comma or a bracket ends the phrase before its verb
                }
                joined |= word.equals("and") || word.equals("&");
            }
            return null;
        }
        int i = 0;
        boolean joined = false;
        while (i < w.length) {
            String word = bare(w[i]);
            if (capitalised(word) && !word.equals("I") && !Lexicon.STOP.contains(word.toLowerCase(Locale.ROOT))) {
                i++;
                if (!word.equals(w[i - 1])) {
                    break; // a comma or a full stop ends the name
                }
            } else if (i > 0 && JOINERS.contains(word) && i + 1 < w.length && capitalised(bare(w[i + 1]))) {
                joined |= word.equals("and") || word.equals("&");
                i++;
            } else {
                break;
            }
        }
        if (i == 0 || i >= w.length || !w[i - 1].equals(bare(w[i - 1]))) {
            return null;
        }
        String next = bare(w[i]);
        boolean verbNext = lowerCase(next)
                && (AUXILIARIES.contains(next)
                        || ADVERBS.contains(next)
                        || !Lexicon.STOP.contains(next) && !JOINERS.contains(next));
        return verbNext ? new Subject(join(w, i), false, joined, joined) : null;
    }

    private static boolean lowerCase(String word) {
        return !word.isEmpty() && word.equals(word.toLowerCase(Locale.ROOT));
    }

    private static boolean plural(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return COLLECTIVE.contains(lower) || lower.length() > 3 && lower.endsWith("s") && !lower.endsWith("ss");
    }

    private static boolean capitalised(String word) {
        return !word.isEmpty() && Character.isUpperCase(word.charAt(0));
    }

    /** The word without the punctuation at its end. */
    private static String bare(String word) {
        int end = word.length();
        while (end > 0 && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(0, end);
    }

    /** The first {@code n} words, the punctuation after the last dropped. */
    private static String join(String[] w, int n) {
        String[] head = java.util.Arrays.copyOf(w, n);
        head[n - 1] = bare(head[n - 1]);
        return String.join(" ", head);
    }
}
