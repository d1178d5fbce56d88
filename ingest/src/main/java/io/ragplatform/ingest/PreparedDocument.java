package io.ragplatform.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A document ready to be stored: its identity, hashes, metadata and chunks. No I/O happened to produce the
 * identity: {@code documentId} is a function of {@code sourceId} and {@code path} alone.
 *
 * @param documentId stable ID of this source's document at this path
 * @param sourceId the caller's name for the source
 * @param path position inside the uploaded file ({@code ""} for the file itself)
 * @param parentDocumentId the document this one is embedded in, or {@code null}
 * @param contentType detected media type
 * @param language detected ISO 639-1 language or {@code "und"}
 * @param properties metadata extracted from the file (title, author, dates, pages, ...)
 * @param metadata metadata given by the caller
 * @param contentHash hash of the canonical text and the canonicalizer version
 * @param metadataHash hash of content type, properties and metadata
 * @param textLength length of the canonical text
 * @param chunks the chunks in document order
 */
public record PreparedDocument(
        String documentId,
        String sourceId,
        String path,
        String parentDocumentId,
        String contentType,
        String language,
        Map<String, String> properties,
        Map<String, String> metadata,
        String contentHash,
        String metadataHash,
        int textLength,
        List<Chunk> chunks) {
    public PreparedDocument {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(sourceId, "sourceId");
        properties = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        metadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        chunks = List.copyOf(chunks);
    }
}
