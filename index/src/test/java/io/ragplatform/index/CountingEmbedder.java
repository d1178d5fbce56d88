package io.ragplatform.index;

import io.ragplatform.ingest.TokenCounter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts texts sent to the model; can be told to fail. */
class CountingEmbedder implements Embedder {
    final Embedder delegate;
    final AtomicInteger embedded = new AtomicInteger();
    volatile boolean fail;

    CountingEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    @Override
    public TokenCounter tokenCounter() {
        return delegate.tokenCounter();
    }

    @Override
    public float[] embedQuery(String q) {
        return delegate.embedQuery(q);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (fail) {
            throw new IllegalStateException("model failure injected by the test");
        }
        embedded.addAndGet(texts.size());
        return delegate.embedAll(texts);
    }
}
