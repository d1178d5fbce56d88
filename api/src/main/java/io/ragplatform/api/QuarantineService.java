package io.ragplatform.api;

import io.ragplatform.error.RagException;
import io.ragplatform.index.EmbeddingFailedException;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.index.sync.Quarantine;
import io.ragplatform.index.sync.SyncProgress;
import io.ragplatform.ingest.DocumentRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Who records into the quarantine ({@code <data dir>/quarantine}): uploads, source syncs and BEIR imports record each
 * refused or failed file and clear a sourceId's record when it is stored. Recording never hides the failure it
 * records: when the quarantine itself cannot be written, that is logged and the original error stands.
 */
@ApplicationScoped
public class QuarantineService implements Quarantine {
    private static final Logger LOG = Logger.getLogger(QuarantineService.class);
    /** Refusals of the request or the file as a whole, before any parsing. */
    private static final Set<String> UPLOAD_STAGE = Set.of(
            "empty_file",
            "file_too_large",
            "unsupported_media_type",
            "invalid_request",
            "invalid_metadata",
            "license_denied");

    private final QuarantineStore store;
    private final SourceWrites writes;

    QuarantineService(RagEngine engine, RagConfig config, SourceWrites writes) {
        this.writes = writes;
        this.store = new QuarantineStore(
                engine.dataDir().resolve("quarantine"),
                config.quarantine().maxRecords(),
                config.upload().maxBytes(),
                config.quarantine().maxKeptBytes());
    }

    /**
     * The stage a failure belongs to: {@code upload} for refusals of the request or the file as a whole, {@code
     * extraction} or {@code chunking} for the other refusals (the file's content, as the extractor read it or as
     * canonicalization and chunking made it), {@code embedding} for a failure of the model, {@code index} for anything
     * else (a fault while storing).
     */
    static String stage(String code, RuntimeException error) {
        if (UPLOAD_STAGE.contains(code)) {
            return "upload";
        }
        if (error instanceof DocumentRejectedException rejected) {
            return rejected.stage();
        }
        return EmbeddingFailedException.CODE.equals(code) ? "embedding" : "index";
    }

    /** A refused or failed upload, its bytes in {@code file}. */
    void uploadFailed(
            String origin,
            String source,
            String sourceId,
            String fileName,
            Path file,
            Map<String, String> metadata,
            List<String> acl,
            RuntimeException error) {
        boolean rejection = error instanceof DocumentRejectedException;
        String code = error instanceof RagException rag ? rag.code() : ErrorMappers.INTERNAL_ERROR;
        String message = rejection
                ? ErrorMappers.message((DocumentRejectedException) error)
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        record(
                new QuarantineStore.Failure(
                        sourceId, origin, source, fileName, stage(code, error), code, message, metadata, acl),
                file);
    }

    /** The sourceId was stored: its record, if any, goes. */
    void stored(String sourceId) {
        try {
            store.clear(sourceId);
        } catch (RuntimeException e) {
            LOG.warnf("cannot clear the quarantine record of %s: %s", sourceId, e.getMessage());
        }
    }

    /** The sourceId was erased: its record and kept bytes go; whether there was one. */
    boolean erased(String sourceId) {
        return store.clear(sourceId);
    }

    @Override
    public boolean holds(String sourceId, Path file) {
        return store.holds(sourceId, file);
    }

    public List<Views.QuarantineRecord> list(String reason, String sourcePrefix, int limit) {
        return store.list(reason, sourcePrefix, limit);
    }

    public Optional<Views.QuarantineRecord> get(String id) {
        return store.get(id);
    }

    public boolean delete(String id) {
        return store.delete(id);
    }

    Optional<Path> bytes(String id) {
        return store.bytes(id);
    }

    /**
     * A sync's or import's progress that also records each failed file of that origin (the source or set named
     * {@code source}) and clears each stored one, then tells {@code delegate}.
     */
    SyncProgress recording(SyncProgress delegate, String origin, String source, List<String> acl) {
        return new SyncProgress() {
            @Override
            public void started(int total) {
                delegate.started(total);
            }

            @Override
            public void stored(String sourceId, UpsertResult result) {
                QuarantineService.this.stored(sourceId);
                writes.stored(sourceId, result);
                delegate.stored(sourceId, result);
            }

            @Override
            public void failed(String sourceId, String error, String message) {
                delegate.failed(sourceId, error, message);
            }

            @Override
            public void rejected(String sourceId, DocumentRejectedException rejection) {
                delegate.rejected(sourceId, rejection);
            }

            @Override
            public void rejected(String sourceId, Path file, DocumentRejectedException rejection) {
                quarantine(
                        sourceId,
                        file,
                        stage(rejection.code(), rejection),
                        rejection.code(),
                        ErrorMappers.message(rejection));
                delegate.rejected(sourceId, file, rejection);
            }

            @Override
            public void failed(String sourceId, Path file, String error, String message) {
                quarantine(sourceId, file, stage(error, null), error, message);
                delegate.failed(sourceId, file, error, message);
            }

            @Override
            public void skippedQuarantined(String sourceId) {
                delegate.skippedQuarantined(sourceId);
            }

            @Override
            public void deleted(String sourceId) {
                // a vanished file has nothing left to retry
                QuarantineService.this.stored(sourceId);
                writes.deleted(sourceId);
                delegate.deleted(sourceId);
            }

            private void quarantine(String sourceId, Path file, String stage, String reason, String message) {
                record(
                        new QuarantineStore.Failure(
                                sourceId,
                                origin,
                                source,
                                fileName(origin, sourceId),
                                stage,
                                reason,
                                message,
                                Map.of(),
                                acl),
                        file);
            }
        };
    }

    private static String fileName(String origin, String sourceId) {
        return QuarantineStore.BEIR.equals(origin)
                ? sourceId + ".txt"
                : sourceId.substring(sourceId.lastIndexOf('/') + 1);
    }

    private void record(QuarantineStore.Failure failure, Path file) {
        try {
            store.record(failure, file);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "cannot quarantine %s (%s: %s): %s",
                    failure.sourceId(), failure.reason(), failure.message(), e.getMessage());
        }
    }
}
