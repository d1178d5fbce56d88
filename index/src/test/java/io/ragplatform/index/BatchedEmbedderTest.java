package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.ragplatform.index.BatchedEmbedders.BatchOptions;
import io.ragplatform.ingest.TokenCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batched embedder gives the LangChain4j model's vectors (cosine ≥ 0.9999, so existing indexes stay valid), and a
 * text's vector does not depend on its batch: alone, among other texts, in batches of another size and padding.
 */
class BatchedEmbedderTest {
    private static final double SAME = 0.9999;

    private static final String PARAGRAPH =
            "Retrieval-augmented generation grounds a language model's answer in passages"
                    + " found by a search over a document collection. Chunks are embedded once, stored with their content"
                    + " hash, and re-used when a file is uploaded again; the model's identifier is stored with each vector. ";

    /** Short and long, English and Chinese, one text beyond 512 tokens, one beyond two windows of 510. */
    private static final List<String> CORPUS = List.of(
            "ok",
            "How long are backups kept?",
            "Backups are kept for 35 days; keys rotate every 90 days.",
            PARAGRAPH,
            PARAGRAPH.repeat(4),
            PARAGRAPH.repeat(12),
            "Ünïcödé naïve café résumé – “quoted” text, with emoji 🙂 and tabs\tand\nnewlines.",
            "备份保留三十五天，密钥每九十天轮换一次。",
            "检索增强生成把语言模型的回答建立在文档检索得到的段落之上。".repeat(30),
            "Mixed 中文 and English: 向量检索 with BM25 关键词 search.",
            "supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopic ".repeat(60));

    @ParameterizedTest
    @ValueSource(strings = {"bge-small-en-v15-q", "all-minilm-l6-v2-q", "bge-small-zh-v15-q"})
    void batched_vectors_are_the_langchain4j_models_vectors(String name) {
        Embedder reference = reference(name);
        Embedder batched = Embedders.named(name + BatchedEmbedders.SUFFIX, 0);
        assertEquals(reference.modelId(), batched.modelId());
        assertEquals(reference.dimension(), batched.dimension());
        assertEquals(reference.maxTokens(), batched.maxTokens());

        List<float[]> expected = reference.embedAll(CORPUS);
        List<float[]> actual = batched.embedAll(CORPUS);
        for (int i = 0; i < CORPUS.size(); i++) {
            assertCosine(expected.get(i), actual.get(i), name + " text " + i);
            assertEquals(1.0, norm(actual.get(i)), 1e-5, "unit length");
        }
        assertCosine(reference.embedQuery(CORPUS.get(1)), batched.embedQuery(CORPUS.get(1)), name + " query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bge-small-en-v15-q", "all-minilm-l6-v2-q"})
    void a_texts_vector_does_not_depend_on_its_batch(String name) {
        Embedder defaults = Embedders.named(name + BatchedEmbedders.SUFFIX, 0);
        // batches of 3, then of at most 600 padded tokens, two at a time: other batch mates, other padding
        Embedder small = BatchedEmbedders.of(
                BatchedEmbedders.model(name),
                new BatchOptions(2, 3, 4096, OptLevel.ALL_OPT, false, 1),
                defaults.maxTokens());
        Embedder tight = BatchedEmbedders.of(
                BatchedEmbedders.model(name),
                new BatchOptions(1, 64, 600, OptLevel.ALL_OPT, false, 2),
                defaults.maxTokens());
        Embedder large = BatchedEmbedders.of(
                BatchedEmbedders.model(name),
                new BatchOptions(1, 32, 8192, OptLevel.ALL_OPT, false, 1),
                defaults.maxTokens());
        List<float[]> together = large.embedAll(CORPUS);
        List<String> reversed = new ArrayList<>(CORPUS);
        Collections.reverse(reversed);
        List<float[]> backwards = small.embedAll(reversed);
        List<float[]> tightly = tight.embedAll(CORPUS);
        for (int i = 0; i < CORPUS.size(); i++) {
            float[] alone = defaults.embedAll(List.of(CORPUS.get(i))).getFirst();
            String what = name + " text " + i;
            assertCosine(alone, together.get(i), what + ": alone / in batches of up to 32 windows");
            assertCosine(alone, backwards.get(CORPUS.size() - 1 - i), what + ": alone / batches of 3, reversed");
            assertCosine(alone, tightly.get(i), what + ": alone / batches of at most 600 tokens");
        }
    }

    @Test
    void an_empty_text_is_refused_as_langchain4j_refuses_it() {
        Embedder batched = Embedders.named("bge-small-en-v15-q-batched", 0);
        assertThrows(IllegalArgumentException.class, () -> batched.embedAll(List.of("fine", " ")));
        assertEquals(List.of(), batched.embedAll(List.of()));
    }

    @Test
    void the_batched_names_are_listed_and_the_embedder_serves_as_a_langchain4j_model() {
        assertTrue(
                Embedders.available().contains("bge-small-en-v15-q-batched"),
                Embedders.available().toString());
        assertTrue(
                Embedders.available().contains("all-minilm-l6-v2-q-batched"),
                Embedders.available().toString());
        Embedder batched = Embedders.named("bge-small-en-v15-q-batched", 0);
        var model = BatchedEmbedders.asEmbeddingModel(batched);
        assertEquals(384, model.dimension());
        assertCosine(
                batched.embedAll(List.of(PARAGRAPH)).getFirst(),
                model.embedAll(List.of(TextSegment.from(PARAGRAPH)))
                        .content()
                        .getFirst()
                        .vector(),
                "adapter");
        assertTrue(batched.tokenCounter().count(PARAGRAPH) > 40);
    }

    /** The current embedder: LangChain4j's model through {@link Embedders}. */
    private static Embedder reference(String name) {
        if (name.equals("bge-small-zh-v15-q")) {
            return Embedders.of(new BgeSmallZhV15QuantizedEmbeddingModel(), name, 512, TokenCounter.approximate());
        }
        return Embedders.named(name, 0);
    }

    private static void assertCosine(float[] a, float[] b, String what) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        double cosine = dot / (norm(a) * norm(b));
        assertTrue(cosine >= SAME, String.format(Locale.ROOT, "%s: cosine %.7f < %.4f", what, cosine, SAME));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
