package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupportScorersTest {
    @Test
    void selectsByName() {
        assertInstanceOf(
                LexicalCoverageScorer.class,
                SupportScorers.scorer(GroundednessSettings.of(ScorerKind.parse("lexical"))));
        assertInstanceOf(AlignContrastScorer.class, SupportScorers.scorer(GroundednessSettings.defaults()));
        assertInstanceOf(
                EmbeddingSimilarityScorer.class,
                SupportScorers.scorer(GroundednessSettings.of(ScorerKind.parse("embedding-similarity"))));
        assertThrows(RagException.class, () -> ScorerKind.parse("x"));
    }

    @Test
    void llmJudgeIsBuiltFromConfigWithoutCallingIt() {
        Groundedness g = SupportScorers.evaluator(GroundednessSettings.of(ScorerKind.ALIGN_CONTRAST)
                .withLlm(new LlmJudgeSettings(
                        "http://127.0.0.1:11434/v1", Optional.of("llama3.1"), Optional.empty(), Duration.ofSeconds(60)))
                .withScorer(ScorerKind.LLM_JUDGE));
        assertInstanceOf(LlmJudgeScorer.class, g.scorer());
        assertEquals(0.5, g.threshold());
        assertThrows(RagException.class, () -> GroundednessSettings.of(ScorerKind.parse("llm-judge")));
    }

    @Test
    void thresholdDefaultsAndOverrides() {
        assertEquals(
                SupportScorers.DEFAULT_THRESHOLD,
                SupportScorers.evaluator(GroundednessSettings.of(ScorerKind.LEXICAL_COVERAGE))
                        .threshold());
        assertEquals(
                0.7,
                SupportScorers.evaluator(GroundednessSettings.of(ScorerKind.LEXICAL_COVERAGE)
                                .withThreshold(0.7))
                        .threshold());
    }

    @Test
    void an_unknown_scorer_is_invalid_input_naming_the_accepted_ones() {
        RagException e = assertThrows(RagException.class, () -> ScorerKind.parse("bm25"));
        assertEquals(ErrorCategory.INVALID_INPUT, e.category());
        assertEquals("invalid_request", e.code());
        assertEquals(
                "unknown groundedness scorer 'bm25': align-contrast, lexical-coverage, embedding-similarity, llm-judge or nli",
                e.getMessage());
        for (String id : ScorerKind.ids()) {
            assertTrue(e.getMessage().contains(id), id);
            assertEquals(
                    id, ScorerKind.parse(id.toUpperCase(java.util.Locale.ROOT)).id());
        }
    }

    @Test
    void a_threshold_outside_0_1_is_invalid_input() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            RagException e = assertThrows(
                    RagException.class, () -> GroundednessSettings.defaults().withThreshold(bad));
            assertEquals(ErrorCategory.INVALID_INPUT, e.category());
            assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        }
        assertEquals(1.0, GroundednessSettings.defaults().withThreshold(1).effectiveThreshold());
    }

    @Test
    void the_judge_needs_a_model_and_a_positive_timeout() {
        RagException noModel = assertThrows(RagException.class, () -> GroundednessSettings.of(ScorerKind.LLM_JUDGE));
        assertEquals(ErrorCategory.INVALID_INPUT, noModel.category());
        assertTrue(noModel.getMessage().contains("llm-judge"), noModel.getMessage());
        assertThrows(
                RagException.class,
                () -> new LlmJudgeSettings(null, Optional.of("m"), Optional.empty(), Duration.ZERO));
        LlmJudgeSettings blank = new LlmJudgeSettings(" ", Optional.of(" m "), Optional.of(" "), Duration.ofSeconds(5));
        assertEquals(LlmJudgeSettings.DEFAULT_BASE_URL, blank.baseUrl());
        assertEquals(Optional.of("m"), blank.model());
        assertEquals(Optional.empty(), blank.apiKey());
    }
}
