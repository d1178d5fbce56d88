package io.ragplatform.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragplatform.index.DocumentOutcome;
import io.ragplatform.index.IndexStats;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.DocumentRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** One upload through the pipeline, with its metrics and, when refused or failed, its quarantine record. */
@ApplicationScoped
public class IngestService {
    private final RagEngine engine;
    private final QuarantineService quarantine;

    @jakarta.inject.Inject
    SourceWrites writes;

    private final MeterRegistry registry;
    private final Timer ingestTimer;
    private final Counter embeddingsComputed;
    private final Counter embeddingsReused;
    private final AtomicReference<IndexStats> stats = new AtomicReference<>();

    IngestService(RagEngine engine, QuarantineService quarantine, MeterRegistry registry) {
        this.engine = engine;
        this.quarantine = quarantine;
        this.registry = registry;
        this.ingestTimer = Timer.builder("rag.ingest.latency")
                .description("time to ingest one upload, extraction to commit")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
        this.embeddingsComputed = Counter.builder("rag.embeddings.computed")
                .description("embeddings computed")
                .register(registry);
        this.embeddingsReused = Counter.builder("rag.embeddings.reused")
                .description("chunks of uploads whose stored embedding was reused")
                .register(registry);
        stats.set(engine.index().stats());
        Gauge.builder("rag.index.documents", stats, s -> s.get().documents())
                .description("documents in the index")
                .register(registry);
        Gauge.builder("rag.index.chunks", stats, s -> s.get().chunks())
                .description("distinct chunks in the index")
                .register(registry);
        Gauge.builder("rag.index.version", stats, s -> s.get().indexVersion())
                .description("current index version")
                .register(registry);
    }

    public Views.UploadResponse ingest(
            Path file, String fileName, long bytes, String sourceId, Map<String, String> metadata, List<String> acl) {
        return ingest(QuarantineStore.UPLOAD, null, file, fileName, sourceId, metadata, acl);
    }

    /**
     * Stores a file of that origin ({@code upload}, or {@code beir} for a retried BEIR document of the set
     * {@code source}); a success clears the sourceId's quarantine record, a refusal or failure records it (with the
     * bytes, so that a retry can store them) and is rethrown.
     */
    Views.UploadResponse ingest(
            String origin,
            String source,
            Path file,
            String fileName,
            String sourceId,
            Map<String, String> metadata,
            List<String> acl) {
        Timer.Sample sample = Timer.start(registry);
        try {
            UpsertResult result = engine.ingestion().ingest(file, fileName, sourceId, metadata, acl);
            embeddingsComputed.increment(result.embedded());
            embeddingsReused.increment(result.reused());
            for (DocumentOutcome o : result.documents()) {
                registry.counter("rag.documents.ingested", "status", o.status().json())
                        .increment();
            }
            stats.set(engine.index().stats());
            quarantine.stored(sourceId);
            writes.stored(sourceId, result);
            return response(result);
        } catch (DocumentRejectedException e) {
            registry.counter("rag.uploads.rejected", "reason", e.reason().code())
                    .increment();
            quarantine.uploadFailed(origin, source, sourceId, fileName, file, metadata, acl, e);
            throw e;
        } catch (RuntimeException e) {
            quarantine.uploadFailed(origin, source, sourceId, fileName, file, metadata, acl, e);
            throw e;
        } finally {
            sample.stop(ingestTimer);
        }
    }

    static Views.UploadResponse response(UpsertResult result) {
        DocumentOutcome root = result.root();
        int total = 0;
        int added = 0;
        int removed = 0;
        int unchanged = 0;
        for (DocumentOutcome o : result.documents()) {
            total += o.total();
            added += o.added();
            removed += o.removed();
            unchanged += o.unchanged();
        }
        return new Views.UploadResponse(
                root.documentId(),
                root.sourceId(),
                root.version(),
                result.status().json(),
                root.contentHash(),
                root.contentType(),
                root.language(),
                root.metadataChanged() && root.status() != DocumentOutcome.Status.CREATED,
                new Views.ChunkCounts(total, added, removed, unchanged),
                result.embedded(),
                result.reused(),
                result.indexVersion(),
                result.documents().stream().map(Views.DocumentOutcomeView::of).toList());
    }
}
