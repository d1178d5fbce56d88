package io.ragplatform.eval.grounded;

import io.ragplatform.index.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embeds sentences through an {@link Embedder}, caching vectors by text (the same contexts are scored for every claim of
 * an answer). The cache is bounded: past {@code maxEntries} it is cleared. Thread-safe.
 */
final class SentenceEmbeddings {
    private final Embedder embedder;
    private final int maxEntries;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    String modelId() {
        return embedder.modelId();
    }

    SentenceEmbeddings(Embedder embedder, int maxEntries) {
        this.embedder = embedder;
        this.maxEntries = maxEntries;
    }

    float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    List<float[]> embedAll(List<String> texts) {
        java.util.LinkedHashSet<String> absent = new java.util.LinkedHashSet<>();
        for (String t : texts) {
            if (!cache.containsKey(t)) {
                absent.add(t);
            }
        }
        List<String> missing = new ArrayList<>(absent);
        Map<String, float[]> fresh = new java.util.HashMap<>();
        if (!missing.isEmpty()) {
            List<float[]> vs = embedder.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                fresh.put(missing.get(i), vs.get(i));
            }
            if (cache.size() + fresh.size() > maxEntries) {
                cache.clear();
            }
            cache.putAll(fresh);
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            float[] v = fresh.get(t);
            out.add(v != null ? v : cache.get(t));
        }
        // a concurrent clear may have dropped an entry between the check and the read
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, embedder.embedAll(List.of(texts.get(i))).get(0));
            }
        }
        return out;
    }

    /** Cosine of two vectors (the index's vectors are unit length, but this does not rely on it). */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
