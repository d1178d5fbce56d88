package io.ragplatform.eval.grounded;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.ragplatform.error.RagException;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;

/**
 * Builds {@link SupportScorer}s: the shared offline default, a judge over any chat model, or what a
 * {@link GroundednessSettings} selects (see docs/GROUNDEDNESS.md for the scorers and their defaults).
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

    /** The scorer the settings select. */
    public static SupportScorer scorer(GroundednessSettings settings) {
        String embeddingModel = settings.embeddingModel();
        return switch (settings.scorer()) {
            case ALIGN_CONTRAST ->
                embeddingModel.equals(Embedders.ALL_MINILM_L6_V2_Q)
                        ? defaultScorer()
                        : new AlignContrastScorer(Embedders.named(embeddingModel, 0));
            case LEXICAL_COVERAGE -> new LexicalCoverageScorer();
            case EMBEDDING_SIMILARITY -> new EmbeddingSimilarityScorer(embedder(embeddingModel));
            case LLM_JUDGE -> llmJudge(openAiCompatible(settings.llm()));
            case NLI -> nli(settings.nli());
        };
    }

    /**
     * The user's cross-encoder NLI or fact-checking model, loaded now from its files: the claim is scored against
     * windows of the contexts' sentences and the best window's entailment probability is its support (see {@link
     * NliSettings} and docs/GROUNDEDNESS.md). Thread-safe; its {@link SupportScorer#modelId()} is the model file's
     * name and the first 12 hex digits of its SHA-256.
     *
     * @throws RagException {@code invalid_request} without a model path; {@code invalid_nli_model} for a missing or
     *     unreadable model or tokenizer, a model without {@code input_ids} and {@code attention_mask} inputs or with
     *     inputs it cannot be fed, an output that is not {@code [batch, labels]}, or an entailment index out of range
     */
    public static SupportScorer nli(NliSettings settings) {
        return OnnxNliScorer.load(settings);
    }

    /** The evaluator the settings select, with its threshold. */
    public static Groundedness evaluator(GroundednessSettings settings) {
        return new Groundedness(scorer(settings), settings.effectiveThreshold());
    }

    /** An OpenAI-compatible chat model at temperature 0. */
    static ChatModel openAiCompatible(LlmJudgeSettings llm) {
        String model = llm.model()
                .orElseThrow(() -> RagException.invalid(
                        "invalid_request", "the llm-judge scorer needs the name of the LLM model to ask"));
        return OpenAiChatModel.builder()
                .baseUrl(llm.baseUrl())
                .apiKey(llm.apiKey().orElse("none"))
                .modelName(model)
                .temperature(0.0)
                .timeout(llm.timeout())
                .maxRetries(2)
                .build();
    }

    private static Embedder embedder(String name) {
        return Embedders.named(name, 0);
    }
}
