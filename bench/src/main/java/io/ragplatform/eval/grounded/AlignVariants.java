package io.ragplatform.eval.grounded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The align-contrast model variants the bench compares: the default model and its ablations. */
final class AlignVariants {
    private AlignVariants() {}

    /** The default model and its ablations, by the label the tables print, in table order. */
    static Map<String, ToDoubleFunction<AlignContrastScorer.Features>> all() {
        Map<String, ToDoubleFunction<AlignContrastScorer.Features>> v = new LinkedHashMap<>();
        v.put("align-contrast (default)", f -> AlignContrastScorer.score(f, d(f)));
        v.put("  grounding only (no consistency cues)", f -> AlignContrastScorer.grounding(f, d(f)));
        v.put("  consistency only (no grounding term)", f -> AlignContrastScorer.consistency(f, d(f)));
        v.put(
                "  consistency: lexical cues only (no flip tests)",
                f -> AlignContrastScorer.consistency(f, d(f).without("flipEffect", "flipNegation")));
        v.put(
                "  consistency: flip tests only",
                f -> AlignContrastScorer.consistency(
                        f,
                        d(f).without("oppositeEffect", "negation", "nullEffect", "negativePrefix", "numberConflict")));
        v.put(
                "  default without the modality, quantifier and cause cues",
                f -> AlignContrastScorer.score(f, d(f).without("modality", "quantifier", "causeReversal")));
        v.put(
                "  default without the long-document weights",
                f -> AlignContrastScorer.score(f, AlignContrastScorer.DEFAULT_MODEL));
        v.put("  default without the negation cue", f -> AlignContrastScorer.score(f, d(f).without("negation")));
        v.put(
                "  default without opposite-effect words",
                f -> AlignContrastScorer.score(f, d(f).without("oppositeEffect")));
        v.put(
                "  default without flip tests",
                f -> AlignContrastScorer.score(f, d(f).without("flipEffect", "flipNegation")));
        v.put(
                "  default without the number-conflict cue",
                f -> AlignContrastScorer.score(f, d(f).without("numberConflict")));
        v.put(
                "  number conflict without its alignment floor",
                f -> AlignContrastScorer.score(f, d(f).withNumberConflict(d(f).numberConflict(), 0)));
        v.put(
                "  default without the missing-share term",
                f -> AlignContrastScorer.score(f, d(f).without("missingShare")));
        v.put(
                "  default without number conflict and missing share",
                f -> AlignContrastScorer.score(f, d(f).without("numberConflict", "missingShare")));
        v.put(
                "  trade-off: missing share from 0.25, weight 0.5",
                f -> AlignContrastScorer.score(f, d(f).withMissingShare(0.5, 0.25)));
        v.put(
                "  trade-off: missing share from 0, weight 0.3",
                f -> AlignContrastScorer.score(f, d(f).withMissingShare(0.3, 0)));
        return v;
    }

    /** The default scorer's model for the features' context: short passages, or a long document or dialogue. */
    static AlignContrastScorer.Model d(AlignContrastScorer.Features f) {
        return f.document() ? AlignContrastScorer.DEFAULT_DOCUMENT_MODEL : AlignContrastScorer.DEFAULT_MODEL;
    }

    /** Per answer, the lowest score of its claims under the variant; a claim without features scores 0. */
    static double[] scoreAll(
            List<List<AlignContrastScorer.Features>> feats, ToDoubleFunction<AlignContrastScorer.Features> f) {
        return scoreAll(feats, f, ItemSupport.Aggregate.MIN);
    }

    /** Per answer, its claims' scores under the variant combined by {@code aggregate} (at the default threshold). */
    static double[] scoreAll(
            List<List<AlignContrastScorer.Features>> feats,
            ToDoubleFunction<AlignContrastScorer.Features> f,
            ItemSupport.Aggregate aggregate) {
        double[] s = new double[feats.size()];
        for (int i = 0; i < s.length; i++) {
            List<AlignContrastScorer.Features> claims = feats.get(i);
            double[] scores = new double[claims.size()];
            for (int c = 0; c < scores.length; c++) {
                scores[c] = claims.get(c) == null ? 0 : f.applyAsDouble(claims.get(c));
            }
            s[i] = scores.length == 0 ? 0 : ItemSupport.aggregate(aggregate, scores, SupportScorers.DEFAULT_THRESHOLD);
        }
        return s;
    }
}
