package io.ragplatform.eval.grounded;

import java.util.Objects;
import java.util.Optional;

/**
 * How a scorer's verdict threshold was chosen: on which labelled tune data, and the balanced accuracy of the verdict
 * there. Recorded with a run's pins, so a report says how far its verdicts can be trusted.
 *
 * @param threshold the threshold chosen
 * @param tuneData the labelled data it was chosen on
 * @param balancedAccuracy the verdict's balanced accuracy on that data at that threshold
 */
public record Calibration(double threshold, String tuneData, double balancedAccuracy) {
    /**
     * The default scorer's (version {@link AlignContrastScorer#VERSION}): 0.85, the best mean balanced accuracy of the
     * HaluEval and SciFact tune halves (docs/GROUNDEDNESS.md, "Figures", measured by {@code GroundednessBench
     * --grid}).
     */
    public static final Calibration ALIGN_CONTRAST = new Calibration(
            SupportScorers.DEFAULT_THRESHOLD,
            "halueval-qa and scifact-claims tune halves (seed 42), mean of the two; align-contrast version "
                    + AlignContrastScorer.VERSION,
            0.750);

    public Calibration {
        Objects.requireNonNull(tuneData, "tuneData");
    }

    /**
     * The calibration behind this scorer and threshold, or empty when none was measured (another scorer, or a
     * threshold the user set).
     */
    public static Optional<Calibration> of(String scorer, double threshold) {
        return scorer.equals(ScorerKind.ALIGN_CONTRAST.id()) && threshold == ALIGN_CONTRAST.threshold()
                ? Optional.of(ALIGN_CONTRAST)
                : Optional.empty();
    }
}
