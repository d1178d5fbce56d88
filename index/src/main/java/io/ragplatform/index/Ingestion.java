package io.ragplatform.index;

import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.PreparedUpload;
import io.ragplatform.ingest.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A file into the index: prepare, then upsert, skipping the parse when the stored file's bytes, size, metadata, acl
 * and preparation pipeline are all unchanged. Thread-safe; the one path for REST uploads and source syncs.
 *
 * @param preparer turns a file into documents and chunks
 * @param index where they are stored
 * @param erased the files erasures removed: refused ({@code erased_document}) before they are parsed
 */
public record Ingestion(DocumentPreparer preparer, RagIndex index, ErasedFiles erased) {
    public Ingestion {
        Objects.requireNonNull(preparer, "preparer");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(erased, "erased");
    }

    /** An ingestion that refuses no erased file. */
    public Ingestion(DocumentPreparer preparer, RagIndex index) {
        this(preparer, index, ErasedFiles.NONE);
    }

    /** Refuses the file when an erasure removed the same bytes under this sourceId. */
    private void requireNotErased(Path file, String sourceId) {
        erased.erasure(sourceId, () -> DocumentPreparer.fileHash(file)).ifPresent(why -> {
            throw new DocumentRejectedException(RejectReason.ERASED, why);
        });
    }

    /**
     * Stores a file under {@code sourceId}, readable by {@code acl} (its embedded documents too). A file stored before
     * whose only change is its acl is {@code updated} and embeds nothing.
     *
     * @throws io.ragplatform.ingest.DocumentRejectedException when the file or the request (sourceId, metadata, acl)
     *     cannot become documents
     */
    public UpsertResult ingest(
            Path file, String fileName, String sourceId, Map<String, String> metadata, List<String> acl) {
        return switch (prepare(file, fileName, sourceId, metadata, acl)) {
            case Prepared.Unchanged u -> u.result();
            case Prepared.Ready r -> index.upsert(r.upload());
        };
    }

    /**
     * The first half of an ingest, without touching the index: the file's outcome when its bytes, metadata, acl and
     * pipeline are unchanged (no parse), or its prepared documents, to be stored by {@link RagIndex#upsertAll} (alone
     * or in a batch). What pipelines call that prepare the next files while the index embeds and commits the last ones.
     *
     * @throws DocumentRejectedException when the file or the request cannot become documents
     */
    public Prepared prepare(FileToIngest f) {
        return prepare(f.file(), f.fileName(), f.sourceId(), f.metadata(), f.acl());
    }

    private Prepared prepare(
            Path file, String fileName, String sourceId, Map<String, String> metadata, List<String> acl) {
        List<String> normalized = Acl.of(acl);
        requireNotErased(file, sourceId);
        UpsertResult same = unchanged(file, sourceId, metadata, normalized);
        if (same != null) {
            return new Prepared.Unchanged(same);
        }
        return new Prepared.Ready(preparer.prepare(file, fileName, sourceId, metadata, normalized));
    }

    /** A file after {@link #prepare(FileToIngest)}: nothing to store, or an upload to store. */
    public sealed interface Prepared {
        /** The file is stored as it is; {@code result} says so (status unchanged, nothing embedded). */
        record Unchanged(UpsertResult result) implements Prepared {}

        /** The file's documents, ready for {@link RagIndex#upsertAll}. */
        record Ready(PreparedUpload upload) implements Prepared {}
    }

    /**
     * One file of a batch: where its bytes are, its name, the sourceId to store it under, its metadata and who may read
     * it (checked when the batch is ingested, as a refusal of this file alone).
     */
    public record FileToIngest(
            Path file, String fileName, String sourceId, Map<String, String> metadata, List<String> acl) {
        public FileToIngest {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(sourceId, "sourceId");
            metadata = Map.copyOf(metadata);
            acl = List.copyOf(Objects.requireNonNull(acl, "acl"));
        }
    }

    /**
     * One file's outcome in a batch: stored ({@code result}), or refused ({@code rejection}), never both.
     *
     * @param sourceId the file's sourceId
     * @param result what the index did, or null when the file was refused
     * @param rejection why the file cannot become documents, or null when stored
     */
    public record BatchOutcome(String sourceId, UpsertResult result, DocumentRejectedException rejection) {
        public boolean stored() {
            return result != null;
        }
    }

    /**
     * Stores several files (distinct sourceIds) as one index commit: files whose bytes, metadata, acl and pipeline are
     * unchanged are skipped without parsing; the others are prepared, and every file that can become documents is
     * stored by one {@link RagIndex#upsertAll}. A refused file is an outcome, not a failure of the batch: the others are
     * stored all the same. Outcomes are in the order of the files.
     *
     * @throws IllegalArgumentException if two files name the same sourceId
     */
    public List<BatchOutcome> ingestAll(List<FileToIngest> files) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FileToIngest f : files) {
            if (!seen.add(f.sourceId())) {
                throw new IllegalArgumentException("sourceId '" + f.sourceId() + "' appears twice in one batch");
            }
        }
        BatchOutcome[] outcomes = new BatchOutcome[files.size()];
        List<PreparedUpload> uploads = new java.util.ArrayList<>();
        List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FileToIngest f = files.get(i);
            try {
                switch (prepare(f)) {
                    case Prepared.Unchanged u -> outcomes[i] = new BatchOutcome(f.sourceId(), u.result(), null);
                    case Prepared.Ready r -> {
                        uploads.add(r.upload());
                        positions.add(i);
                    }
                }
            } catch (DocumentRejectedException e) {
                outcomes[i] = new BatchOutcome(f.sourceId(), null, e);
            }
        }
        if (!uploads.isEmpty()) {
            List<UpsertResult> results = index.upsertAll(uploads);
            for (int j = 0; j < results.size(); j++) {
                outcomes[positions.get(j)] =
                        new BatchOutcome(files.get(positions.get(j)).sourceId(), results.get(j), null);
            }
        }
        return List.of(outcomes);
    }

    /** The outcome for a file whose bytes, metadata, acl and pipeline match what is stored, or {@code null}. */
    private UpsertResult unchanged(Path file, String sourceId, Map<String, String> metadata, List<String> acl) {
        if (sourceId == null || sourceId.isBlank()) {
            return null;
        }
        // what is stored, whoever may read it: the writer's own scope is the caller's business
        List<DocumentRecord> stored = index.documentsOfSource(sourceId, AccessScope.ALL);
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
        if (root.fileHash() == null
                || root.fileSize() != size
                || !Objects.equals(root.pipeline(), preparer.pipelineVersion(sourceId))
                || !root.metadata().equals(metadata)
                || !root.acl().equals(acl)
                || !root.license().equals(preparer.licenses().resolve(metadata, null, "'" + sourceId + "'"))
                || !root.fileHash().equals(DocumentPreparer.fileHash(file))
                // prepared again: to gain the quality report it was stored without, or to be refused by a check
                // configured since
                || stored.stream()
                        .anyMatch(r -> r.quality() == null
                                || preparer.quality().failed(r.quality()).isPresent())) {
            return null;
        }
        List<DocumentOutcome> outcomes = stored.stream()
                .map(r -> new DocumentOutcome(
                        r.identity(),
                        r.version(),
                        DocumentOutcome.Status.UNCHANGED,
                        r.contentHash(),
                        r.chunks().size(),
                        0,
                        0,
                        r.chunks().size(),
                        0,
                        false,
                        false))
                .toList();
        int distinct = (int) stored.stream()
                .flatMap(r -> r.chunks().stream())
                .map(ChunkRef::chunkId)
                .distinct()
                .count();
        return new UpsertResult(outcomes, index.stats().indexVersion(), 0, distinct);
    }
}
