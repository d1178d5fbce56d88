package io.ragplatform.index;

import io.ragplatform.ingest.TokenCounter;
import java.util.List;
import java.util.Map;

/**
 * An embedding model as the index uses it. Thread-safe. Vectors are unit length.
 */
public interface Embedder {
    /** Identifies the model and its weights; stored with every vector, so vectors of another model are never mixed in. */
    String modelId();

    int dimension();

    /** The model's input size in tokens, special tokens included. */
    int maxTokens();

    /** Counts a text's tokens with the model's own tokenizer, special tokens excluded. */
    TokenCounter tokenCounter();

    /** Embeds passages for storage, in order. */
    List<float[]> embedAll(List<String> texts);

    /** Embeds a search query. */
    float[] embedQuery(String query);

    /**
     * Models that embed, besides this one, the chunks of a language into a vector field of their own, by language
     * code of {@link io.ragplatform.ingest.TextLanguages} ({@code zh} → a Chinese model); a query of that language is
     * embedded by that model too. Empty by default: this model embeds every language alone.
     */
    default Map<String, Embedder> languageModels() {
        return Map.of();
    }
}
