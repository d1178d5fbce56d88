package io.ragplatform.ingest.pii;

import java.util.List;

/**
 * Where a preparer hands what it redacted, to be kept apart from the index (encrypted, see {@link RedactionMap}). Called
 * once per redacted document of a file that was prepared whole, before the file is stored; a file that is refused
 * hands nothing.
 */
@FunctionalInterface
public interface RedactionSink {
    /** Keeps nothing: the originals are gone once redacted. */
    RedactionSink NONE = (documentId, hits) -> {};

    /** The hits (placeholder spans in the document's redacted canonical text, originals) of one document. */
    void redacted(String documentId, List<PiiHit> hits);
}
