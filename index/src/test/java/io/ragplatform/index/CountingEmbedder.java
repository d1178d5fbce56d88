package io.ragplatform.index;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts texts sent to the model; can be told to fail. */
public class CountingEmbedder extends ForwardingEmbedder {
    public final AtomicInteger embedded = new AtomicInteger();
    volatile boolean fail;

    public CountingEmbedder(Embedder delegate) {
        super(delegate);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (fail) {
            throw new IllegalStateException("model failure injected by the test");
        }
        embedded.addAndGet(texts.size());
        return super.embedAll(texts);
    }
}
