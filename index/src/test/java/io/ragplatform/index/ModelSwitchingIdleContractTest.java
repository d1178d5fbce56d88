package io.ragplatform.index;

import java.nio.file.Path;

/** The contract on the model-switching index once its rebuild is over: the new model in service. */
class ModelSwitchingIdleContractTest extends RagIndexContractTest {
    @Override
    RagIndex open(Path root, CountingEmbedder embedder) throws Exception {
        PausingRebuild listener = new PausingRebuild();
        listener.proceed.countDown();
        return openRebuilding(
                root,
                new ModelChangeTest.ReversedEmbedder(model),
                embedder,
                "Seed\n\nA document of the old model, re-embedded by the rebuild.",
                listener,
                listener.swapped,
                RebuildStatus.State.DONE);
    }
}
