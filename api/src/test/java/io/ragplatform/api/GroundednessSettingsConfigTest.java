package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.eval.grounded.GroundednessSettings;
import io.ragplatform.eval.grounded.ScorerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
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
                unknown.getMessage()
                        .contains("align-contrast, lexical-coverage, embedding-similarity, llm-judge or nli"),
                unknown.getMessage());
        RagException threshold = assertThrows(
                RagException.class,
                () -> EvalService.groundednessSettings(
                        config("lexical", Optional.of(2.0), Optional.empty(), Optional.empty(), null)));
        assertEquals(ErrorCategory.INVALID_INPUT, threshold.category());
        assertTrue(threshold.getMessage().contains("[0, 1]"), threshold.getMessage());
    }

    @Test
    void the_nli_model_settings_are_mapped_and_required_with_the_nli_scorer() {
        RagConfig.Groundedness nli = new GroundednessConfig(
                "nli",
                Optional.empty(),
                Optional.empty(),
                new LlmConfig(Optional.empty(), Optional.empty(), Optional.empty(), 60),
                new NliConfig(Optional.of(Path.of("/models/nli/model.onnx")), Optional.empty(), Optional.of(2), 256));
        GroundednessSettings s = EvalService.groundednessSettings(nli);
        assertEquals(ScorerKind.NLI, s.scorer());
        assertEquals(Optional.of(Path.of("/models/nli/model.onnx")), s.nli().model());
        assertEquals(Optional.of(Path.of("/models/nli/tokenizer.json")), s.nli().effectiveTokenizer());
        assertEquals(OptionalInt.of(2), s.nli().entailmentIndex());
        assertEquals(256, s.nli().maxTokens());
        assertEquals(0.5, s.effectiveThreshold());

        RagException noModel = assertThrows(
                RagException.class,
                () -> EvalService.groundednessSettings(
                        config("nli", Optional.empty(), Optional.empty(), Optional.empty(), null)));
        assertEquals(ErrorCategory.INVALID_INPUT, noModel.category());
        assertTrue(
                noModel.getMessage().contains("the nli scorer needs the path of the ONNX model"), noModel.getMessage());
    }

    /** The mapping's interfaces as plain values, as the config would fill them. */
    private record LlmConfig(
            Optional<String> baseUrl, Optional<String> model, Optional<String> apiKey, int timeoutSeconds)
            implements RagConfig.Groundedness.Llm {}

    private record NliConfig(
            Optional<Path> modelPath, Optional<Path> tokenizerPath, Optional<Integer> entailmentIndex, int maxTokens)
            implements RagConfig.Groundedness.Nli {}

    private record GroundednessConfig(
            String scorer,
            Optional<Double> threshold,
            Optional<String> embeddingModel,
            RagConfig.Groundedness.Llm llm,
            RagConfig.Groundedness.Nli nli)
            implements RagConfig.Groundedness {}

    private static final RagConfig.Groundedness.Nli NO_NLI =
            new NliConfig(Optional.empty(), Optional.empty(), Optional.empty(), 512);

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
                new LlmConfig(baseUrl, Optional.ofNullable(model), Optional.empty(), 60),
                NO_NLI);
    }
}
