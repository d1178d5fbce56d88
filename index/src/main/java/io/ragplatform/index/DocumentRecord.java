package io.ragplatform.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentIdentity;
import io.ragplatform.ingest.License;
import io.ragplatform.ingest.QualityReport;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored document: identity, version, hashes, metadata and its chunks in order.
 *
 * <p>Stored as JSON in the index with the identity's parts first, at the top level ({@link JsonUnwrapped}): the
 * stored format predates the {@link DocumentIdentity} value and must not change.
 *
 * @param identity ID, source, path, parent, content type and language
 * @param version starts at 1; grows by one each time the canonical content (or its chunking) changes
 * @param ingestedAt when version 1 was stored (ISO-8601, UTC)
 * @param updatedAt when the record last changed (ISO-8601, UTC)
 * @param acl who may read it: group names, or {@code ["public"]} (normalized, see {@link Acl}); a record stored
 *     before acls existed has none in its JSON and reads as {@code ["public"]}
 * @param license its licence tag (normalized, see {@link License}); a record stored before licences existed has none in
 *     its JSON and reads as {@value License#UNKNOWN}
 * @param fileHash SHA-256 of the uploaded file's bytes (the file's own document only, else null)
 * @param fileSize size of the uploaded file (the file's own document only, else 0)
 * @param pii redacted (or flagged) values per type, as {@code PreparedDocument#pii}; a record stored before has none
 * @param signature the MinHash signature of its canonical text (base64; see {@code PreparedDocument#signature}); a
 *     record stored before near-duplicate detection has none
 * @param quality its data-quality measures ({@code PreparedDocument#quality}); a record stored before data-quality
 *     checks has none (null, absent from its JSON)
 * @param pipeline the preparation pipeline that produced the chunks (see {@code DocumentPreparer#pipelineVersion})
 */
public record DocumentRecord(
        @JsonUnwrapped DocumentIdentity identity,
        int version,
        String contentHash,
        String metadataHash,
        Map<String, String> properties,
        Map<String, String> metadata,
        List<String> acl,
        String license,
        int textLength,
        List<ChunkRef> chunks,
        String ingestedAt,
        String updatedAt,
        String fileHash,
        long fileSize,
        String pipeline,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> pii,
        @JsonInclude(JsonInclude.Include.NON_NULL) String signature,
        @JsonInclude(JsonInclude.Include.NON_NULL) QualityReport quality)
        implements DocumentIdentity.Carrier {
    public DocumentRecord {
        properties = sorted(properties);
        metadata = sorted(metadata);
        acl = Acl.stored(acl);
        license = License.stored(license);
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        pii = pii == null || pii.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(pii));
    }

    /** An unmodifiable copy that iterates by key, so that the stored JSON and every view of it list keys in one order. */
    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
