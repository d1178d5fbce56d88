package io.ragplatform.eval.grounded;

import static io.ragplatform.eval.grounded.Subsets.auroc;
import static io.ragplatform.eval.grounded.Subsets.balancedAccuracy;

import io.ragplatform.eval.grounded.BenchData.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code --grid} tables, on the tune halves only: the grids that chose the missing-share weight and the
 * number-conflict weight and floor, the offset regression behind the latter, and the default model per threshold.
 */
final class TuneGrids {
    private TuneGrids() {}

    /** The alignment floors both grids try. */
    private static final double[] FLOORS = {0, 0.25, 0.4, 0.5, 0.6};

    /** A model of the grid at one weight and floor. */
    private interface ModelAt {
        AlignContrastScorer.Model at(double weight, double floor);
    }

    static void print(List<Example> examples, List<List<AlignContrastScorer.Features>> feats, HandCases.Scored hand) {
        missingShareGrid(examples, feats, hand.added(), hand.faithful());
        numberGrid(examples, feats, hand.numberChanged(), hand.numberKept());
        thresholds(examples, feats);
    }

    /**
     * The grid that chose the missing-share weight (tune halves only): per floor and weight, the AUROC of both tune
     * halves, their mean, the balanced accuracy at the default threshold and how many hand-written added-fact claims
     * fall below it (the faithful paraphrase must stay above).
     */
    private static void missingShareGrid(
            List<Example> examples,
            List<List<AlignContrastScorer.Features>> feats,
            List<AlignContrastScorer.Features> handAdded,
            List<AlignContrastScorer.Features> handFaithful) {
        AlignContrastScorer.Model d = AlignContrastScorer.DEFAULT_MODEL.without("numberConflict");
        double t = SupportScorers.DEFAULT_THRESHOLD;
        grid(
                "grid (tune halves only): missing-share floor and weight; balanced accuracy and"
                        + " hand cases at threshold %.2f (the model it was chosen in: without the number-conflict cue)%n",
                examples,
                feats,
                new double[] {0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5},
                d::withMissingShare,
                List.of("added", "faithful"),
                9,
                m -> List.of(
                        below(handAdded, m, t) + "/" + handAdded.size(),
                        handFaithful.stream().allMatch(f -> AlignContrastScorer.score(f, m) >= t) ? "kept" : "LOST"));
    }

    /**
     * The grid that chose the number-conflict weight and its alignment floor (tune halves only), the other weights
     * kept: AUROC of both tune halves, their mean, balanced accuracy at the default threshold, and the hand-written
     * handbook cases (changed numbers below the threshold, faithful claims at or above it). Then the weight an
     * offset logistic regression on the SciFact tune half gives, the procedure of the other consistency weights.
     */
    private static void numberGrid(
            List<Example> examples,
            List<List<AlignContrastScorer.Features>> feats,
            List<AlignContrastScorer.Features> changed,
            List<AlignContrastScorer.Features> kept) {
        AlignContrastScorer.Model d = AlignContrastScorer.DEFAULT_MODEL;
        double t = SupportScorers.DEFAULT_THRESHOLD;
        grid(
                "grid (tune halves only): number-conflict alignment floor and weight; balanced"
                        + " accuracy and handbook cases at threshold %.2f%n",
                examples,
                feats,
                new double[] {0, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0},
                d::withNumberConflict,
                List.of("changed", "kept"),
                7,
                m -> List.of(below(changed, m, t) + "/" + changed.size(), atOrAbove(kept, m, t) + "/" + kept.size()));
        offsetRegression(examples, feats, d);
    }

    /**
     * One grid under its title (a format of the default threshold): per floor and weight, the AUROC of both tune
     * halves, their mean, the balanced accuracy of both at the default threshold, then two columns on the hand cases
     * (the last {@code handWidth} wide).
     */
    private static void grid(
            String title,
            List<Example> examples,
            List<List<AlignContrastScorer.Features>> feats,
            double[] weights,
            ModelAt model,
            List<String> handHeaders,
            int handWidth,
            Function<AlignContrastScorer.Model, List<String>> hand) {
        double t = SupportScorers.DEFAULT_THRESHOLD;
        System.out.println();
        System.out.printf(Locale.ROOT, title, t);
        System.out.printf(
                Locale.ROOT,
                "%6s %6s %9s %9s %9s %9s %9s %7s %" + handWidth + "s%n",
                "floor",
                "weight",
                "halu tune",
                "sf tune",
                "mean",
                "bacc halu",
                "bacc sf",
                handHeaders.get(0),
                handHeaders.get(1));
        for (double floor : FLOORS) {
            for (double w : weights) {
                AlignContrastScorer.Model m = model.at(w, floor);
                double[] s = AlignVariants.scoreAll(feats, f -> AlignContrastScorer.score(f, m));
                double h = auroc(examples, s, "halueval-qa", "tune", false);
                double sf = auroc(examples, s, "scifact-claims", "tune", false);
                List<String> cells = hand.apply(m);
                System.out.printf(
                        Locale.ROOT,
                        "%6.2f %6.2f %9.3f %9.3f %9.4f %9.3f %9.3f %7s %" + handWidth + "s%n",
                        floor,
                        w,
                        h,
                        sf,
                        (h + sf) / 2,
                        balancedAccuracy(examples, s, "halueval-qa", "tune", t),
                        balancedAccuracy(examples, s, "scifact-claims", "tune", t),
                        cells.get(0),
                        cells.get(1));
            }
        }
    }

    /** How many of the claims score below the threshold under the model. */
    private static long below(List<AlignContrastScorer.Features> claims, AlignContrastScorer.Model m, double t) {
        return claims.stream().filter(f -> AlignContrastScorer.score(f, m) < t).count();
    }

    /** How many of the claims score at or above the threshold under the model. */
    private static long atOrAbove(List<AlignContrastScorer.Features> claims, AlignContrastScorer.Model m, double t) {
        return claims.stream().filter(f -> AlignContrastScorer.score(f, m) >= t).count();
    }

    /**
     * The number-conflict weight an offset logistic regression (L2, lambda = 1) on the SciFact tune claims gives, the
     * other cues fixed as the offset.
     */
    private static void offsetRegression(
            List<Example> examples, List<List<AlignContrastScorer.Features>> feats, AlignContrastScorer.Model d) {
        List<double[]> xo = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        int fires = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (!Subsets.in(examples.get(i), "scifact-claims", "tune")) {
                continue;
            }
            for (AlignContrastScorer.Features f : feats.get(i)) {
                if (f == null) {
                    continue;
                }
                double x = f.numberConflicts() > 0 && f.alignLex() >= d.numberAlignFloor() ? 1 : 0;
                double offset = logit(AlignContrastScorer.consistency(f, d.without("numberConflict")), d.intercept());
                xo.add(new double[] {x, offset});
                y.add(examples.get(i).grounded());
                fires += (int) x;
            }
        }
        double w = 0;
        for (int it = 0; it < 100; it++) {
            double g = -w;
            double h = 1;
            for (int k = 0; k < xo.size(); k++) {
                double p = 1 / (1 + Math.exp(-(xo.get(k)[1] - w * xo.get(k)[0])));
                g += ((y.get(k) ? 1 : 0) - p) * -xo.get(k)[0];
                h += p * (1 - p) * xo.get(k)[0] * xo.get(k)[0];
            }
            w += g / h;
        }
        System.out.printf(
                Locale.ROOT,
                "offset logistic regression on the SciFact tune claims (lambda 1, floor %.2f):"
                        + " weight %.2f; the cue fires on %d of %d claims%n",
                d.numberAlignFloor(),
                w,
                fires,
                xo.size());
    }

    /** z back from consistency = σ(z) / σ(intercept). */
    private static double logit(double consistency, double intercept) {
        double p = consistency / (1 + Math.exp(-intercept));
        return Math.log(p / (1 - p));
    }

    /** The balanced accuracy of the default model per threshold (tune halves and all answers). */
    private static void thresholds(List<Example> examples, List<List<AlignContrastScorer.Features>> feats) {
        double[] def = AlignVariants.scoreAll(feats, f -> AlignContrastScorer.score(f, AlignVariants.d(f)));
        System.out.println();
        System.out.println(
                "align-contrast (default): balanced accuracy per threshold (tune halves | all | test halves)");
        System.out.printf(
                Locale.ROOT,
                "%9s %9s %9s %9s %9s %9s %9s %9s %9s%n",
                "threshold",
                "halu tune",
                "sf tune",
                "mean",
                "halu all",
                "sf all",
                "mean",
                "halu test",
                "sf test");
        for (int k = 12; k <= 19; k++) {
            double th = k / 20.0;
            double ht = balancedAccuracy(examples, def, "halueval-qa", "tune", th);
            double st = balancedAccuracy(examples, def, "scifact-claims", "tune", th);
            double ha = balancedAccuracy(examples, def, "halueval-qa", null, th);
            double sa = balancedAccuracy(examples, def, "scifact-claims", null, th);
            System.out.printf(
                    Locale.ROOT,
                    "%9.2f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f%n",
                    th,
                    ht,
                    st,
                    (ht + st) / 2,
                    ha,
                    sa,
                    (ha + sa) / 2,
                    balancedAccuracy(examples, def, "halueval-qa", "test", th),
                    balancedAccuracy(examples, def, "scifact-claims", "test", th));
        }
    }
}
