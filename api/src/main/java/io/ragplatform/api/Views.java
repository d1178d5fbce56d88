package io.ragplatform.api;

import io.ragplatform.index.ChunkRecord;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentOutcome;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Occurrence;
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

    public record ChunkRefView(String chunkId, int charStart, int charEnd, Integer page) {
        static ChunkRefView of(ChunkRef r) {
            return new ChunkRefView(r.chunkId(), r.charStart(), r.charEnd(), r.page() > 0 ? r.page() : null);
        }
    }

    public record DocumentView(
            String documentId,
            String sourceId,
            String path,
            String parentDocumentId,
            int version,
            String contentHash,
            String metadataHash,
            String contentType,
            String language,
            String title,
            Map<String, String> properties,
            Map<String, String> metadata,
            int textLength,
            String ingestedAt,
            String updatedAt,
            List<ChunkRefView> chunks) {
        static DocumentView of(DocumentRecord r) {
            return new DocumentView(
                    r.documentId(),
                    r.sourceId(),
                    r.path(),
                    r.parentDocumentId(),
                    r.version(),
                    r.contentHash(),
                    r.metadataHash(),
                    r.contentType(),
                    r.language(),
                    r.properties().get("title"),
                    new java.util.TreeMap<>(r.properties()),
                    new java.util.TreeMap<>(r.metadata()),
                    r.textLength(),
                    r.ingestedAt(),
                    r.updatedAt(),
                    r.chunks().stream().map(ChunkRefView::of).toList());
        }
    }

    public record SourceView(String sourceId, List<DocumentView> documents) {}

    public record OccurrenceView(String documentId, String sourceId, int charStart, int charEnd, Integer page) {
        static OccurrenceView of(Occurrence o) {
            return new OccurrenceView(
                    o.documentId(), o.sourceId(), o.charStart(), o.charEnd(), o.page() > 0 ? o.page() : null);
        }

        static List<OccurrenceView> of(List<Occurrence> occurrences) {
            return occurrences.stream().map(OccurrenceView::of).toList();
        }
    }

    public record ChunkView(String chunkId, String text, String modelId, List<OccurrenceView> occurrences) {
        static ChunkView of(ChunkRecord c) {
            return new ChunkView(c.chunkId(), c.text(), c.modelId(), OccurrenceView.of(c.occurrences()));
        }
    }

    public record HitView(String chunkId, float score, String text, List<OccurrenceView> sources) {
        static HitView of(SearchHit h) {
            return new HitView(h.chunkId(), h.score(), h.text(), OccurrenceView.of(h.sources()));
        }
    }

    public record SearchView(String query, String mode, int k, long indexVersion, List<HitView> results) {}

    public record FailuresView(List<FailureLog.Failure> failures) {}

    public record DeletedDocument(String documentId, String sourceId, String path) {}

    public record DeleteView(List<DeletedDocument> deleted, int chunksRemoved, long indexVersion) {
        static DeleteView of(io.ragplatform.index.DeleteResult r) {
            return new DeleteView(
                    r.documents().stream()
                            .map(d -> new DeletedDocument(d.documentId(), d.sourceId(), d.path()))
                            .toList(),
                    r.chunksRemoved(),
                    r.indexVersion());
        }
    }

    public record JobFailure(String sourceId, String error, String message) {}

    public record Progress(int done, int total) {}

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
            int embedded,
            Progress progress,
            List<JobFailure> failures,
            String phase,
            JobResult result,
            String owner) {}

    public record SourceConfigView(String name, String kind, String path, String cron, JobView lastJob) {}

    public record IndexView(
            long indexVersion, String model, int dimension, int documents, int chunks, RebuildView rebuild) {}

    /** A model-change rebuild as {@code GET /v1/index} shows it: the fields of the status, the state in lower case. */
    public record RebuildView(
            String state,
            String fromModel,
            String toModel,
            int chunksEmbedded,
            int chunksTotal,
            String startedAt,
            String finishedAt,
            String error) {
        static RebuildView of(io.ragplatform.index.RebuildStatus r) {
            return r == null
                    ? null
                    : new RebuildView(
                            r.state().json(),
                            r.fromModel(),
                            r.toModel(),
                            r.chunksEmbedded(),
                            r.chunksTotal(),
                            r.startedAt(),
                            r.finishedAt(),
                            r.error());
        }
    }

    public record VersionsView(long current, List<io.ragplatform.index.IndexVersion> versions) {}
}
