package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The contract on the model-switching index while a rebuild is held open after its copy phase: the old model serves
 * reads and writes, and the swap (run when the test is over) catches up with them.
 */
class ModelSwitchingDuringRebuildContractTest extends RagIndexContractTest {
    private PausingRebuild listener;

    @Override
    RagIndex open(Path root, CountingEmbedder embedder) throws Exception {
        listener = new PausingRebuild();
        return openRebuilding(
                root,
                embedder,
                new ModelChangeTest.ReversedEmbedder(model),
                "Seed\n\nA document of the serving model, copied by the rebuild.",
                listener,
                listener.copied,
                RebuildStatus.State.COPYING);
    }

    /** One commit per upload while a rebuild runs (see {@code ModelSwitchingIndex#upsertAll}). */
    @Override
    boolean batchesInOneCommit() {
        return false;
    }

    @Override
    void close(RagIndex index) throws Exception {
        assertEquals(RebuildStatus.State.COPYING, index.rebuild().orElseThrow().state(), "held open throughout");
        listener.proceed.countDown();
        assertTrue(listener.swapped.await(60, TimeUnit.SECONDS), "the swap ends");
        ConsistencyReport afterSwap = index.check();
        assertTrue(afterSwap.consistent(), afterSwap.toString());
        index.close();
    }
}
