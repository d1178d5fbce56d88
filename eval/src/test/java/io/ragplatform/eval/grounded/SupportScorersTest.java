package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportScorersTest {
    @Test
    void selectsByName() {
        assertInstanceOf(
                LexicalCoverageScorer.class, SupportScorers.fromConfig(Map.of("groundedness.scorer", "lexical")));
        assertInstanceOf(AlignContrastScorer.class, SupportScorers.fromConfig(Map.of()));
        assertInstanceOf(
                EmbeddingSimilarityScorer.class,
                SupportScorers.fromConfig(Map.of("groundedness.scorer", "embedding-similarity")));
        assertThrows(
                IllegalArgumentException.class, () -> SupportScorers.fromConfig(Map.of("groundedness.scorer", "x")));
    }

    @Test
    void llmJudgeIsBuiltFromConfigWithoutCallingIt() {
        Groundedness g = SupportScorers.evaluatorFromConfig(Map.of(
                "groundedness.scorer",
                "llm-judge",
                "groundedness.llm.base-url",
                "http://127.0.0.1:11434/v1",
                "groundedness.llm.model",
                "llama3.1"));
        assertInstanceOf(LlmJudgeScorer.class, g.scorer());
        assertEquals(0.5, g.threshold());
        assertThrows(
                IllegalArgumentException.class,
                () -> SupportScorers.fromConfig(Map.of("groundedness.scorer", "llm-judge")));
    }

    @Test
    void thresholdDefaultsAndOverrides() {
        assertEquals(
                SupportScorers.DEFAULT_THRESHOLD,
                SupportScorers.evaluatorFromConfig(Map.of("groundedness.scorer", "lexical"))
                        .threshold());
        assertEquals(
                0.7,
                SupportScorers.evaluatorFromConfig(
                                Map.of("groundedness.scorer", "lexical", "groundedness.threshold", "0.7"))
                        .threshold());
    }
}
