package io.ragplatform.index.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ragplatform.ingest.TokenCounter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic: top-k selection and the retrieval metrics. */
class EmbeddingModelBenchTest {

    @Test
    void topKIsBestFirstWithTiesToTheLowerIndex() {
        float[][] docs = {{0f, 1f}, {1f, 0f}, {0.6f, 0.8f}, {1f, 0f}, {-1f, 0f}};
        assertArrayEquals(new int[] {1, 3, 2}, Ranking.topK(new float[] {1f, 0f}, docs, 3));
        assertArrayEquals(new int[] {1, 3, 2, 0, 4}, Ranking.topK(new float[] {1f, 0f}, docs, 100));
    }

    @Test
    void metricsOfOneRanking() {
        // relevant: a (rank 2), b (rank 12), c (not retrieved)
        List<String> ranked = List.of("x", "a", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "b");
        double[] m = Ranking.metrics(ranked, Map.of("a", 1, "b", 1, "c", 1));
        double idcg = 1 + 1 / log2(3) + 1 / log2(4);
        assertEquals((1 / log2(3)) / idcg, m[0], 1e-12);
        assertEquals(1.0 / 3, m[1], 1e-12);
        assertEquals(2.0 / 3, m[2], 1e-12);
        assertEquals(0.5, m[3], 1e-12);
    }

    @Test
    void perfectAndEmptyRankings() {
        assertArrayEquals(new double[] {1, 1, 1, 1}, Ranking.metrics(List.of("a", "z"), Map.of("a", 1)), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0}, Ranking.metrics(List.of(), Map.of("a", 1)), 1e-12);
    }

    @Test
    void onlyEnglishBgeModelsGetTheQueryInstruction() {
        assertEquals(ModelInputs.BGE_EN_QUERY_INSTRUCTION, ModelInputs.queryInstruction("bge-small-en-v15-q"));
        assertNull(ModelInputs.queryInstruction("all-minilm-l6-v2-q"));
        assertNull(ModelInputs.queryInstruction("bge-small-zh-v15-q"));
    }

    @Test
    void truncateCutsAtAWordBoundaryToTheBudget() {
        TokenCounter words = TokenCounter.approximate();
        assertEquals("one two three", ModelInputs.truncate("one two three four five", words, 3));
        assertEquals("one two three", ModelInputs.truncate("one two three", words, 3));
        assertEquals("one, two", ModelInputs.truncate("one, two three", words, 3));
        assertEquals("", ModelInputs.truncate("one two", words, 0));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
