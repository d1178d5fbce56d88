package io.ragplatform.api;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.UpsertResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What follows a write of a source's documents (an upload, a synced or imported file, a delete): the source's stored
 * records are read once and given to the PII counter and the near-duplicate index.
 */
@ApplicationScoped
public class SourceWrites {
    @Inject
    RagEngine engine;

    @Inject
    PiiMetrics pii;

    @Inject
    NearDuplicateService nearDuplicates;

    /** The source's file was stored with this result. */
    void stored(String sourceId, UpsertResult result) {
        List<DocumentRecord> docs = engine.index().documentsOfSource(sourceId, AccessScope.ALL);
        pii.count(docs, result);
        nearDuplicates.refresh(sourceId, docs);
    }

    /** Some or all of the source's documents were deleted. */
    void deleted(String sourceId) {
        nearDuplicates.refresh(sourceId, engine.index().documentsOfSource(sourceId, AccessScope.ALL));
    }
}
