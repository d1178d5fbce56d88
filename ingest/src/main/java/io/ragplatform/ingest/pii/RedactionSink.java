package io.ragplatform.ingest.pii;

import java.util.List;

/**
 * Where a preparer hands what it redacted, to be kept apart from the index (encrypted, see {@link RedactionMap}). Called
 * once per document of a file prepared whole in {@link PiiMode#REDACT} mode, hits or none (none: a map kept from an
 * earlier version of the document is stale), before the file is stored; a file that is refused
 * hands nothing.
 */
@FunctionalInterface
public interface RedactionSink {
    /** Keeps nothing: the originals are gone once redacted. */
    RedactionSink NONE = (sourceId, documentId, hits) -> {};

    /**
     * The hits (placeholder spans in the document's redacted canonical text, originals) of one document of the file
     * stored under {@code sourceId}; empty when nothing was redacted.
     */
    void redacted(String sourceId, String documentId, List<PiiHit> hits);
}
