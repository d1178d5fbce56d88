package io.ragplatform.index;

import io.ragplatform.ingest.DocumentIdentity;

/**
 * What one upsert did to one document.
 *
 * @param identity ID, source, path, parent, content type and language
 * @param status created, updated (content or metadata), unchanged, or deleted (an embedded document gone from the file)
 * @param total chunk occurrences in the new version
 * @param added occurrences whose chunk the previous version did not have
 * @param removed occurrences of the previous version whose chunk the new one does not have
 * @param unchanged occurrences whose chunk the previous version also had
 * @param embedded embeddings computed for this document's chunks by this call
 * @param contentChanged whether the canonical content (hence the version) changed
 * @param metadataChanged whether the metadata changed
 */
public record DocumentOutcome(
        DocumentIdentity identity,
        int version,
        Status status,
        String contentHash,
        int total,
        int added,
        int removed,
        int unchanged,
        int embedded,
        boolean contentChanged,
        boolean metadataChanged)
        implements DocumentIdentity.Carrier {

    /** The same outcome with its embedding count set. */
    public DocumentOutcome withEmbedded(int n) {
        return new DocumentOutcome(
                identity,
                version,
                status,
                contentHash,
                total,
                added,
                removed,
                unchanged,
                n,
                contentChanged,
                metadataChanged);
    }

    public enum Status {
        CREATED,
        UPDATED,
        UNCHANGED,
        DELETED;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
