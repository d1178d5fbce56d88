package io.ragplatform.eval.grounded;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates answers: splits each into claims ({@link ClaimSplitter}), scores every claim against the item's contexts
 * with a {@link SupportScorer}, and counts a claim as supported when its score reaches the threshold. A claim that
 * opens with a pronoun is scored with the pronoun resolved from the claim before ({@link Decontextualizer}); the result
 * shows the claims as the answer states them. Thread-safe when its scorer is.
 */
public final class Groundedness {
    private final ClaimSplitter splitter;
    private final SupportScorer scorer;
    private final double threshold;

    public Groundedness(SupportScorer scorer, double threshold) {
        this(new ClaimSplitter(), scorer, threshold);
    }

    public Groundedness(ClaimSplitter splitter, SupportScorer scorer, double threshold) {
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold out of [0,1]: " + threshold);
        }
        this.threshold = threshold;
    }

    /** The default: {@link SupportScorers#defaultScorer()} at {@link SupportScorers#DEFAULT_THRESHOLD}. */
    public static Groundedness defaults() {
        return new Groundedness(SupportScorers.defaultScorer(), SupportScorers.DEFAULT_THRESHOLD);
    }

    public SupportScorer scorer() {
        return scorer;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * Groundedness of an item's answer against its reference contexts or, when it has none, the chunks retrieved for
     * it. Empty when the answer has no claim (null, blank or punctuation only): such items are not counted. With
     * neither contexts nor retrieved chunks, every claim is unsupported.
     */
    public Optional<GroundednessResult> evaluate(String answer, List<String> contexts, List<String> retrievedChunks) {
        List<String> evidence = contexts != null && !contexts.isEmpty()
                ? contexts
                : retrievedChunks != null ? retrievedChunks : List.of();
        return evaluate(answer, evidence);
    }

    /** Groundedness of {@code answer} against {@code evidence}; empty when the answer has no claim. */
    public Optional<GroundednessResult> evaluate(String answer, List<String> evidence) {
        List<String> claims = splitter.split(answer);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        List<String> passages = evidence == null
                ? List.of()
                : evidence.stream().filter(p -> p != null && !p.isBlank()).toList();
        List<String> checked = Decontextualizer.resolve(claims);
        List<ClaimScore> scores = new ArrayList<>(claims.size());
        List<String> unsupported = new ArrayList<>();
        int supported = 0;
        for (int i = 0; i < claims.size(); i++) {
            String claim = claims.get(i);
            double s = passages.isEmpty() ? 0 : clamp(scorer.support(checked.get(i), passages));
            boolean ok = s >= threshold;
            scores.add(new ClaimScore(claim, s, ok));
            if (ok) {
                supported++;
            } else {
                unsupported.add(claim);
            }
        }
        return Optional.of(new GroundednessResult(
                (double) supported / claims.size(), claims, unsupported, scores, scorer.name(), threshold));
    }

    private static double clamp(double s) {
        if (Double.isNaN(s)) {
            return 0;
        }
        return Math.max(0, Math.min(1, s));
    }
}
