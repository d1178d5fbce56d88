package io.ragplatform.index.lucene;

import io.ragplatform.error.RagException;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.EmbeddingFailedException;
import io.ragplatform.index.lucene.Schema.StoredChunk;
import io.ragplatform.ingest.TextLanguages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;

/**
 * Vectors computed for chunks before the write lock is taken (the expensive part of an upsert, so that uploads of new
 * text embed in parallel): those of the current model, and those of the {@link Embedder#languageModels() language
 * models} a chunk's languages call for, each only where the version read holds none. A chunk that a concurrent write
 * stores meanwhile is embedded for nothing; one it removes is embedded late, under the lock, by the
 * {@link ChunkReconciler}.
 *
 * @param primary vectors of the current model, by chunk ID
 * @param languages vectors of language models, by chunk ID, then by model ID
 */
record ChunkVectors(Map<String, float[]> primary, Map<String, Map<String, float[]>> languages) {
    /** Nothing precomputed: the reconciler embeds what it needs. */
    static final ChunkVectors NONE = new ChunkVectors(Map.of(), Map.of());

    /** The vector of language model {@code modelId} computed for chunk {@code id}, or null. */
    float[] language(String id, String modelId) {
        return languages.getOrDefault(id, Map.of()).get(modelId);
    }

    /**
     * Embeds the chunks of {@code texts} (text by chunk ID) that the version {@code searcher} reads holds without a
     * vector of {@code embedder}'s model or of a language model their languages call for.
     *
     * @throws EmbeddingFailedException when a model fails
     */
    static ChunkVectors compute(IndexSearcher searcher, Embedder embedder, Map<String, String> texts)
            throws IOException {
        List<String> missing = new ArrayList<>();
        Map<Embedder, List<String>> missingByModel = new LinkedHashMap<>();
        Map<String, Embedder> models = embedder.languageModels();
        for (Map.Entry<String, String> chunk : texts.entrySet()) {
            StoredChunk stored = Schema.loadChunk(searcher, chunk.getKey());
            if (stored == null || !stored.model().equals(embedder.modelId())) {
                missing.add(chunk.getKey());
            }
            if (models.isEmpty()) {
                continue;
            }
            List<String> languages = TextLanguages.of(chunk.getValue());
            for (Map.Entry<String, Embedder> m : models.entrySet()) {
                if (languages.contains(m.getKey())
                        && (stored == null
                                || !stored.languageVectors()
                                        .containsKey(m.getValue().modelId()))) {
                    missingByModel
                            .computeIfAbsent(m.getValue(), e -> new ArrayList<>())
                            .add(chunk.getKey());
                }
            }
        }
        Map<String, Map<String, float[]>> languages = new HashMap<>();
        for (Map.Entry<Embedder, List<String>> m : missingByModel.entrySet()) {
            embed(m.getKey(), m.getValue(), texts)
                    .forEach((id, v) -> languages
                            .computeIfAbsent(id, k -> new HashMap<>())
                            .put(m.getKey().modelId(), v));
        }
        return new ChunkVectors(embed(embedder, missing, texts), languages);
    }

    /** Embeds these chunks (texts from {@code texts}) in one call; their vectors by chunk ID. */
    static Map<String, float[]> embed(Embedder embedder, List<String> ids, Map<String, String> texts) {
        Map<String, float[]> vectors = new HashMap<>();
        if (!ids.isEmpty()) {
            List<float[]> embedded =
                    embedAll(embedder, ids.stream().map(texts::get).toList());
            for (int i = 0; i < ids.size(); i++) {
                vectors.put(ids.get(i), embedded.get(i));
            }
        }
        return vectors;
    }

    /** Embeds through {@code embedder}; a failure of the model is an {@link EmbeddingFailedException}. */
    static List<float[]> embedAll(Embedder embedder, List<String> texts) {
        try {
            return embedder.embedAll(texts);
        } catch (RagException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EmbeddingFailedException(
                    "the embedding model " + embedder.modelId() + " failed on " + texts.size() + " chunk(s): " + e, e);
        }
    }
}
