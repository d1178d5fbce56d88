package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ragplatform.index.DocumentOutcome;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.SearchHit;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the REST API. */
public final class Views {
    private Views() {}

    public record ChunkCounts(int total, int added, int removed, int unchanged) {}

    public record DocumentOutcomeView(
            String documentId,
            String path,
            String parentDocumentId,
            String status,
            int version,
            String contentHash,
            ChunkCounts chunks,
            int embedded) {
        static DocumentOutcomeView of(DocumentOutcome o) {
            return new DocumentOutcomeView(
                    o.documentId(),
                    o.path(),
                    o.parentDocumentId(),
                    o.status().json(),
                    o.version(),
                    o.contentHash(),
                    new ChunkCounts(o.total(), o.added(), o.removed(), o.unchanged()),
                    o.embedded());
        }
    }

    /**
     * The answer to an upload. {@code status}, {@code version} and {@code contentHash} are the file's own document's;
     * {@code chunks} and {@code embedded} count the whole upload, embedded documents included.
     */
    public record UploadResponse(
            String documentId,
            String sourceId,
            int version,
            String status,
            String contentHash,
            String contentType,
            String language,
            boolean metadataChanged,
            ChunkCounts chunks,
            int embedded,
            int reused,
            long indexVersion,
            List<DocumentOutcomeView> documents) {}

    /**
     * A stored document as the API shows it: the record's fields at the top level (identity, version, hashes,
     * properties and metadata sorted by key, text length, chunk spans, times) and its title. What the index keeps for
     * itself (the file's hash and size, the pipeline) is left out.
     */
    public record DocumentView(
            @JsonUnwrapped @JsonIgnoreProperties({"fileHash", "fileSize", "pipeline", "signature"})
            DocumentRecord record,

            String title,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<io.ragplatform.ingest.dedup.NearDuplicate> nearDuplicateOf) {
        static DocumentView of(DocumentRecord r) {
            return new DocumentView(r, r.properties().get("title"), null);
        }

        /** The view with the documents the caller may read that are near-duplicates of this one. */
        static DocumentView of(DocumentRecord r, List<io.ragplatform.ingest.dedup.NearDuplicate> nearDuplicateOf) {
            return new DocumentView(r, r.properties().get("title"), nearDuplicateOf);
        }
    }

    public record SourceView(String sourceId, List<DocumentView> documents) {}

    /** A document's redactions, decrypted from its map. */
    public record RedactionsView(String documentId, List<RedactionView> redactions) {}

    /** One placeholder of a document's canonical text and what it replaced. */
    public record RedactionView(String type, int start, int end, String original) {}

    /**
     * A search's answer. {@code collapse} is {@code near-duplicates} when it was asked for (absent otherwise), and then
     * each result lists what it stands for in {@code collapsed}.
     */
    public record SearchView(
            String query,
            String mode,
            int k,
            long indexVersion,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String collapse,

            List<SearchHitView> results) {}

    /**
     * A result: the hit's fields at the top level and, with {@code collapse=near-duplicates}, the hits of near-duplicate
     * documents folded into it, best first (empty when none; absent without collapse).
     */
    public record SearchHitView(
            @JsonUnwrapped SearchHit hit,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<CollapsedHit> collapsed) {}

    /** A hit folded into a result: its chunk, its score, and the documents it occurs in (as its sources list them). */
    public record CollapsedHit(String chunkId, float score, List<String> documentIds) {
        static CollapsedHit of(SearchHit hit) {
            return new CollapsedHit(
                    hit.chunkId(),
                    hit.score(),
                    hit.sources().stream()
                            .map(io.ragplatform.index.Occurrence::documentId)
                            .distinct()
                            .toList());
        }
    }

    public record DeletedDocument(String documentId, String sourceId, String path) {}

    /**
     * What a delete removed; for an erasure ({@code erase=true}) also its tombstone: the chunks erased, the versions
     * dropped, the runs it touched.
     */
    public record DeleteView(
            List<DeletedDocument> deleted,
            int chunksRemoved,
            long indexVersion,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Tombstones.Tombstone erasure) {
        static DeleteView of(io.ragplatform.index.DeleteResult r) {
            return new DeleteView(
                    r.documents().stream()
                            .map(d -> new DeletedDocument(d.documentId(), d.sourceId(), d.path()))
                            .toList(),
                    r.chunksRemoved(),
                    r.indexVersion(),
                    null);
        }

        static DeleteView of(Tombstones.Tombstone t) {
            return new DeleteView(
                    t.documents().stream()
                            .map(d -> new DeletedDocument(d.documentId(), t.sourceId(), d.path()))
                            .toList(),
                    t.chunkIds().size(),
                    t.indexVersion(),
                    t);
        }
    }

    public record JobFailure(String sourceId, String error, String message) {}

    public record Progress(int done, int total) {}

    /**
     * A job as the API shows it. {@code result} is a {@link JobResult} while the service that ran the job is up, and
     * the same JSON read back from the job's record after a restart; {@code resumes} counts how often it was resumed,
     * {@code interruptedAt} says when it was found interrupted.
     */
    public record JobView(
            String id,
            String type,
            String source,
            String state,
            String startedAt,
            String finishedAt,
            String error,
            int created,
            int updated,
            int deleted,
            int unchanged,
            int failed,
            int skippedQuarantined,
            int embedded,
            Progress progress,
            List<JobFailure> failures,
            String phase,
            Object result,
            String owner,
            int resumes,
            String interruptedAt) {}

    public record SourceConfigView(String name, String kind, String path, String cron, JobView lastJob) {}

    public record IndexView(
            long indexVersion,
            String model,
            int dimension,
            int documents,
            int chunks,
            io.ragplatform.index.RebuildStatus rebuild) {}

    public record VersionsView(long current, List<io.ragplatform.index.IndexVersion> versions) {}

    /**
     * A quarantined file, as stored and shown: its ID (derived from the sourceId), sourceId, origin ({@code upload},
     * {@code source}, {@code beir}), the source or set it came with, file name, size and SHA-256 of its bytes, the stage
     * (upload, extraction, chunking, embedding, index) and reason code it failed with, the message, first and last seen,
     * failed attempts, the metadata and acl a retry stores it with, and whether its bytes are kept for a retry.
     */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({
        "id",
        "sourceId",
        "origin",
        "source",
        "fileName",
        "size",
        "contentHash",
        "stage",
        "reason",
        "message",
        "firstSeen",
        "lastSeen",
        "attempts",
        "metadata",
        "acl",
        "bytesKept"
    })
    public record QuarantineRecord(
            String id,
            String sourceId,
            String origin,
            String source,
            String fileName,
            long size,
            String contentHash,
            String stage,
            String reason,
            String message,
            String firstSeen,
            String lastSeen,
            int attempts,
            Map<String, String> metadata,
            List<String> acl,
            boolean bytesKept) {}

    public record QuarantineView(List<QuarantineRecord> records) {}
}
