package io.ragplatform.index;

import io.ragplatform.ingest.TokenCounter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Embedder} that passes every call to another one: the base of wrappers that change a few calls (a vector
 * cache, a counter, a test model) and keep the rest of the model as it is. A subclass overrides what it changes; what it
 * does not override behaves exactly as the delegate, thread safety included.
 */
public abstract class ForwardingEmbedder implements Embedder {
    private final Embedder delegate;

    protected ForwardingEmbedder(Embedder delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped model. */
    protected final Embedder delegate() {
        return delegate;
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
    public List<float[]> embedAll(List<String> texts) {
        return delegate.embedAll(texts);
    }

    @Override
    public float[] embedQuery(String query) {
        return delegate.embedQuery(query);
    }

    @Override
    public Map<String, Embedder> languageModels() {
        return delegate.languageModels();
    }
}
