package io.ragplatform.index;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One chunk entry of an index version as stored, for a {@link CorpusVisitor}: what the chunk is, in which languages,
 * and every vector the index keeps of it. The arrays are the stored ones read afresh for this value; a visitor may keep
 * them but should not expect {@code equals} to compare them (records compare arrays by identity).
 *
 * @param chunkId the chunk's content-derived ID
 * @param text its text
 * @param languages its languages by script ({@link io.ragplatform.ingest.TextLanguages}), sorted; empty for an entry
 *     written before chunk languages existed
 * @param modelId the index's main model, which made {@code vector}
 * @param vector the main model's vector
 * @param languageVectors the vectors of language models ({@link Embedder#languageModels()}) by model ID; empty when no
 *     language model embedded the chunk
 */
public record CorpusChunk(
        String chunkId,
        String text,
        List<String> languages,
        String modelId,
        float[] vector,
        SortedMap<String, float[]> languageVectors) {
    public CorpusChunk {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(vector, "vector");
        languages = List.copyOf(languages);
        languageVectors = Collections.unmodifiableSortedMap(new TreeMap<>(languageVectors));
    }

    /** Every vector of the chunk by model ID, the main model's and the language models', in model ID order. */
    public SortedMap<String, float[]> vectors() {
        TreeMap<String, float[]> all = new TreeMap<>(languageVectors);
        all.put(modelId, vector);
        return Collections.unmodifiableSortedMap(all);
    }
}
