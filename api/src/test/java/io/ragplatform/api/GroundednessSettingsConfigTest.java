package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.eval.grounded.GroundednessSettings;
import io.ragplatform.eval.grounded.ScorerKind;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** {@code rag.eval.groundedness.*} becomes typed settings without passing through a string map. */
class GroundednessSettingsConfigTest {
    @Test
    void the_config_mapping_becomes_typed_settings() {
        GroundednessSettings s = EvalService.groundednessSettings(config(
                "llm", Optional.of(0.6), Optional.empty(), Optional.of("http://localhost:11434/v1"), "llama3.1"));
        assertEquals(ScorerKind.LLM_JUDGE, s.scorer());
        assertEquals(OptionalDouble.of(0.6), s.threshold());
        assertEquals("http://localhost:11434/v1", s.llm().baseUrl());
        assertEquals(Optional.of("llama3.1"), s.llm().model());
        assertEquals(Duration.ofSeconds(60), s.llm().timeout());

        GroundednessSettings defaults = EvalService.groundednessSettings(
                config("align-contrast", Optional.empty(), Optional.empty(), Optional.empty(), null));
        assertEquals(GroundednessSettings.defaults(), defaults);
        assertEquals(0.85, defaults.effectiveThreshold());
    }

    @Test
    void bad_settings_are_invalid_input_naming_what_is_accepted() {
        RagException unknown = assertThrows(
                RagException.class,
                () -> EvalService.groundednessSettings(
                        config("bm25", Optional.empty(), Optional.empty(), Optional.empty(), null)));
        assertEquals(ErrorCategory.INVALID_INPUT, unknown.category());
        assertTrue(
                unknown.getMessage().contains("align-contrast, lexical-coverage, embedding-similarity or llm-judge"),
                unknown.getMessage());
        RagException threshold = assertThrows(
                RagException.class,
                () -> EvalService.groundednessSettings(
                        config("lexical", Optional.of(2.0), Optional.empty(), Optional.empty(), null)));
        assertEquals(ErrorCategory.INVALID_INPUT, threshold.category());
        assertTrue(threshold.getMessage().contains("[0, 1]"), threshold.getMessage());
    }

    /** The mapping's two interfaces as plain values, as the config would fill them. */
    private record LlmConfig(
            Optional<String> baseUrl, Optional<String> model, Optional<String> apiKey, int timeoutSeconds)
            implements RagConfig.Groundedness.Llm {}

    private record GroundednessConfig(
            String scorer, Optional<Double> threshold, Optional<String> embeddingModel, RagConfig.Groundedness.Llm llm)
            implements RagConfig.Groundedness {}

    private static RagConfig.Groundedness config(
            String scorer,
            Optional<Double> threshold,
            Optional<String> embeddingModel,
            Optional<String> baseUrl,
            String model) {
        return new GroundednessConfig(
                scorer,
                threshold,
                embeddingModel,
                new LlmConfig(baseUrl, Optional.ofNullable(model), Optional.empty(), 60));
    }
}
