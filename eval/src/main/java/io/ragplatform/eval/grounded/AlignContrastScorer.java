package io.ragplatform.eval.grounded;

import io.ragplatform.index.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
public final class AlignContrastScorer extends SentenceEmbeddingScorer {
    private final Model model;
    private final Model documentModel;
    private final int window;
    private final int documentWindow;

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
            double shareFloor,
            double modality,
            double quantifier,
            double causeReversal) {

        /** The weights {@link #without} may set to 0; the intercept and the floors are not weights. */
        private static final java.util.Set<String> FLOORS =
                java.util.Set.of("intercept", "numberAlignFloor", "shareFloor");

        /** The same model with the named terms set to 0 (for ablations). */
        public Model without(String... terms) {
            java.util.Set<String> t = java.util.Set.of(terms);
            return map((term, value) -> t.contains(term) && !FLOORS.contains(term) ? 0 : value);
        }

        /** The same model with another weight and floor for the missing share (for tuning). */
        public Model withMissingShare(double weight, double floor) {
            return with("missingShare", weight, "shareFloor", floor);
        }

        /** The same model with other grounding weights (for long documents and for tuning). */
        public Model withGrounding(double missingWord, double missingEntity, double missingShare) {
            return map((term, value) -> switch (term) {
                case "missingWord" -> missingWord;
                case "missingEntity" -> missingEntity;
                case "missingShare" -> missingShare;
                default -> value;
            });
        }

        /** The same model with other weights of the modality, quantifier and cause-reversal cues. */
        public Model withEditCues(double modality, double quantifier, double causeReversal) {
            return map((term, value) -> switch (term) {
                case "modality" -> modality;
                case "quantifier" -> quantifier;
                case "causeReversal" -> causeReversal;
                default -> value;
            });
        }

        /** The same model with another weight and alignment floor for the number conflict (for tuning). */
        public Model withNumberConflict(double weight, double alignFloor) {
            return with("numberConflict", weight, "numberAlignFloor", alignFloor);
        }

        private Model with(String weightTerm, double weight, String floorTerm, double floor) {
            return map((term, value) -> term.equals(weightTerm) ? weight : term.equals(floorTerm) ? floor : value);
        }

        /**
         * The same model with each term, by its component name, replaced by what {@code term} makes of it. The names
         * come from the record itself, so that a term named in {@link #without} cannot drift from its component.
         */
        private Model map(java.util.function.ToDoubleBiFunction<String, Double> term) {
            java.lang.reflect.RecordComponent[] components = Model.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    double value = (Double) components[i].getAccessor().invoke(this);
                    values[i] = term.applyAsDouble(components[i].getName(), value);
                    types[i] = components[i].getType();
                }
                return Model.class.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a model is built from its own components", e);
            }
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
            new Model(1.7773, 1.4389, 10.529, 8.672, 1.244, 0.7378, 0.6024, 1.0, 0.4, 0.03, 0.2, 0.7, 0.5, 0, 0, 0);

    /**
     * The weights against a long document or a dialogue ({@link ContextShape}): a summary of such a context paraphrases
     * it, so a plain word that the document lacks costs nothing by count (the share of such words still counts, past
     * half the claim), while a name or a number it lacks costs 0.6 instead of 0.2. The cues keep {@link
     * #DEFAULT_MODEL}'s weights, and the modality, quantifier and cause-reversal cues ({@link EditCues}) count 1.0
     * each (their tune rows gain 0.003 AUROC with them; on the SciFact tune half they cost 0.001, so short passages
     * leave them out). Chosen on the SummEdits {@code evaluation} rows of its six domains (docs/GROUNDEDNESS.md,
     * "SummEdits").
     */
    public static final Model DEFAULT_DOCUMENT_MODEL =
            DEFAULT_MODEL.withGrounding(0, 0.6, 0.7).withEditCues(1.0, 1.0, 1.0);

    /** The most consecutive sentences one piece of evidence joins in a long document or a dialogue, by default. */
    public static final int DEFAULT_DOCUMENT_WINDOW = 1;

    /** The default scorer: {@link #DEFAULT_MODEL} on passages, {@link #DEFAULT_DOCUMENT_MODEL} on long documents. */
    public AlignContrastScorer(Embedder embedder) {
        this(embedder, DEFAULT_MODEL, DEFAULT_DOCUMENT_MODEL, 1, DEFAULT_DOCUMENT_WINDOW);
    }

    /** One model and single sentences on every context, long or not (for ablations). */
    public AlignContrastScorer(Embedder embedder, Model model) {
        this(embedder, model, 1);
    }

    /** One model and one window on every context, long or not (for ablations). */
    public AlignContrastScorer(Embedder embedder, Model model, int window) {
        this(embedder, model, model, window, window);
    }

    /**
     * @param model the weights against short passages
     * @param documentModel the weights against a long document or a dialogue ({@link ContextShape})
     * @param window the most consecutive sentences of a context one piece of evidence may join: 1 aligns a claim with
     *     single sentences; 2 also with each pair of neighbours, for claims that join two sentences (measured in
     *     docs/GROUNDEDNESS.md, "SummEdits")
     * @param documentWindow the same against a long document or a dialogue
     */
    public AlignContrastScorer(Embedder embedder, Model model, Model documentModel, int window, int documentWindow) {
        super(embedder);
        this.model = Objects.requireNonNull(model, "model");
        this.documentModel = Objects.requireNonNull(documentModel, "documentModel");
        if (window < 1 || documentWindow < 1) {
            throw new IllegalArgumentException(
                    "a window must be at least 1 sentence: " + window + ", " + documentWindow);
        }
        this.window = window;
        this.documentWindow = documentWindow;
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
            int numberConflicts,
            int modality,
            int quantifier,
            int causeReversal,
            boolean document) {

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
        return f == null ? 0 : score(f);
    }

    /** The score of a claim's features under this scorer's model for their context: passages or a long document. */
    public double score(Features f) {
        return score(f, f.document() ? documentModel : model);
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
                - m.numberConflict() * (f.numberConflicts() > 0 && f.alignLex() >= m.numberAlignFloor() ? 1 : 0)
                - m.modality() * Math.min(1, f.modality())
                - m.quantifier() * Math.min(1, f.quantifier())
                - m.causeReversal() * Math.min(1, f.causeReversal());
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
        List<List<String>> perContext = new ArrayList<>();
        for (String c : contexts) {
            java.util.Map<String, String> abbreviations = Abbreviations.defined(c);
            List<String> own = new ArrayList<>();
            for (String sentence : splitter.split(c)) {
                own.add(abbreviations.isEmpty() ? sentence : Abbreviations.expand(sentence, abbreviations));
            }
            perContext.add(own);
        }
        boolean document = ContextShape.document(contexts, perContext);
        int joined = document ? documentWindow : window;
        List<String> sentences = new ArrayList<>();
        for (List<String> own : perContext) {
            sentences.addAll(own);
            for (int size = 2; size <= joined; size++) {
                for (int i = 0; i + size <= own.size(); i++) {
                    sentences.add(String.join(" ", own.subList(i, i + size)));
                }
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

        int negClaim = ContrastCues.negations(claimToks);
        boolean nullClaim = ContrastCues.nullEffect(claimToks);
        List<Text.Tok> ev = sentToks.get(best);
        int negMismatch = (negClaim > 0) != (ContrastCues.scopedNegations(ev, claimKeys) > 0) ? 1 : 0;
        int nullMismatch = nullClaim != ContrastCues.nullEffect(ev) ? 1 : 0;
        int negativePrefix = ContrastCues.prefixNegations(claimToks, ev) + ContrastCues.prefixNegations(ev, claimToks);
        List<List<Text.Tok>> topSentences = new ArrayList<>();
        for (int r = 0; r < Math.min(TOP, n); r++) {
            topSentences.add(sentToks.get(order[r]));
        }
        int opposite = Math.max(
                ContrastCues.oppositeEffects(claimToks, List.of(ev)),
                ContrastCues.oppositeEffects(claimToks, topSentences));

        int numbers = 0;
        int numbersMissing = 0;
        int entities = 0;
        int entitiesMissing = 0;
        for (Text.Tok t : claimToks) {
            if (Numbers.isNumber(t)) {
                numbers++;
                if (!allKeys.contains(Numbers.key(t))) {
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
        Model regime = document ? documentModel : model;
        if (regime.flipEffect() != 0 || regime.flipNegation() != 0) {
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
                numberConflicts(claimToks, ev, sentToks),
                EditCues.modality(claimToks, ev),
                EditCues.quantifier(claimToks, ev),
                topSentences.stream()
                        .mapToInt(t -> EditCues.causeReversal(claimToks, t))
                        .max()
                        .orElse(0),
                document);
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

    /**
     * The claim's numbers that its best evidence sentence contradicts (digits or number words that state a figure,
     * lacking in the best sentence while it states another one, and tied to the claim by no other sentence); see
     * {@link ContrastCues#numberConflicts}.
     */
    static int numberConflicts(List<Text.Tok> claim, List<Text.Tok> best, List<List<Text.Tok>> sentences) {
        return ContrastCues.numberConflicts(claim, best, sentences);
    }

    /** Variants of a claim with one polarity changed. */
    record Flips(List<String> negation, List<String> direction) {}

    /** The claim with its negation toggled, and with each effect word swapped for an opposite. */
    static Flips flips(String claim) {
        return ClaimFlips.of(claim);
    }

    /**
     * The version of the rules and weights: 2 adds the long-document weights ({@link #DEFAULT_DOCUMENT_MODEL}), the
     * modality, quantifier and cause-reversal cues and (through {@link Groundedness}) decontextualized claims; 1 was
     * the scorer before them.
     */
    public static final String VERSION = "2";

    @Override
    public String name() {
        return "align-contrast";
    }

    @Override
    public String version() {
        return VERSION;
    }
}
