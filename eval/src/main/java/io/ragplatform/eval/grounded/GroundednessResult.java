package io.ragplatform.eval.grounded;

import java.util.List;

/**
 * Groundedness of one answer: the share of its claims that its contexts support.
 *
 * @param groundedness supported claims / claims, in [0, 1]
 * @param claims the answer's claims (sentences), in order
 * @param unsupportedClaims the claims scored below the threshold, in order
 * @param scores every claim's score, in the order of {@code claims}
 * @param scorer the name of the {@link SupportScorer} that scored them
 * @param threshold the score a claim needed to count as supported
 */
public record GroundednessResult(
        double groundedness,
        List<String> claims,
        List<String> unsupportedClaims,
        List<ClaimScore> scores,
        String scorer,
        double threshold) {
    public GroundednessResult {
        claims = List.copyOf(claims);
        unsupportedClaims = List.copyOf(unsupportedClaims);
        scores = List.copyOf(scores);
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("an answer without claims has no groundedness");
        }
        if (scores.size() != claims.size()) {
            throw new IllegalArgumentException("one score per claim expected");
        }
    }

    /** The answer's continuous support score ({@link ItemSupport#of}: its weakest claim's score). */
    public double support() {
        return ItemSupport.of(scores);
    }

    /** Whether at least one claim is unsupported: the answer counts as a hallucination. */
    public boolean hallucinated() {
        return !unsupportedClaims.isEmpty();
    }
}
