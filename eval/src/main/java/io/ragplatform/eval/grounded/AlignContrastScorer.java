package io.ragplatform.eval.grounded;

import io.ragplatform.index.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The default offline scorer: align the claim with its best-matching context sentences, then look for contrasts.
 *
 * <p><b>Alignment.</b> Contexts are split into sentences (abbreviations a context defines, as in "pyridostatin (PDS)",
 * are expanded where it uses them). Each sentence is ranked by the mean of the share of the claim's content words it
 * contains and the cosine of their embeddings under an in-process model (all-MiniLM-L6-v2, quantised); the top three
 * are the claim's evidence.
 *
 * <p><b>Score</b> = consistency × grounding, in [0, 1]:
 * <ul>
 *   <li><i>grounding</i> = exp(−{@code missingWord} × content words of the claim absent from every context
 *       − {@code missingEntity} × named entities and numbers absent from every context − {@code missingShare} ×
 *       max(0, the share of the claim's content words absent from every context − {@code shareFloor})): an answer
 *       with words, and above all names and numbers, that the contexts lack, and a claim that is mostly new
 *       ("They are wiped remotely." against a context that only says lost laptops are reported);</li>
 *   <li><i>consistency</i> = σ(intercept − Σ cue weights) / σ(intercept), 1 when no cue fires. Cues: an effect word of
 *       the claim replaced in the evidence by an opposite on the same axis (increase/decrease, promote/inhibit,
 *       improve/worsen, positive/negative, required/dispensable, accurate/inaccurate ...); a negation on one side only
 *       (near the words the two share); a null effect ("no difference", "similar", "unchanged") against a claimed
 *       effect; a negative prefix on one side only ("effective"/"ineffective", "dependent"/"independent"); a number
 *       conflict: the best evidence sentence, when it shares enough of the claim's words, lacks a number of the
 *       claim and states another one ("kept for 90 days" against "kept for 35 days", even where another passage
 *       says "every 90 days"); and two embedding flip tests: the claim with its effect words swapped, or its
 *       negation toggled, is closer to the best evidence sentence than the claim itself.</li>
 * </ul>
 * The weights ({@link #DEFAULT_MODEL}) were fitted by logistic regression on a fixed half of the SciFact claims
 * (seed 42; the other half is held out) and frozen; see docs/GROUNDEDNESS.md for the measurements. Thread-safe.
 */
public final class AlignContrastScorer implements SupportScorer {
    private final SentenceEmbeddings embeddings;
    private final ClaimSplitter splitter = new ClaimSplitter();
    private final Model model;

    /**
     * The coefficients of the score. Consistency cues are 0/1 except the flip tests, which are the cosine gain of the
     * flipped claim over the claim (floored at 0). The number-conflict cue counts only when the best sentence has at
     * least {@code numberAlignFloor} of the claim's content words ({@link Features#alignLex()}).
     */
    public record Model(
            double intercept,
            double oppositeEffect,
            double flipEffect,
            double flipNegation,
            double negation,
            double nullEffect,
            double negativePrefix,
            double numberConflict,
            double numberAlignFloor,
            double missingWord,
            double missingEntity,
            double missingShare,
            double shareFloor) {

        /** The same model with the named terms set to 0 (for ablations). */
        public Model without(String... terms) {
            java.util.Set<String> t = java.util.Set.of(terms);
            return new Model(
                    intercept,
                    t.contains("oppositeEffect") ? 0 : oppositeEffect,
                    t.contains("flipEffect") ? 0 : flipEffect,
                    t.contains("flipNegation") ? 0 : flipNegation,
                    t.contains("negation") ? 0 : negation,
                    t.contains("nullEffect") ? 0 : nullEffect,
                    t.contains("negativePrefix") ? 0 : negativePrefix,
                    t.contains("numberConflict") ? 0 : numberConflict,
                    numberAlignFloor,
                    t.contains("missingWord") ? 0 : missingWord,
                    t.contains("missingEntity") ? 0 : missingEntity,
                    t.contains("missingShare") ? 0 : missingShare,
                    shareFloor);
        }

        /** The same model with another weight and floor for the missing share (for tuning). */
        public Model withMissingShare(double weight, double floor) {
            return new Model(
                    intercept,
                    oppositeEffect,
                    flipEffect,
                    flipNegation,
                    negation,
                    nullEffect,
                    negativePrefix,
                    numberConflict,
                    numberAlignFloor,
                    missingWord,
                    missingEntity,
                    weight,
                    floor);
        }

        /** The same model with another weight and alignment floor for the number conflict (for tuning). */
        public Model withNumberConflict(double weight, double alignFloor) {
            return new Model(
                    intercept,
                    oppositeEffect,
                    flipEffect,
                    flipNegation,
                    negation,
                    nullEffect,
                    negativePrefix,
                    weight,
                    alignFloor,
                    missingWord,
                    missingEntity,
                    missingShare,
                    shareFloor);
        }
    }

    /**
     * Fitted on the SciFact tune half with all-MiniLM-L6-v2 (quantised): the consistency weights by L2-regularised
     * logistic regression (λ = 1), the grounding weights by a grid over both tune halves (SciFact and HaluEval).
     * The missing-share floor 0.5 is set by design (a claim is mostly new when more than half of its content words
     * are); its weight 0.7 comes from a grid over both tune halves. The number-conflict weight and its alignment
     * floor were added later, from a grid over both tune halves, the other weights kept.
     */
    public static final Model DEFAULT_MODEL =
            new Model(1.7773, 1.4389, 10.529, 8.672, 1.244, 0.7378, 0.6024, 1.0, 0.4, 0.03, 0.2, 0.7, 0.5);

    public AlignContrastScorer(Embedder embedder) {
        this(embedder, DEFAULT_MODEL);
    }

    public AlignContrastScorer(Embedder embedder, Model model) {
        this.embeddings = new SentenceEmbeddings(Objects.requireNonNull(embedder, "embedder"), 20_000);
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * What the score is made of, for reports and tuning. Cues are counted over the top three evidence sentences
     * ({@code oppositeEffect}) or at the best one (the others). {@code shareWords} are the claim's content words less
     * an answer particle ("Yes", "No,"), {@code shareMissing} those of them that no context has.
     * {@code numberConflicts} are the claim's numbers that the best sentence lacks while it states another number
     * (see {@link #numberConflicts}); the score counts them only when {@code alignLex} reaches the model's floor.
     */
    public record Features(
            double coverage,
            double bestCos,
            double alignCos,
            double alignLex,
            String evidence,
            int negClaim,
            int negMismatch,
            int oppositeEffect,
            int nullMismatch,
            int negativePrefix,
            int numbers,
            int numbersMissing,
            int entities,
            int entitiesMissing,
            int contentMissing,
            double flipNegation,
            double flipEffect,
            int shareWords,
            int shareMissing,
            int numberConflicts) {

        /** The share of the claim's content words (answer particles aside) that no context has; 0 without any. */
        public double missingShare() {
            return shareWords == 0 ? 0 : (double) shareMissing / shareWords;
        }
    }

    @Override
    public double support(String claim, List<String> contexts) {
        if (contexts == null || contexts.isEmpty()) {
            return 0;
        }
        Features f = features(claim, contexts);
        return f == null ? 0 : score(f, model);
    }

    /** The score of a claim's features under a model. */
    public static double score(Features f, Model m) {
        return Math.max(0, Math.min(1, consistency(f, m) * grounding(f, m)));
    }

    /** σ(intercept − cues) / σ(intercept): 1 without cues. */
    public static double consistency(Features f, Model m) {
        double z = m.intercept()
                - m.oppositeEffect() * Math.min(1, f.oppositeEffect())
                - m.flipEffect() * Math.max(0, f.flipEffect())
                - m.flipNegation() * Math.max(0, f.flipNegation())
                - m.negation() * Math.min(1, f.negMismatch())
                - m.nullEffect() * Math.min(1, f.nullMismatch())
                - m.negativePrefix() * Math.min(1, f.negativePrefix())
                - m.numberConflict() * (f.numberConflicts() > 0 && f.alignLex() >= m.numberAlignFloor() ? 1 : 0);
        return sigmoid(z) / sigmoid(m.intercept());
    }

    /**
     * exp(−missingWord × plain words missing − missingEntity × entities and numbers missing − missingShare ×
     * max(0, share of content words missing − shareFloor)).
     */
    public static double grounding(Features f, Model m) {
        int named = f.entitiesMissing() + f.numbersMissing();
        int plain = Math.max(0, f.contentMissing() - named);
        double share = Math.max(0, f.missingShare() - m.shareFloor());
        return Math.exp(-m.missingWord() * plain - m.missingEntity() * named - m.missingShare() * share);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static final int TOP = 3;

    /** The features of a claim against contexts, or null when the contexts have no sentence. */
    public Features features(String claim, List<String> contexts) {
        List<String> sentences = new ArrayList<>();
        for (String c : contexts) {
            java.util.Map<String, String> abbreviations = Text.abbreviations(c);
            for (String sentence : splitter.split(c)) {
                sentences.add(abbreviations.isEmpty() ? sentence : Text.expand(sentence, abbreviations));
            }
        }
        if (sentences.isEmpty()) {
            return null;
        }
        List<Text.Tok> claimToks = Text.tokens(claim);
        List<Text.Tok> claimContent = claimToks.stream().filter(Text::content).toList();
        Set<String> claimKeys = Text.keys(claimContent);
        List<List<Text.Tok>> sentToks = sentences.stream().map(Text::tokens).toList();
        Set<String> allKeys = new HashSet<>();
        sentToks.forEach(t -> allKeys.addAll(Text.keys(t)));

        float[] q = embeddings.embed(claim);
        List<float[]> vs = embeddings.embedAll(sentences);
        int n = sentences.size();
        double[] cos = new double[n];
        double[] lex = new double[n];
        double[] align = new double[n];
        double bestCos = -1;
        for (int i = 0; i < n; i++) {
            cos[i] = SentenceEmbeddings.cosine(q, vs.get(i));
            lex[i] = LexicalCoverageScorer.coverage(claimToks, Text.keys(sentToks.get(i)));
            align[i] = 0.5 * cos[i] + 0.5 * lex[i];
            bestCos = Math.max(bestCos, cos[i]);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(
                order, Comparator.comparingDouble((Integer i) -> -align[i]).thenComparingInt(i -> i));
        int best = order[0];

        int negClaim = Text.negations(claimToks);
        boolean nullClaim = Text.nullEffect(claimToks);
        List<Text.Tok> ev = sentToks.get(best);
        int negMismatch = (negClaim > 0) != (scopedNegations(ev, claimKeys) > 0) ? 1 : 0;
        int nullMismatch = nullClaim != Text.nullEffect(ev) ? 1 : 0;
        int negativePrefix = prefixNegations(claimToks, ev) + prefixNegations(ev, claimToks);
        List<List<Text.Tok>> topSentences = new ArrayList<>();
        for (int r = 0; r < Math.min(TOP, n); r++) {
            topSentences.add(sentToks.get(order[r]));
        }
        int opposite = Math.max(oppositeEffects(claimToks, List.of(ev)), oppositeEffects(claimToks, topSentences));

        int numbers = 0;
        int numbersMissing = 0;
        int entities = 0;
        int entitiesMissing = 0;
        for (Text.Tok t : claimToks) {
            if (isNumber(t)) {
                numbers++;
                if (!allKeys.contains(numberKey(t))) {
                    numbersMissing++;
                }
            } else if (t.entity()) {
                entities++;
                if (!allKeys.contains(t.key()) && !allKeys.contains(t.lower())) {
                    entitiesMissing++;
                }
            }
        }
        int contentMissing = (int) claimContent.stream()
                .filter(t -> !allKeys.contains(t.key()) && !allKeys.contains(t.lower()))
                .count();
        boolean particle = ANSWER_PARTICLE.matcher(claim.strip()).matches();
        List<Text.Tok> shareContent =
                claimContent.stream().filter(t -> !(particle && t.index() == 0)).toList();
        int shareMissing = (int) shareContent.stream()
                .filter(t -> !allKeys.contains(t.key()) && !allKeys.contains(t.lower()))
                .count();
        double flipNegation = 0;
        double flipEffect = 0;
        if (model.flipEffect() != 0 || model.flipNegation() != 0) {
            Flips flips = flips(claim);
            float[] evidence = vs.get(best);
            flipNegation = maxCos(embeddings.embedAll(flips.negation()), evidence) - cos[best];
            flipEffect = maxCos(embeddings.embedAll(flips.direction()), evidence) - cos[best];
            flipNegation = flips.negation().isEmpty() ? 0 : flipNegation;
            flipEffect = flips.direction().isEmpty() ? 0 : flipEffect;
        }
        return new Features(
                LexicalCoverageScorer.coverage(claimToks, allKeys),
                bestCos,
                cos[best],
                lex[best],
                sentences.get(best),
                negClaim,
                negMismatch,
                opposite,
                nullMismatch,
                negativePrefix,
                numbers,
                numbersMissing,
                entities,
                entitiesMissing,
                contentMissing,
                flipNegation,
                flipEffect,
                shareContent.size(),
                shareMissing,
                numberConflicts(claimToks, ev, sentToks));
    }

    /** "Yes" or "no" answering a question ("No, she was Canadian."): it states nothing the contexts could hold. */
    private static final java.util.regex.Pattern ANSWER_PARTICLE =
            java.util.regex.Pattern.compile("(?is)(yes|no)\\s*(?:[,.;:!?].*)?");

    private static double maxCos(List<float[]> vs, float[] ev) {
        double m = -1;
        for (float[] v : vs) {
            m = Math.max(m, SentenceEmbeddings.cosine(v, ev));
        }
        return vs.isEmpty() ? 0 : m;
    }

    private static boolean isNumber(Text.Tok t) {
        return t.kind() == Text.Kind.NUMBER
                || t.kind() == Text.Kind.WORD
                        && Text.NUMBER_WORDS.containsKey(t.lower())
                        && !t.lower().equals("one")
                        && !t.lower().equals("single");
    }

    private static String numberKey(Text.Tok t) {
        return t.kind() == Text.Kind.NUMBER ? t.key() : Text.NUMBER_WORDS.get(t.lower());
    }

    /** Scale words: "several hundred", "1.3 billion". They state no figure of their own. */
    private static final Set<String> SCALE = Set.of("hundred", "thousand", "million", "billion");

    /** How far (in tokens) a claim word may be from a number to tie that number to another sentence. */
    private static final int NUMBER_WINDOW = 4;

    /**
     * A number that states a figure: not a scale word, and not part of a name, i.e. not right after an acronym or a
     * code ("BRCA 1", "US 60", "WNP-3", "OCT3/4").
     */
    private static boolean isFigure(List<Text.Tok> toks, int i) {
        Text.Tok t = toks.get(i);
        if (!isNumber(t) || SCALE.contains(t.lower())) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        Text.Tok prev = toks.get(i - 1);
        boolean acronym = prev.kind() == Text.Kind.WORD
                && prev.raw().length() > 1
                && prev.raw().equals(prev.raw().toUpperCase(Locale.ROOT));
        return prev.kind() != Text.Kind.CODE && !acronym;
    }

    /**
     * The claim's numbers that its best evidence sentence contradicts. A number of the claim (digits or a number word,
     * a figure as {@link #isFigure} has it) counts when
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
            if (isNumber(t)) {
                claimNumbers.add(numberKey(t));
            }
        }
        if (claimNumbers.isEmpty()) {
            return 0;
        }
        boolean other = false;
        List<Double> decimals = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            Text.Tok t = best.get(i);
            other |= isFigure(best, i) && !claimNumbers.contains(numberKey(t));
            if (t.kind() == Text.Kind.NUMBER && t.key().contains(".")) {
                decimals.add(value(t.key()));
            }
        }
        if (!other) {
            return 0;
        }
        Set<String> bestKeys = Text.keys(best);
        int n = 0;
        for (int i = 0; i < claim.size(); i++) {
            Text.Tok t = claim.get(i);
            String key = numberKey(t);
            if (!isFigure(claim, i) || bestKeys.contains(key)) {
                continue;
            }
            double v = key.contains(".") ? Double.NaN : value(key);
            if (decimals.stream().anyMatch(d -> Math.abs(d - v) < 1)) {
                continue;
            }
            List<Text.Tok> near = new ArrayList<>();
            for (int j = Math.max(0, i - NUMBER_WINDOW); j <= Math.min(claim.size() - 1, i + NUMBER_WINDOW); j++) {
                Text.Tok u = claim.get(j);
                if (u.kind() == Text.Kind.WORD
                        && Text.content(u)
                        && !isNumber(u)
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

    private static double value(String key) {
        try {
            return Double.parseDouble(key);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Effect words of the claim that the evidence replaces with an opposite: the claim's word (by stem) is in none of
     * the evidence sentences, and one of them has a word of the other side of the same axis. Checked against the best
     * sentence alone and against the top three together.
     */
    private static int oppositeEffects(List<Text.Tok> claim, List<List<Text.Tok>> evidence) {
        Set<String> evKeys = new HashSet<>();
        int[] de = new int[Text.AXES.length];
        for (List<Text.Tok> ev : evidence) {
            for (Text.Tok t : ev) {
                evKeys.add(t.key());
                int[] p = Text.polarity(t);
                if (p != null) {
                    de[p[0]] |= p[1] > 0 ? 1 : 2;
                }
            }
        }
        int n = 0;
        for (Text.Tok t : claim) {
            int[] p = Text.polarity(t);
            if (p != null && !evKeys.contains(t.key()) && (de[p[0]] & (p[1] > 0 ? 2 : 1)) != 0) {
                n++;
            }
        }
        return n;
    }

    /** Negations in the evidence within 3 tokens of a word it shares with the claim. */
    private static int scopedNegations(List<Text.Tok> ev, Set<String> claimKeys) {
        int n = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (!Text.NEGATION.contains(ev.get(i).lower())) {
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

    private static final String[] NEG_PREFIXES = {"non", "un", "in", "im", "ir", "il", "dis"};

    /** Words of {@code a} that are a negative prefix plus a word of {@code b} ("ineffective" against "effective"). */
    private static int prefixNegations(List<Text.Tok> a, List<Text.Tok> b) {
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

    private static final Set<String> AUX = Set.of(
            "is", "are", "was", "were", "can", "could", "may", "might", "does", "do", "did", "has", "have", "had",
            "will", "would", "should", "must");

    /** Variants of a claim with one polarity changed. */
    record Flips(List<String> negation, List<String> direction) {}

    /** The claim with its negation toggled, and with each effect word swapped for an opposite. */
    static Flips flips(String claim) {
        List<String> neg = new ArrayList<>();
        List<String> dir = new ArrayList<>();
        String[] words = claim.split(" ");
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
        } else {
            for (int i = 0; i < words.length; i++) {
                if (AUX.contains(words[i].toLowerCase(Locale.ROOT))) {
                    neg.add(join(words, i + 1, "not"));
                    break;
                }
            }
            if (neg.isEmpty()) {
                for (int i = 1; i < words.length; i++) {
                    String lw = words[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
                    if (lw.length() > 3
                            && lw.endsWith("s")
                            && !lw.endsWith("ss")
                            && !lw.endsWith("us")
                            && !lw.endsWith("is")
                            && !Text.STOP.contains(lw)
                            && Text.polarity(word(lw)) != null) {
                        neg.add(join(words, i, "does not"));
                        break;
                    }
                }
            }
        }
        for (int i = 0; i < words.length; i++) {
            String raw = words[i].replaceAll("[^\\p{L}]", "");
            String lw = raw.toLowerCase(Locale.ROOT);
            if (lw.isEmpty()) {
                continue;
            }
            int[] p = Text.polarity(word(lw));
            if (p != null) {
                String opposite = opposite(lw, p);
                if (opposite != null) {
                    String[] copy = words.clone();
                    copy[i] = words[i].replace(raw, opposite);
                    dir.add(String.join(" ", copy));
                }
            }
        }
        return new Flips(neg, dir);
    }

    private static Text.Tok word(String lw) {
        return new Text.Tok(lw, lw, Text.stem(lw), Text.Kind.WORD, false, 0);
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
        String[] other = Text.AXES[p[0]][p[1] > 0 ? 1 : 0];
        String[] endings = {"ing", "ed", "es", "s", "er", "ion", "ly"};
        for (String e : endings) {
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

    @Override
    public String name() {
        return "align-contrast";
    }

    @Override
    public String modelId() {
        return embeddings.modelId();
    }
}
