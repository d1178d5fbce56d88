package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The modality, quantifier and cause-reversal cues on hand-made pairs of a claim and its evidence sentence. */
class EditCuesTest {
    private static int modality(String claim, String evidence) {
        return EditCues.modality(Text.tokens(claim), Text.tokens(evidence));
    }

    private static int quantifier(String claim, String evidence) {
        return EditCues.quantifier(Text.tokens(claim), Text.tokens(evidence));
    }

    private static int cause(String claim, String evidence) {
        return EditCues.causeReversal(Text.tokens(claim), Text.tokens(evidence));
    }

    @Test
    void a_certain_claim_against_hedged_evidence_is_a_modality_conflict_and_the_reverse_too() {
        assertEquals(
                1, modality("The vendor will cut the price next month.", "The vendor may cut the price next month."));
        assertEquals(1, modality("The vendor might cut the price.", "The vendor will definitely cut the price."));
        assertEquals(0, modality("The vendor may cut the price.", "The vendor might cut the price."));
        assertEquals(0, modality("The vendor cuts the price.", "The vendor may cut the price."), "no modal claimed");
        assertEquals(
                0,
                modality("The vendor will cut the price.", "It will, and it may also cut fees."),
                "the evidence states both");
    }

    @Test
    void all_against_some_is_a_quantifier_conflict() {
        assertEquals(
                1, quantifier("All customers renewed their contracts.", "Some customers renewed their contracts."));
        assertEquals(1, quantifier("Several offices closed.", "Every office closed."));
        assertEquals(
                1, quantifier("The team works solely on the interface.", "The team often works on the interface."));
        assertEquals(0, quantifier("All customers renewed.", "All of the customers renewed."));
        assertEquals(0, quantifier("Customers renewed.", "Some customers renewed."), "no quantifier claimed");
    }

    @Test
    void a_cause_and_effect_swapped_is_a_reversal() {
        String evidence = "The supplier's strike led to the delay of the launch.";
        assertEquals(1, cause("The delay of the launch led to the supplier's strike.", evidence));
        assertEquals(1, cause("The supplier went on strike because the launch was delayed.", evidence));
        assertEquals(0, cause("The launch was delayed because of the supplier's strike.", evidence));
        assertEquals(0, cause("The supplier's strike caused the delay of the launch.", evidence));
        assertEquals(0, cause("The launch was delayed.", evidence), "no causal link claimed");
    }
}
