package io.ragplatform.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A document ready to be stored: its identity, hashes, metadata and chunks. No I/O happened to produce the
 * identity: {@code documentId} is a function of {@code sourceId} and {@code path} alone.
 *
 * @param identity ID, source, path, parent, content type and language
 * @param properties metadata extracted from the file (title, author, dates, pages, ...)
 * @param metadata metadata given by the caller
 * @param contentHash hash of the canonical text and the canonicalizer version
 * @param metadataHash hash of content type, properties and metadata
 * @param textLength length of the canonical text
 * @param chunks the chunks in document order
 * @param pii how many values of each kind of personal data or secret were redacted (or, in flag mode, found) in its
 *     text and properties, by lower-case type ({@code email}, {@code phone}, ...); empty when none or not looked for
 * @param signature the MinHash signature of its canonical text ({@link io.ragplatform.ingest.dedup.Signature#toBytes},
 *     base64), for near-duplicate detection; null when it has no text
 * @param quality its data-quality measures (characters, tokens, mojibake, language confidence, ...); null only for
 *     documents not prepared by a {@link DocumentPreparer}
 */
public record PreparedDocument(
        DocumentIdentity identity,
        Map<String, String> properties,
        Map<String, String> metadata,
        String contentHash,
        String metadataHash,
        int textLength,
        List<Chunk> chunks,
        Map<String, Integer> pii,
        String signature,
        QualityReport quality)
        implements DocumentIdentity.Carrier {
    public PreparedDocument {
        Objects.requireNonNull(identity, "identity");
        properties = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        metadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        chunks = List.copyOf(chunks);
        pii = pii == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(pii));
    }
}
