package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The contract on the model-switching index once its rebuild is over: the new model in service. */
class ModelSwitchingIdleContractTest extends RagIndexContractTest {
    @Override
    RagIndex open(Path root, CountingEmbedder embedder) throws Exception {
        Embedder old = new ModelChangeTest.ReversedEmbedder(model);
        try (RagIndex seeded = IndexHome.open(
                root, old, id -> old, "test", Retention.DEFAULT, ModelChangePolicy.REFUSE, RebuildListener.NONE)) {
            seeded.upsert(prepare("seed", "Seed\n\nA document of the old model, re-embedded by the rebuild."));
        }
        PausingRebuild listener = new PausingRebuild();
        listener.proceed.countDown();
        RagIndex index = IndexHome.open(
                root, embedder, id -> old, "test", Retention.DEFAULT, ModelChangePolicy.REBUILD, listener);
        assertTrue(listener.swapped.await(60, TimeUnit.SECONDS), "the rebuild ends");
        assertEquals(RebuildStatus.State.DONE, index.rebuild().orElseThrow().state());
        index.deleteSource("seed");
        return index;
    }
}
