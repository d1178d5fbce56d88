package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundednessTest {
    /** Test double: a claim is supported when some context contains it verbatim (without its final period). */
    private static final SupportScorer CONTAINS = new SupportScorer() {
        @Override
        public double support(String claim, List<String> contexts) {
            String c = claim.replaceAll("[.!?]$", "");
            return contexts.stream().anyMatch(x -> x.contains(c)) ? 0.9 : 0.1;
        }

        @Override
        public String name() {
            return "contains";
        }
    };

    private final Groundedness groundedness = new Groundedness(CONTAINS, 0.5);

    @Test
    void groundednessIsTheShareOfSupportedClaims() {
        GroundednessResult r = groundedness
                .evaluate(
                        "Water boils at 100 C. The moon is cheese. Ice is cold.",
                        List.of("Water boils at 100 C at sea level. Ice is cold."),
                        List.of())
                .orElseThrow();
        assertEquals(2.0 / 3, r.groundedness(), 1e-9);
        assertEquals(3, r.claims().size());
        assertEquals(List.of("The moon is cheese."), r.unsupportedClaims());
        assertEquals(
                List.of(0.9, 0.1, 0.9),
                r.scores().stream().map(ClaimScore::score).toList());
        assertTrue(r.hallucinated());
        assertEquals("contains", r.scorer());
        assertEquals(0.5, r.threshold());
    }

    @Test
    void fallsBackToRetrievedChunksWithoutContexts() {
        GroundednessResult r = groundedness
                .evaluate("Ice is cold.", List.of(), List.of("Ice is cold indeed."))
                .orElseThrow();
        assertEquals(1.0, r.groundedness());
        assertFalse(r.hallucinated());
        GroundednessResult preferContexts = groundedness
                .evaluate("Ice is cold.", List.of("Fire is hot."), List.of("Ice is cold indeed."))
                .orElseThrow();
        assertEquals(0.0, preferContexts.groundedness());
    }

    @Test
    void withoutAnyEvidenceEveryClaimIsUnsupported() {
        GroundednessResult r =
                groundedness.evaluate("Ice is cold. Fire is hot.", null, null).orElseThrow();
        assertEquals(0.0, r.groundedness());
        assertEquals(2, r.unsupportedClaims().size());
    }

    @Test
    void answersWithoutClaimsAreNotEvaluated() {
        assertTrue(groundedness.evaluate(null, List.of("x"), List.of()).isEmpty());
        assertTrue(groundedness.evaluate("  ", List.of("x"), List.of()).isEmpty());
        assertTrue(groundedness.evaluate("...", List.of("x"), List.of()).isEmpty());
    }

    @Test
    void scoresOutsideTheRangeAreClamped() {
        SupportScorer wild = new SupportScorer() {
            @Override
            public double support(String claim, List<String> contexts) {
                return claim.startsWith("A") ? 7 : Double.NaN;
            }

            @Override
            public String name() {
                return "wild";
            }
        };
        GroundednessResult r = new Groundedness(wild, 0.5)
                .evaluate("A claim. B claim.", List.of("ctx"))
                .orElseThrow();
        assertEquals(
                List.of(1.0, 0.0), r.scores().stream().map(ClaimScore::score).toList());
    }

    @Test
    void runSummaryHasMeanGroundednessAndHallucinationRate() {
        List<GroundednessResult> results = new ArrayList<>();
        List<String> ctx = List.of("Ice is cold. Water is wet.");
        groundedness.evaluate("Ice is cold. Water is wet.", ctx).ifPresent(results::add); // 1.0
        groundedness.evaluate("Ice is cold. Fire is cold.", ctx).ifPresent(results::add); // 0.5
        groundedness.evaluate("Lava is cold.", ctx).ifPresent(results::add); // 0.0
        groundedness.evaluate("", ctx).ifPresent(results::add); // skipped
        GroundednessSummary s = GroundednessSummary.of(results);
        assertEquals(3, s.items());
        assertEquals(0.5, s.meanGroundedness(), 1e-9);
        assertEquals(2.0 / 3, s.hallucinationRate(), 1e-9);
        assertEquals(5, s.claims());
        assertEquals(2, s.unsupportedClaims());
        assertEquals(new GroundednessSummary(0, 0, 0, 0, 0), GroundednessSummary.of(List.of()));
    }

    @Test
    void rejectsBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> new Groundedness(CONTAINS, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Groundedness(CONTAINS, Double.NaN));
    }
}
