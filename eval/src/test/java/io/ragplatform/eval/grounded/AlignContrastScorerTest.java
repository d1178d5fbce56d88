package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.Embedders;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default scorer on hand-made twins: each altered claim must score below its faithful twin. Claims that add facts
 * the context does not state must fall below the default threshold, and faithful paraphrases must stay above it.
 */
class AlignContrastScorerTest {
    private static AlignContrastScorer scorer;

    private static final List<String> CONTEXT = List.of("""
            Metformin (MET) is the first-line drug for type 2 diabetes. In a randomised trial of 412 adults, \
            metformin reduced fasting glucose by 25% compared with placebo. Treatment with MET increased the \
            expression of AMPK in the liver. Statins were not associated with weight gain in this cohort. \
            The trial was run at Karolinska Institute in Stockholm.""");

    private static final List<String> LAPTOPS =
            List.of("Lost laptops are reported to the service desk within one hour.");

    /**
     * Retrieved chunks of a security handbook: the backup section states 35 days and 13 months, while other sections
     * mention 90 days, so a changed number is present somewhere in the contexts but not where backups are discussed.
     */
    private static final List<String> HANDBOOK = List.of(
            """
            Production databases are backed up every night at 01:00 UTC, with transaction logs shipped every 15 \
            minutes. Full backups are kept for 35 days and monthly snapshots for 13 months. File shares and the \
            document archive are backed up once a day, and the backups are copied to a second cloud region so that \
            a regional outage does not affect recovery.""",
            "Signing keys are rotated every 90 days, and the new public key is published one week before the old one"
                    + " expires.",
            "Access reviews run every 90 days for privileged accounts and every 180 days for all others.");

    @BeforeAll
    static void load() {
        scorer = new AlignContrastScorer(Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0));
    }

    private static double s(String claim) {
        return s(claim, CONTEXT);
    }

    private static double s(String claim, List<String> context) {
        double v = scorer.support(claim, context);
        System.out.printf("%.3f  %s%n", v, claim);
        assertTrue(v >= 0 && v <= 1, "score in [0,1]");
        return v;
    }

    private static void lower(String faithful, String altered) {
        double f = s(faithful);
        double a = s(altered);
        assertTrue(a < f, "altered claim should score below its faithful twin: " + a + " >= " + f + "\n  " + altered);
    }

    @Test
    void a_window_of_two_sentences_supports_a_claim_that_joins_them() {
        List<String> dialogue = List.of("Anna: Can you send me the contract? Ben: Sure. Ben: I will send it tomorrow.");
        String claim = "Ben will send Anna the contract tomorrow.";
        AlignContrastScorer pairs = new AlignContrastScorer(
                Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0), AlignContrastScorer.DEFAULT_MODEL, 2);
        AlignContrastScorer.Features single = scorer.features(claim, dialogue);
        AlignContrastScorer.Features joined = pairs.features(claim, dialogue);
        assertTrue(
                joined.alignLex() > single.alignLex(),
                "the best evidence holds more of the claim's words: " + joined.alignLex() + " <= " + single.alignLex());
        assertEquals(single.coverage(), joined.coverage(), 1e-12, "the words of the contexts are the same");
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new AlignContrastScorer(
                        Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0), AlignContrastScorer.DEFAULT_MODEL, 0));
    }

    @Test
    void in_a_dialogue_a_changed_modality_scores_lower_and_a_plain_new_word_costs_nothing() {
        List<String> dialogue = List.of(
                "Anna: Can you send me the contract? Ben: Sure. Ben: I will send it tomorrow. Anna: Thanks, Ben.");
        String faithful = "Ben will send the contract tomorrow.";
        AlignContrastScorer.Features f = scorer.features(faithful, dialogue);
        assertTrue(f.document(), "speaker turns make a dialogue");
        AlignContrastScorer.Features hedged = scorer.features("Ben may send the contract tomorrow.", dialogue);
        assertEquals(1, hedged.modality());
        assertTrue(scorer.score(hedged) < scorer.score(f), "\"may\" against \"will\" scores lower");
        AlignContrastScorer.Features mailed = scorer.features("Ben will mail the contract tomorrow.", dialogue);
        assertEquals(1, mailed.contentMissing());
        assertEquals(
                AlignContrastScorer.grounding(mailed, AlignContrastScorer.DEFAULT_MODEL.without("missingWord")),
                AlignContrastScorer.grounding(mailed, AlignContrastScorer.DEFAULT_DOCUMENT_MODEL),
                1e-12,
                "a plain word the dialogue lacks costs nothing by count");
        assertTrue(AlignContrastScorer.grounding(mailed, AlignContrastScorer.DEFAULT_MODEL) < 1);
    }

    @Test
    void model_variants_change_only_the_named_terms() {
        AlignContrastScorer.Model d = AlignContrastScorer.DEFAULT_MODEL;

        // the intercept and the floors are not weights: without leaves them
        assertEquals(
                new AlignContrastScorer.Model(
                        1.7773, 1.4389, 10.529, 8.672, 0, 0.7378, 0.6024, 0, 0.4, 0.03, 0.2, 0.7, 0.5, 0, 0, 0),
                d.without("negation", "numberConflict", "intercept", "shareFloor", "numberAlignFloor"));
        assertEquals(
                new AlignContrastScorer.Model(
                        1.7773, 1.4389, 10.529, 8.672, 1.244, 0.7378, 0.6024, 1.0, 0.4, 0.03, 0.2, 0.5, 0.25, 0, 0, 0),
                d.withMissingShare(0.5, 0.25));
        assertEquals(
                new AlignContrastScorer.Model(
                        1.7773, 1.4389, 10.529, 8.672, 1.244, 0.7378, 0.6024, 2.0, 0.1, 0.03, 0.2, 0.7, 0.5, 0, 0, 0),
                d.withNumberConflict(2.0, 0.1));
    }

    @Test
    void verbatimClaimIsSupported() {
        assertTrue(s("Metformin reduced fasting glucose by 25% compared with placebo.")
                >= SupportScorers.DEFAULT_THRESHOLD);
        assertTrue(s("Treatment with MET increased the expression of AMPK in the liver.")
                >= SupportScorers.DEFAULT_THRESHOLD);
    }

    @Test
    void flippedNegationScoresLower() {
        lower("Statins were not associated with weight gain.", "Statins were associated with weight gain.");
        lower(
                "Metformin reduced fasting glucose compared with placebo.",
                "Metformin did not reduce fasting glucose compared with placebo.");
    }

    @Test
    void reversedEffectScoresLower() {
        lower(
                "Metformin reduced fasting glucose compared with placebo.",
                "Metformin increased fasting glucose compared with placebo.");
        lower(
                "Treatment with metformin increased the expression of AMPK in the liver.",
                "Treatment with metformin suppressed the expression of AMPK in the liver.");
    }

    @Test
    void changedNumberScoresLower() {
        lower(
                "Metformin reduced fasting glucose by 25% compared with placebo.",
                "Metformin reduced fasting glucose by 40% compared with placebo.");
        lower("The randomised trial enrolled 412 adults.", "The randomised trial enrolled 1200 adults.");
    }

    @Test
    void changedEntityScoresLower() {
        lower(
                "The trial was run at Karolinska Institute in Stockholm.",
                "The trial was run at Karolinska Institute in Copenhagen.");
        lower(
                "Metformin is the first-line drug for type 2 diabetes.",
                "Insulin is the first-line drug for type 2 diabetes.");
    }

    @Test
    void unrelatedClaimIsNotSupported() {
        assertTrue(s("The Eiffel Tower was completed in 1889 in Paris.") < SupportScorers.DEFAULT_THRESHOLD);
    }

    @Test
    void emptyContextsSupportNothing() {
        assertEquals(0, scorer.support("Metformin reduced fasting glucose.", List.of()));
    }

    @Test
    void usesAbbreviationsTheContextDefines() {
        AlignContrastScorer.Features f =
                scorer.features("Treatment with metformin increased AMPK expression.", CONTEXT);
        assertTrue(f.evidence().toLowerCase(java.util.Locale.ROOT).contains("with metformin increased"), f.evidence());
        assertEquals(0, f.oppositeEffect());
    }

    @Test
    void claimsThatAddFactsAreNotSupported() {
        for (String added : List.of(
                "They are wiped remotely.",
                "Lost laptops are wiped remotely by the security team.",
                "The laptop is then wiped remotely and replaced within a day.")) {
            assertTrue(
                    s(added, LAPTOPS) < SupportScorers.DEFAULT_THRESHOLD,
                    "added facts should be unsupported: " + added);
        }
    }

    @Test
    void faithfulParaphrasesStaySupported() {
        for (String faithful : List.of(
                "A lost laptop must be reported to the service desk within an hour.",
                "Lost laptops must be reported to the service desk within one hour.",
                "Report a lost laptop to the service desk within an hour.")) {
            assertTrue(
                    s(faithful, LAPTOPS) >= SupportScorers.DEFAULT_THRESHOLD,
                    "paraphrase should be supported: " + faithful);
        }
    }

    @Test
    void contrastsInTheSameContextAreStillCaught() {
        double t = SupportScorers.DEFAULT_THRESHOLD;
        assertTrue(s("Lost laptops are reported to the service desk within five days.", LAPTOPS) < t);
        assertTrue(s("Lost laptops are not reported to the service desk within one hour.", LAPTOPS) < t);
        assertTrue(s("Metformin increased fasting glucose compared with placebo.") < t);
        assertTrue(s("The trial was run at Karolinska Institute in Copenhagen.") < t);
    }

    @Test
    void missingShareCountsContentWordsOnly() {
        AlignContrastScorer.Features pronoun = scorer.features("They are wiped remotely.", LAPTOPS);
        assertEquals(2, pronoun.shareWords(), "a pronoun subject carries no content");
        assertEquals(1.0, pronoun.missingShare());
        AlignContrastScorer.Features answer = scorer.features("No, within one hour.", LAPTOPS);
        assertEquals(0.0, answer.missingShare(), "an answer particle is not content the context lacks");
        AlignContrastScorer.Features negation = scorer.features("No laptop is wiped.", LAPTOPS);
        assertEquals(3, negation.shareWords(), "a determiner \"no\" is not an answer particle");
    }

    @Test
    void changedNumberIsCaughtWhereTheEvidenceStatesAnother() {
        double t = SupportScorers.DEFAULT_THRESHOLD;
        assertTrue(s("Backups are kept for 90 days.", HANDBOOK) < t, "90 days is stated, but not for backups");
        assertTrue(s("Full backups are kept for 35 days.", HANDBOOK) >= t);
        assertTrue(s("Monthly snapshots are kept for 13 months.", HANDBOOK) >= t);
        assertTrue(s("Monthly snapshots are kept for 12 months.", HANDBOOK) < t);
        AlignContrastScorer.Features f = scorer.features("Backups are kept for 90 days.", HANDBOOK);
        assertTrue(f.evidence().startsWith("Full backups are kept for 35 days"), f.evidence());
        assertEquals(0, f.numbersMissing(), "90 is in the contexts, so grounding alone does not see it");
        assertEquals(1, f.numberConflicts());
    }

    @Test
    void numberInItsAlignedSentenceStaysSupportedBesideOtherNumbers() {
        double t = SupportScorers.DEFAULT_THRESHOLD;
        String claim = "Transaction logs are shipped every 15 minutes.";
        assertTrue(s(claim, HANDBOOK) >= t);
        assertTrue(s(
                        claim,
                        List.of("Production databases are backed up every night at 01:00 UTC, with transaction"
                                + " logs shipped every 15 minutes."))
                >= t);
        assertEquals(0, scorer.features(claim, HANDBOOK).numberConflicts());
    }

    @Test
    void claimJoiningTwoSentencesIsNoNumberConflict() {
        String joined = "Full backups are kept for 35 days, and signing keys are rotated every 90 days.";
        assertEquals(
                0,
                scorer.features(joined, HANDBOOK).numberConflicts(),
                "90 is tied to signing keys by another passage");
        assertTrue(s(joined, HANDBOOK) >= SupportScorers.DEFAULT_THRESHOLD);
    }

    @Test
    void scaleWordsAndRoundedFiguresAreNoNumberConflict() {
        assertEquals(
                0,
                scorer.features(
                                "The catalyst stays stable for several hundred hours.",
                                List.of("The catalyst shows no degradation after more than 500 hours of operation."))
                        .numberConflicts());
        assertEquals(
                0,
                scorer.features(
                                "Between 76% and 85% of serious cases received no treatment.",
                                List.of(
                                        "Of serious cases, 76.3% to 85.4% received no treatment in the 12 months before the"
                                                + " interview."))
                        .numberConflicts());
        assertEquals(
                0,
                scorer.features(
                                "The HPV 16 vaccine was given to 300 girls.",
                                List.of("The HPV16 vaccine was given to 300 girls in 2012."))
                        .numberConflicts(),
                "a number that is part of a name is not a figure");
    }
}
