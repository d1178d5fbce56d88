package io.ragplatform.index;

import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A file into the index: prepare, then upsert, skipping the parse when the stored file's bytes, size, metadata and
 * preparation pipeline are all unchanged. Thread-safe; the one path for REST uploads and source syncs.
 */
public final class Ingestion {
    private final DocumentPreparer preparer;
    private final RagIndex index;

    public Ingestion(DocumentPreparer preparer, RagIndex index) {
        this.preparer = preparer;
        this.index = index;
    }

    public DocumentPreparer preparer() {
        return preparer;
    }

    public RagIndex index() {
        return index;
    }

    /**
     * Stores a file under {@code sourceId}.
     *
     * @throws io.ragplatform.ingest.DocumentRejectedException when the file cannot become documents
     */
    public UpsertResult ingest(Path file, String fileName, String sourceId, Map<String, String> metadata) {
        UpsertResult same = unchanged(file, sourceId, metadata);
        if (same != null) {
            return same;
        }
        PreparedUpload upload = preparer.prepare(file, fileName, sourceId, metadata);
        return index.upsert(upload);
    }

    /** The outcome for a file whose bytes, metadata and pipeline match what is stored, or {@code null}. */
    private UpsertResult unchanged(Path file, String sourceId, Map<String, String> metadata) {
        if (sourceId == null || sourceId.isBlank()) {
            return null;
        }
        List<DocumentRecord> stored = index.documentsOfSource(sourceId);
        if (stored.isEmpty() || !stored.get(0).path().isEmpty()) {
            return null;
        }
        DocumentRecord root = stored.get(0);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root.fileHash() == null || root.fileSize() != size || !Objects.equals(root.pipeline(), preparer.pipelineVersion())
                || !root.metadata().equals(metadata) || !root.fileHash().equals(DocumentPreparer.fileHash(file))) {
            return null;
        }
        List<DocumentOutcome> outcomes = stored.stream().map(r -> new DocumentOutcome(r.documentId(), r.sourceId(), r.path(),
                r.parentDocumentId(), r.contentType(), r.language(), r.version(), DocumentOutcome.Status.UNCHANGED, r.contentHash(),
                r.chunks().size(), 0, 0, r.chunks().size(), 0, false, false)).toList();
        int distinct = (int) stored.stream().flatMap(r -> r.chunks().stream()).map(ChunkRef::chunkId).distinct().count();
        return new UpsertResult(outcomes, index.stats().indexVersion(), 0, distinct);
    }
}
