package io.ragplatform.eval.grounded;

/** One claim of an answer, its support score in [0, 1] and whether that reaches the evaluator's threshold. */
public record ClaimScore(String claim, double score, boolean supported) {
    public ClaimScore {
        if (claim == null) {
            throw new IllegalArgumentException("claim is null");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score out of [0,1]: " + score);
        }
    }
}
