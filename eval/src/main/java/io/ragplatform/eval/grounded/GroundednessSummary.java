package io.ragplatform.eval.grounded;

import java.util.List;

/**
 * Groundedness over a run: the items that had an answer with at least one claim.
 *
 * @param items the items evaluated
 * @param meanGroundedness the mean of their groundedness (0 when there are none)
 * @param hallucinationRate the share of them with at least one unsupported claim (0 when there are none)
 * @param claims their claims in total
 * @param unsupportedClaims their unsupported claims in total
 */
public record GroundednessSummary(
        int items, double meanGroundedness, double hallucinationRate, int claims, int unsupportedClaims) {

    /** Aggregates per-item results. */
    public static GroundednessSummary of(List<GroundednessResult> results) {
        if (results.isEmpty()) {
            return new GroundednessSummary(0, 0, 0, 0, 0);
        }
        double sum = 0;
        int hallucinated = 0;
        int claims = 0;
        int unsupported = 0;
        for (GroundednessResult r : results) {
            sum += r.groundedness();
            hallucinated += r.hallucinated() ? 1 : 0;
            claims += r.claims().size();
            unsupported += r.unsupportedClaims().size();
        }
        return new GroundednessSummary(
                results.size(), sum / results.size(), (double) hallucinated / results.size(), claims, unsupported);
    }
}
