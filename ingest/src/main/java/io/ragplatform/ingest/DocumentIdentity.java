package io.ragplatform.ingest;

import java.util.Objects;

/**
 * Which document this is and what it was detected as: the part that the prepared document, the stored record and an
 * upsert's outcome of one document all share, carried from one to the next as one value.
 *
 * @param documentId stable ID of this source's document at this path
 * @param sourceId the caller's name for the source
 * @param path position inside the uploaded file ({@code ""} for the file itself)
 * @param parentDocumentId the document this one is embedded in, or {@code null}
 * @param contentType detected media type
 * @param language detected ISO 639-1 language or {@code "und"}
 */
public record DocumentIdentity(
        String documentId, String sourceId, String path, String parentDocumentId, String contentType, String language) {
    public DocumentIdentity {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    /** A value that carries a document's identity and reads its parts directly ({@code d.documentId()}). */
    public interface Carrier {
        DocumentIdentity identity();

        default String documentId() {
            return identity().documentId();
        }

        default String sourceId() {
            return identity().sourceId();
        }

        /** Position inside the uploaded file ({@code ""} for the file itself). */
        default String path() {
            return identity().path();
        }

        default String parentDocumentId() {
            return identity().parentDocumentId();
        }

        default String contentType() {
            return identity().contentType();
        }

        default String language() {
            return identity().language();
        }
    }
}
