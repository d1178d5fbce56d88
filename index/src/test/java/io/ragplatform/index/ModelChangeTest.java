package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.lucene.LuceneIndexes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Changing the embedding model: refused by default; with rebuild, a shadow index replaces the old one while it serves. */
class ModelChangeTest extends IndexFixture {
    private static Embedder minilm;
    private static Embedder other;

    /**
     * A second "model" for the test: MiniLM's vectors with their components reversed. Same geometry (so search still
     * works), different vectors (so a mix-up would show), its own ID.
     */
    static final class ReversedEmbedder extends ForwardingEmbedder {
        ReversedEmbedder(Embedder base) {
            super(base);
        }

        private static float[] reverse(float[] v) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[v.length - 1 - i];
            }
            return out;
        }

        @Override
        public String modelId() {
            return "minilm-reversed";
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return super.embedAll(texts).stream().map(ReversedEmbedder::reverse).toList();
        }

        @Override
        public float[] embedQuery(String query) {
            return reverse(super.embedQuery(query));
        }
    }

    @BeforeAll
    static void load() {
        minilm = model;
        other = new ReversedEmbedder(minilm);
    }

    private static Function<String, Embedder> models() {
        return id -> switch (id) {
            case Embedders.ALL_MINILM_L6_V2_Q -> minilm;
            case "minilm-reversed" -> other;
            default -> throw new IllegalArgumentException("unknown model " + id);
        };
    }

    private static final String[] TOPICS = {
        "Backup Policy\n\nNightly backups of the billing database are copied to the Frankfurt vault and kept for ninety days.",
        "Travel Rules\n\nTrain travel is preferred for trips under five hours; flights need approval from a director.",
        "Badge Access\n\nVisitors receive a paper badge at reception and must be escorted on every floor.",
    };

    @Test
    void a_model_change_is_refused_by_default_naming_both_models() throws IOException {
        Path root = tmp.resolve("index");
        try (RagIndex index = LuceneIndexes.openHome(
                root, minilm, models(), "test", Retention.DEFAULT, ModelChangePolicy.REFUSE, RebuildListener.NONE)) {
            index.upsert(prepare("t0", TOPICS[0]));
        }
        ModelChangeRefusedException e = assertThrows(
                ModelChangeRefusedException.class,
                () -> LuceneIndexes.openHome(
                        root,
                        other,
                        models(),
                        "test",
                        Retention.DEFAULT,
                        ModelChangePolicy.REFUSE,
                        RebuildListener.NONE));
        // the settings that resolve it are named at the api edge (RagEngineTest), not by the index
        assertTrue(
                e.getMessage().contains("'all-minilm-l6-v2-q'")
                        && e.getMessage().contains("'minilm-reversed'"),
                e.getMessage());
        assertEquals("all-minilm-l6-v2-q", e.storedModel());
        assertEquals("minilm-reversed", e.configuredModel());
        assertEquals("model_change_refused", e.code());
    }

    @Test
    void a_rebuild_serves_the_old_model_meanwhile_catches_up_and_swaps() throws Exception {
        Path root = tmp.resolve("index");
        long before;
        try (RagIndex index = LuceneIndexes.openHome(
                root, minilm, models(), "test", Retention.DEFAULT, ModelChangePolicy.REFUSE, RebuildListener.NONE)) {
            for (int i = 0; i < TOPICS.length; i++) {
                index.upsert(prepare("t" + i, TOPICS[i]));
            }
            before = index.stats().indexVersion();
        }

        PausingRebuild listener = new PausingRebuild();
        CountDownLatch copied = listener.copied;
        CountDownLatch proceed = listener.proceed;
        CountDownLatch swapped = listener.swapped;
        try (RagIndex index = LuceneIndexes.openHome(
                root, other, models(), "test", Retention.DEFAULT, ModelChangePolicy.REBUILD, listener)) {
            assertTrue(copied.await(60, TimeUnit.SECONDS), "copy phase ends");
            // meanwhile the old model serves, and writes keep working
            assertEquals(Embedders.ALL_MINILM_L6_V2_Q, index.stats().modelId());
            assertEquals("copying", index.rebuild().orElseThrow().state().json());
            assertEquals(
                    index.rebuild().orElseThrow().chunksTotal(),
                    index.rebuild().orElseThrow().chunksEmbedded());
            SearchResults during =
                    index.search(new SearchRequest("where are billing backups kept", 1, SearchMode.VECTOR));
            assertTrue(during.results().getFirst().text().contains("Frankfurt"));
            index.upsert(prepare("late", "Printer Setup\n\nThe third floor printer uses the queue named ORCA-22."));
            index.delete(
                    index.documentsOfSource("t2", AccessScope.ALL).getFirst().documentId());
            proceed.countDown();
            assertTrue(swapped.await(60, TimeUnit.SECONDS), "swap happens");

            assertEquals("minilm-reversed", index.stats().modelId());
            assertEquals("done", index.rebuild().orElseThrow().state().json());
            assertEquals(
                    before + 3,
                    index.stats().indexVersion(),
                    "the upload, the delete, then the swap: versions stay monotonic");
            List<IndexVersion> versions = index.versions();
            assertEquals(
                    List.of(before + 3),
                    versions.stream().map(IndexVersion::version).toList(),
                    "old-model versions are not served");
            assertEquals("minilm-reversed", versions.getFirst().modelId());
            assertEquals(3, index.stats().documents());
            ConsistencyReport check = index.check();
            assertTrue(check.consistent(), check.toString());
            assertTrue(
                    index.search(new SearchRequest("which printer queue on the third floor", 1, SearchMode.VECTOR))
                            .results()
                            .getFirst()
                            .text()
                            .contains("ORCA-22"),
                    "the write made during the copy was caught up");
            assertTrue(
                    index.search(new SearchRequest("visitor badge escort", 3, SearchMode.KEYWORD))
                            .results()
                            .isEmpty(),
                    "the delete made during the copy was caught up");
        }
        // the switch is durable: the next start serves the new model directly, and only one index directory is left
        try (RagIndex index = LuceneIndexes.openHome(
                root, other, models(), "test", Retention.DEFAULT, ModelChangePolicy.REFUSE, RebuildListener.NONE)) {
            assertEquals("minilm-reversed", index.stats().modelId());
            assertTrue(index.rebuild().isEmpty());
            assertEquals(3, index.stats().documents());
        }
        try (var dirs = Files.list(root)) {
            assertEquals(1, dirs.filter(Files::isDirectory).count());
        }
    }
}
