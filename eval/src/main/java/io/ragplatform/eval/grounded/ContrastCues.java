package io.ragplatform.eval.grounded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The token-level consistency cues of {@link AlignContrastScorer}: where a claim and its evidence sentences disagree
 * in negation, effect direction, null effect, negative prefix or number. Each counts; the scorer caps and weighs them.
 */
final class ContrastCues {
    private ContrastCues() {}

    /** How far (in tokens) a claim word may be from a number to tie that number to another sentence. */
    private static final int NUMBER_WINDOW = 4;

    private static final String[] NEG_PREFIXES = {"non", "un", "in", "im", "ir", "il", "dis"};

    static int negations(List<Text.Tok> toks) {
        int n = 0;
        for (Text.Tok t : toks) {
            if (Lexicon.NEGATION.contains(t.lower())) {
                n++;
            }
        }
        return n;
    }

    /** Negations in the evidence within 3 tokens of a word it shares with the claim. */
    static int scopedNegations(List<Text.Tok> ev, Set<String> claimKeys) {
        int n = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (!Lexicon.NEGATION.contains(ev.get(i).lower())) {
                continue;
            }
            for (int j = Math.max(0, i - 3); j <= Math.min(ev.size() - 1, i + 3); j++) {
                Text.Tok t = ev.get(j);
                if (j != i && Text.content(t) && claimKeys.contains(t.key())) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** Whether the text says nothing changed or differed: a null-effect word, or "no"/"not"/"little" before one. */
    static boolean nullEffect(List<Text.Tok> toks) {
        for (int i = 0; i < toks.size(); i++) {
            String w = toks.get(i).lower();
            if (Lexicon.NULL_EFFECT.contains(w)) {
                return true;
            }
            if ((w.equals("no") || w.equals("not") || w.equals("little")) && i + 1 < toks.size()) {
                String next = toks.get(i + 1).lower();
                String next2 = i + 2 < toks.size() ? toks.get(i + 2).lower() : "";
                if (next.startsWith("differ")
                        || next.startsWith("effect")
                        || next.startsWith("signific")
                        || next.startsWith("associat")
                        || next.startsWith("correlat")
                        || next.startsWith("chang")
                        || next.startsWith("affect")
                        || next.startsWith("impact")
                        || next.startsWith("influenc")
                        || next.startsWith("alter")
                        || next.startsWith("relat")
                        || next2.startsWith("differ")
                        || next2.startsWith("effect")
                        || next2.startsWith("associat")
                        || next2.startsWith("correlat")
                        || next2.startsWith("chang")
                        || next2.startsWith("affect")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Words of {@code a} that are a negative prefix plus a word of {@code b} ("ineffective" against "effective"). */
    static int prefixNegations(List<Text.Tok> a, List<Text.Tok> b) {
        Set<String> bKeys = new HashSet<>();
        for (Text.Tok t : b) {
            bKeys.add(t.key());
        }
        int n = 0;
        for (Text.Tok t : a) {
            if (t.kind() != Text.Kind.WORD || bKeys.contains(t.key())) {
                continue;
            }
            for (String p : NEG_PREFIXES) {
                if (t.lower().startsWith(p) && t.lower().length() - p.length() >= 5) {
                    String rest = Text.stem(t.lower().substring(p.length()));
                    if (bKeys.contains(rest)) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    /**
     * Effect words of the claim that the evidence replaces with an opposite: the claim's word (by stem) is in none of
     * the evidence sentences, and one of them has a word of the other side of the same axis. Checked against the best
     * sentence alone and against the top three together.
     */
    static int oppositeEffects(List<Text.Tok> claim, List<List<Text.Tok>> evidence) {
        Set<String> evKeys = new HashSet<>();
        int[] de = new int[Lexicon.AXES.length];
        for (List<Text.Tok> ev : evidence) {
            for (Text.Tok t : ev) {
                evKeys.add(t.key());
                int[] p = Polarity.of(t);
                if (p != null) {
                    de[p[0]] |= p[1] > 0 ? 1 : 2;
                }
            }
        }
        int n = 0;
        for (Text.Tok t : claim) {
            int[] p = Polarity.of(t);
            if (p != null && !evKeys.contains(t.key()) && (de[p[0]] & (p[1] > 0 ? 2 : 1)) != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The claim's numbers that its best evidence sentence contradicts. A number of the claim (digits or a number word,
     * a figure as {@link Numbers#isFigure} has it) counts when
     * <ul>
     *   <li>the best sentence lacks it, also within 1 of a decimal it states ("76" matches "76.3");</li>
     *   <li>the best sentence states another figure, one the claim lacks: "kept for 90 days" against "kept for 35
     *       days";</li>
     *   <li>and no sentence of the contexts ties the number to the claim: none has it together with a content word
     *       that stands within 4 tokens of it in the claim and that the best sentence lacks. A claim that joins two
     *       sentences ("Full backups are kept for 35 days and signing keys are rotated every 90 days.") is not a
     *       conflict; "Backups are kept for 90 days." is, although another passage says "rotated every 90 days".</li>
     * </ul>
     */
    static int numberConflicts(List<Text.Tok> claim, List<Text.Tok> best, List<List<Text.Tok>> sentences) {
        Set<String> claimNumbers = new HashSet<>();
        for (Text.Tok t : claim) {
            if (Numbers.isNumber(t)) {
                claimNumbers.add(Numbers.key(t));
            }
        }
        if (claimNumbers.isEmpty()) {
            return 0;
        }
        boolean other = false;
        List<Double> decimals = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            Text.Tok t = best.get(i);
            other |= Numbers.isFigure(best, i) && !claimNumbers.contains(Numbers.key(t));
            if (t.kind() == Text.Kind.NUMBER && t.key().contains(".")) {
                decimals.add(Numbers.value(t.key()));
            }
        }
        if (!other) {
            return 0;
        }
        Set<String> bestKeys = Text.keys(best);
        int n = 0;
        for (int i = 0; i < claim.size(); i++) {
            Text.Tok t = claim.get(i);
            String key = Numbers.key(t);
            if (!Numbers.isFigure(claim, i) || bestKeys.contains(key)) {
                continue;
            }
            double v = key.contains(".") ? Double.NaN : Numbers.value(key);
            if (decimals.stream().anyMatch(d -> Math.abs(d - v) < 1)) {
                continue;
            }
            List<Text.Tok> near = new ArrayList<>();
            for (int j = Math.max(0, i - NUMBER_WINDOW); j <= Math.min(claim.size() - 1, i + NUMBER_WINDOW); j++) {
                Text.Tok u = claim.get(j);
                if (u.kind() == Text.Kind.WORD
                        && Text.content(u)
                        && !Numbers.isNumber(u)
                        && !bestKeys.contains(u.key())
                        && !bestKeys.contains(u.lower())) {
                    near.add(u);
                }
            }
            boolean tied = false;
            for (List<Text.Tok> s : sentences) {
                Set<String> k = Text.keys(s);
                if (k.contains(key) && near.stream().anyMatch(u -> k.contains(u.key()) || k.contains(u.lower()))) {
                    tied = true;
                    break;
                }
            }
            if (!tied) {
                n++;
            }
        }
        return n;
    }
}
