package io.ragplatform.eval.grounded;

import io.ragplatform.index.Embedder;
import java.util.Objects;

/**
 * The base of the scorers that compare a claim with the contexts' sentences under an in-process embedding model: the
 * sentences (split as answers are split into claims), their vectors cached by text, and the model, which is what a run
 * records as the scorer's.
 */
abstract class SentenceEmbeddingScorer implements SupportScorer {
    /** How many sentence vectors the cache holds before it is cleared. */
    private static final int CACHED_SENTENCES = 20_000;

    final SentenceEmbeddings embeddings;
    final ClaimSplitter splitter = new ClaimSplitter();

    SentenceEmbeddingScorer(Embedder embedder) {
        this.embeddings = new SentenceEmbeddings(Objects.requireNonNull(embedder, "embedder"), CACHED_SENTENCES);
    }

    @Override
    public final String modelId() {
        return embeddings.modelId();
    }
}
