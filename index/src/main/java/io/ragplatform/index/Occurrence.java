package io.ragplatform.index;

import io.ragplatform.ingest.License;

/**
 * Where a chunk occurs: a document, a character span of its canonical text, and the document's licence (a chunk
 * shared by documents of several licences lists each with its own).
 */
public record Occurrence(String documentId, String sourceId, int charStart, int charEnd, int page, String license) {
    public Occurrence {
        license = License.stored(license);
    }

    /** An occurrence in a document of {@link License#UNKNOWN} licence. */
    public Occurrence(String documentId, String sourceId, int charStart, int charEnd, int page) {
        this(documentId, sourceId, charStart, charEnd, page, License.UNKNOWN);
    }
}
