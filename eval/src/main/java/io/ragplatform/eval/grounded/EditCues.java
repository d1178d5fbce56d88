package io.ragplatform.eval.grounded;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Subtle edits that {@link ContrastCues} does not see, each counted against one evidence sentence: a changed modality
 * ("will" against "may"), a changed quantifier ("all" against "some") and a cause and effect swapped ("A led to B"
 * against "B led to A"). Each is 0 or 1; {@link AlignContrastScorer} weighs them. English only.
 */
final class EditCues {
    private EditCues() {}

    /** Modal words that state a thing as certain. */
    static final Set<String> CERTAIN =
            Set.of("will", "must", "shall", "certainly", "definitely", "surely", "undoubtedly");

    /** Modal words that state a thing as possible only. */
    static final Set<String> HEDGED = Set.of(
            "may", "might", "could", "possibly", "perhaps", "probably", "maybe", "potentially", "likely", "unlikely");

    /** Quantifiers over all of something, or over it alone. */
    static final Set<String> UNIVERSAL =
            Set.of("all", "every", "always", "entire", "entirely", "completely", "only", "solely", "exclusively");

    /** Quantifiers over part of something. */
    static final Set<String> PARTIAL = Set.of(
            "some",
            "several",
            "many",
            "most",
            "few",
            "sometimes",
            "partly",
            "partially",
            "often",
            "various",
            "occasionally");

    /** Markers after which the effect follows the cause: "A led to B". */
    private static final List<List<String>> FORWARD = List.of(
            List.of("lead", "to"),
            List.of("leads", "to"),
            List.of("led", "to"),
            List.of("leading", "to"),
            List.of("result", "in"),
            List.of("results", "in"),
            List.of("resulted", "in"),
            List.of("causes"),
            List.of("caused"),
            List.of("therefore"));

    /** Markers after which the cause follows the effect: "B because of A". */
    private static final List<List<String>> BACKWARD = List.of(
            List.of("caused", "by"),
            List.of("because"),
            List.of("due", "to"),
            List.of("owing", "to"),
            List.of("results", "from"),
            List.of("resulted", "from"),
            List.of("result", "from"),
            List.of("as", "a", "result", "of"));

    /** 1 when the claim has words of one side of {@code a} / {@code b} and the evidence only of the other. */
    private static int opposite(List<Text.Tok> claim, List<Text.Tok> evidence, Set<String> a, Set<String> b) {
        boolean claimA = has(claim, a);
        boolean claimB = has(claim, b);
        boolean evA = has(evidence, a);
        boolean evB = has(evidence, b);
        return claimA && !claimB && evB && !evA || claimB && !claimA && evA && !evB ? 1 : 0;
    }

    /** The claim states as certain what the evidence states as possible, or the reverse. */
    static int modality(List<Text.Tok> claim, List<Text.Tok> evidence) {
        return opposite(claim, evidence, CERTAIN, HEDGED);
    }

    /** The claim quantifies over all (or only) where the evidence quantifies over part, or the reverse. */
    static int quantifier(List<Text.Tok> claim, List<Text.Tok> evidence) {
        return opposite(claim, evidence, UNIVERSAL, PARTIAL);
    }

    /**
     * The claim's cause is the evidence's effect and its effect the evidence's cause: both state a causal link (a
     * marker such as "led to", "because", "due to"), and the content words on the two sides of the claim's marker
     * are shared more crosswise than in order with those of the evidence, with at least one shared each way.
     */
    static int causeReversal(List<Text.Tok> claim, List<Text.Tok> evidence) {
        Set<String>[] c = causeEffect(claim);
        Set<String>[] e = causeEffect(evidence);
        if (c == null || e == null) {
            return 0;
        }
        int cross1 = overlap(c[0], e[1]);
        int cross2 = overlap(c[1], e[0]);
        int straight = overlap(c[0], e[0]) + overlap(c[1], e[1]);
        return cross1 > 0 && cross2 > 0 && cross1 + cross2 > straight ? 1 : 0;
    }

    /** The content keys of the cause and of the effect around the first causal marker, or null without one. */
    @SuppressWarnings("unchecked")
    private static Set<String>[] causeEffect(List<Text.Tok> toks) {
        for (int i = 0; i < toks.size(); i++) {
            for (boolean forward : new boolean[] {false, true}) {
                for (List<String> marker : forward ? FORWARD : BACKWARD) {
                    if (matches(toks, i, marker)) {
                        Set<String> before = keys(toks.subList(0, i));
                        Set<String> after = keys(toks.subList(i + marker.size(), toks.size()));
                        return forward ? new Set[] {before, after} : new Set[] {after, before};
                    }
                }
            }
        }
        return null;
    }

    private static boolean matches(List<Text.Tok> toks, int at, List<String> marker) {
        if (at + marker.size() > toks.size()) {
            return false;
        }
        for (int k = 0; k < marker.size(); k++) {
            if (!toks.get(at + k).lower().equals(marker.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> keys(List<Text.Tok> toks) {
        Set<String> out = new HashSet<>();
        for (Text.Tok t : toks) {
            if (Text.content(t)) {
                out.add(t.key());
            }
        }
        return out;
    }

    private static int overlap(Set<String> a, Set<String> b) {
        int n = 0;
        for (String k : a) {
            n += b.contains(k) ? 1 : 0;
        }
        return n;
    }

    private static boolean has(List<Text.Tok> toks, Set<String> words) {
        for (Text.Tok t : toks) {
            if (words.contains(t.lower())) {
                return true;
            }
        }
        return false;
    }
}
