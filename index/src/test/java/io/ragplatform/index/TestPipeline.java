package io.ragplatform.index;

import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;

/** The real preparation pipeline (Tika, canonicalizer, structural chunker) for a model, every text taken as English. */
final class TestPipeline {
    private TestPipeline() {}

    static DocumentPreparer preparer(Embedder model) {
        Canonicalizer canon = Canonicalizer.standard();
        return new DocumentPreparer(Extractors.tika(ExtractionLimits.DEFAULTS), canon,
                Chunker.structural(model.tokenCounter(), model.maxTokens() - 2, canon.version()), text -> "en");
    }
}
