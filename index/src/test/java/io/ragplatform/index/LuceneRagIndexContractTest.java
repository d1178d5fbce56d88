package io.ragplatform.index;

import java.nio.file.Path;

/** The contract on one Lucene index. */
class LuceneRagIndexContractTest extends RagIndexContractTest {
    @Override
    RagIndex open(Path dir, CountingEmbedder embedder) {
        return RagIndex.open(dir, embedder, "test");
    }
}
