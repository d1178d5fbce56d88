package io.ragplatform.index.lucene;

import io.ragplatform.index.Embedder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embeddings of recent queries, least recently used out first, so that a repeated query (an evaluation re-run, a
 * comparison, a user paging) skips the model: the query embedding is most of a hybrid or vector search's cost. One
 * cache per index, so per model: a model change builds a new index and with it a new cache. Keyed by the exact query
 * text (the model's output depends on nothing else); at most {@code capacity} entries (384 floats each for the default
 * model, about 1.6 kB). Thread-safe; two threads that miss the same query both embed it.
 */
final class QueryEmbeddings {
    /** The default capacity: 1,024 queries, about 1.6 MB with a 384-dimensional model. */
    static final int DEFAULT_CAPACITY = 1024;

    private final Embedder embedder;
    private final Map<String, float[]> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    QueryEmbeddings(Embedder embedder, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a cache of " + capacity + " queries");
        }
        this.embedder = embedder;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The query's embedding, from the cache or (then cached) from the model; a copy the caller may keep. */
    float[] embed(String query) {
        float[] v;
        synchronized (cache) {
            v = cache.get(query);
        }
        if (v != null) {
            hits.incrementAndGet();
            return v.clone();
        }
        misses.incrementAndGet();
        v = embedder.embedQuery(query);
        synchronized (cache) {
            cache.put(query, v.clone());
        }
        return v;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }
}
