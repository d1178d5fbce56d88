package io.ragplatform.eval.grounded;

import io.ragplatform.index.Embedder;
import java.util.List;

/**
 * The claim's best cosine similarity to any context sentence under an in-process embedding model, floored at 0.
 * Catches off-topic claims; a sentence embedding barely moves when a claim negates or reverses its source, so it is
 * weak on contradictions. Thread-safe.
 */
public final class EmbeddingSimilarityScorer extends SentenceEmbeddingScorer {
    public EmbeddingSimilarityScorer(Embedder embedder) {
        super(embedder);
    }

    @Override
    public double support(String claim, List<String> contexts) {
        if (contexts == null || contexts.isEmpty()) {
            return 0;
        }
        List<String> sentences = splitter.splitAll(contexts);
        if (sentences.isEmpty()) {
            return 0;
        }
        float[] q = embeddings.embed(claim);
        double best = 0;
        for (float[] v : embeddings.embedAll(sentences)) {
            best = Math.max(best, SentenceEmbeddings.cosine(q, v));
        }
        return Math.min(1, best);
    }

    @Override
    public String name() {
        return "embedding-similarity";
    }
}
