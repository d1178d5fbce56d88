package io.ragplatform.eval.grounded;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link SupportScorer}s by name or from configuration.
 *
 * <p>Configuration keys (all optional but the judge's model):
 * <ul>
 *   <li>{@code groundedness.scorer}: {@code align-contrast} (default, offline), {@code lexical-coverage},
 *       {@code embedding-similarity} or {@code llm-judge}</li>
 *   <li>{@code groundedness.threshold}: the score a claim needs to count as supported (default
 *       {@link #DEFAULT_THRESHOLD} for the offline scorers, 0.5 for the judge)</li>
 *   <li>{@code groundedness.embedding-model}: the in-process model of the offline scorers (default
 *       {@code all-minilm-l6-v2-q})</li>
 *   <li>{@code groundedness.llm.base-url}: an OpenAI-compatible endpoint (default {@code https://api.openai.com/v1};
 *       Ollama: {@code http://localhost:11434/v1}; vLLM, LM Studio, LiteLLM ... alike)</li>
 *   <li>{@code groundedness.llm.model}: the model name (required for the judge)</li>
 *   <li>{@code groundedness.llm.api-key}: the key, if the endpoint needs one</li>
 *   <li>{@code groundedness.llm.timeout-seconds}: per request (default 60)</li>
 * </ul>
 */
public final class SupportScorers {
    /** The threshold of the default scorer: see docs/GROUNDEDNESS.md for how it was chosen. */
    public static final double DEFAULT_THRESHOLD = 0.85;

    private static volatile SupportScorer defaultScorer;

    private SupportScorers() {}

    /** The offline default, {@link AlignContrastScorer} over all-MiniLM-L6-v2 (quantised); one shared instance. */
    public static SupportScorer defaultScorer() {
        SupportScorer s = defaultScorer;
        if (s == null) {
            synchronized (SupportScorers.class) {
                s = defaultScorer;
                if (s == null) {
                    s = new AlignContrastScorer(Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0));
                    defaultScorer = s;
                }
            }
        }
        return s;
    }

    /** The judge over any LangChain4j chat model. */
    public static SupportScorer llmJudge(ChatModel model) {
        return new LlmJudgeScorer(model);
    }

    /** The scorer the configuration selects. */
    public static SupportScorer fromConfig(Map<String, String> config) {
        String name = config.getOrDefault("groundedness.scorer", "align-contrast")
                .strip()
                .toLowerCase(Locale.ROOT);
        String embeddingModel = config.getOrDefault("groundedness.embedding-model", Embedders.ALL_MINILM_L6_V2_Q);
        return switch (name) {
            case "align-contrast", "default" ->
                embeddingModel.equals(Embedders.ALL_MINILM_L6_V2_Q)
                        ? defaultScorer()
                        : new AlignContrastScorer(Embedders.named(embeddingModel, 0));
            case "lexical-coverage", "lexical" -> new LexicalCoverageScorer();
            case "embedding-similarity", "embedding" -> new EmbeddingSimilarityScorer(embedder(embeddingModel));
            case "llm-judge", "llm" -> llmJudge(openAiCompatible(config));
            default ->
                throw new IllegalArgumentException("unknown groundedness.scorer '" + name
                        + "': align-contrast, lexical-coverage, embedding-similarity or llm-judge");
        };
    }

    /** The evaluator the configuration selects, with its threshold. */
    public static Groundedness evaluatorFromConfig(Map<String, String> config) {
        SupportScorer scorer = fromConfig(config);
        String t = config.get("groundedness.threshold");
        double threshold = t != null && !t.isBlank()
                ? Double.parseDouble(t.strip())
                : scorer instanceof LlmJudgeScorer ? 0.5 : DEFAULT_THRESHOLD;
        return new Groundedness(scorer, threshold);
    }

    /** An OpenAI-compatible chat model at temperature 0 from {@code groundedness.llm.*}. */
    static ChatModel openAiCompatible(Map<String, String> config) {
        String model = config.get("groundedness.llm.model");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("groundedness.llm.model is required for the llm-judge scorer");
        }
        String key = config.get("groundedness.llm.api-key");
        return OpenAiChatModel.builder()
                .baseUrl(config.getOrDefault("groundedness.llm.base-url", "https://api.openai.com/v1"))
                .apiKey(key == null || key.isBlank() ? "none" : key)
                .modelName(model.strip())
                .temperature(0.0)
                .timeout(Duration.ofSeconds(Long.parseLong(config.getOrDefault("groundedness.llm.timeout-seconds", "60")
                        .strip())))
                .maxRetries(2)
                .build();
    }

    private static Embedder embedder(String name) {
        return Embedders.named(name, 0);
    }
}
