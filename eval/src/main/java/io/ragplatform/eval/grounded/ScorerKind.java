package io.ragplatform.eval.grounded;

import io.ragplatform.error.RagException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The claim scorers a {@link GroundednessSettings} can select, each with its stable name. */
public enum ScorerKind {
    /** {@link AlignContrastScorer}: offline, the default. */
    ALIGN_CONTRAST("align-contrast", "default"),
    /** {@link LexicalCoverageScorer}: offline baseline without a model. */
    LEXICAL_COVERAGE("lexical-coverage", "lexical"),
    /** {@link EmbeddingSimilarityScorer}: offline baseline over sentence embeddings. */
    EMBEDDING_SIMILARITY("embedding-similarity", "embedding"),
    /** {@link LlmJudgeScorer} over an OpenAI-compatible endpoint. */
    LLM_JUDGE("llm-judge", "llm"),
    /** {@link SupportScorers#nli}: the user's cross-encoder NLI model through ONNX Runtime, offline. */
    NLI("nli", "onnx-nli");

    private final String id;
    private final String alias;

    ScorerKind(String id, String alias) {
        this.id = id;
        this.alias = alias;
    }

    /** The stable name, e.g. {@code align-contrast}: what the scorer reports as its {@link SupportScorer#name()}. */
    public String id() {
        return id;
    }

    /** The accepted names, in order: {@code align-contrast, lexical-coverage, embedding-similarity, llm-judge, nli}. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ScorerKind::id).toList();
    }

    /**
     * The kind named {@code name} (its ID or short alias, case-insensitive).
     *
     * @throws RagException {@code invalid_request} naming the accepted values
     */
    public static ScorerKind parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ScorerKind kind : values()) {
            if (kind.id.equals(n) || kind.alias.equals(n)) {
                return kind;
            }
        }
        throw RagException.invalid(
                "invalid_request",
                "unknown groundedness scorer '" + n + "': align-contrast, lexical-coverage, embedding-similarity, "
                        + "llm-judge or nli");
    }
}
