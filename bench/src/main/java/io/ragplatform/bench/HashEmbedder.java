package io.ragplatform.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.ingest.Hashing;
import io.ragplatform.ingest.TokenCounter;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A stand-in model: a unit vector seeded by the text's hash. Deterministic and free, so that a search benchmark built
 * on it measures the index, not the model; the smoke test uses it to start the search benchmark in milliseconds.
 */
final class HashEmbedder implements Embedder {
    private final int dimension;

    HashEmbedder(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String modelId() {
        return "hash-" + dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return 512;
    }

    @Override
    public TokenCounter tokenCounter() {
        return TokenCounter.approximate();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(query);
    }

    private float[] embed(String text) {
        Random random =
                new Random(HexFormat.fromHexDigitsToLong(Hashing.id128(text).substring(0, 15)));
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
