package io.ragplatform.api;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.UpsertResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What follows a write of a source's documents (an upload, a synced or imported file, a delete): the source's stored
 * records are read once and given to the PII counter, the near-duplicate index and the redaction maps (whose maps of
 * documents no longer stored go).
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
        pruneMaps(sourceId, docs);
    }

    /** Some or all of the source's documents were deleted. */
    void deleted(String sourceId) {
        List<DocumentRecord> docs = engine.index().documentsOfSource(sourceId, AccessScope.ALL);
        nearDuplicates.refresh(sourceId, docs);
        pruneMaps(sourceId, docs);
    }

    private void pruneMaps(String sourceId, List<DocumentRecord> docs) {
        engine.redactionMaps()
                .ifPresent(maps -> maps.keepOnly(
                        sourceId,
                        docs.stream().map(DocumentRecord::documentId).collect(java.util.stream.Collectors.toSet())));
    }
}
