package io.ragplatform.index.sync;

import io.ragplatform.index.Ingestion;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.DocumentRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the index in step with a source: new files are ingested, changed ones updated, vanished ones deleted, and
 * unchanged ones skipped without parsing (same size and content hash). A file that fails is reported and left as it
 * was (its previous version, if any, stays); the next sync retries it, unless its bytes are quarantined unchanged
 * ({@link Quarantine}): then it is skipped without parsing until they change. Thread-safe; syncs of one source should
 * not overlap (the caller serialises them).
 */
public final class SourceSynchronizer {
    private final Ingestion ingestion;
    private final Quarantine quarantine;

    public SourceSynchronizer(Ingestion ingestion) {
        this(ingestion, Quarantine.NONE);
    }

    public SourceSynchronizer(Ingestion ingestion, Quarantine quarantine) {
        this.ingestion = ingestion;
        this.quarantine = quarantine;
    }

    /** The sourceId a source's file is stored under. */
    public static String sourceId(DocumentSource source, SourceEntry entry) {
        return source.name() + "/" + entry.path();
    }

    public SyncReport sync(DocumentSource source, SyncProgress progress) {
        List<SourceEntry> entries = entries(source);
        progress.started(entries.size());
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int skipped = 0;
        int embedded = 0;
        List<String> failures = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (SourceEntry entry : entries) {
            String sourceId = sourceId(source, entry);
            listed.add(sourceId);
            switch (syncFile(source, entry, progress, true)) {
                case Outcome.Stored s -> {
                    switch (s.result().status()) {
                        case CREATED -> created++;
                        case UPDATED -> updated++;
                        default -> unchanged++;
                    }
                    embedded += s.result().embedded();
                }
                case Outcome.Failed f -> failures.add(sourceId + ": " + f.error() + ": " + f.message());
                case Outcome.Skipped s -> skipped++;
            }
        }
        int deleted = 0;
        for (String stored : ingestion.index().sourceIds(source.name() + "/")) {
            if (!listed.contains(stored)) {
                ingestion.index().deleteSource(stored);
                deleted++;
                progress.deleted(stored);
            }
        }
        return new SyncReport(
                source.name(),
                entries.size(),
                created,
                updated,
                unchanged,
                deleted,
                failures.size(),
                skipped,
                embedded,
                failures);
    }

    /**
     * Syncs one file of the source now, quarantined or not (a retry): stored, or reported to {@code progress} as failed.
     *
     * @return the stored result, or empty when the source does not list {@code path} (any more) or the file failed
     */
    public Optional<UpsertResult> syncOne(DocumentSource source, String path, SyncProgress progress) {
        for (SourceEntry entry : entries(source)) {
            if (entry.path().equals(path)) {
                return syncFile(source, entry, progress, false) instanceof Outcome.Stored s
                        ? Optional.of(s.result())
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<SourceEntry> entries(DocumentSource source) {
        try {
            return source.list();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list source '" + source.name() + "': " + e.getMessage(), e);
        }
    }

    private sealed interface Outcome {
        record Stored(UpsertResult result) implements Outcome {}

        record Failed(String error, String message) implements Outcome {}

        record Skipped() implements Outcome {}
    }

    private Outcome syncFile(DocumentSource source, SourceEntry entry, SyncProgress progress, boolean skipQuarantined) {
        String sourceId = sourceId(source, entry);
        try (LocalFile file = source.fetch(entry)) {
            try {
                if (skipQuarantined && quarantine.holds(sourceId, file.path())) {
                    progress.skippedQuarantined(sourceId);
                    return new Outcome.Skipped();
                }
                UpsertResult r =
                        ingestion.ingest(file.path(), entry.fileName(), sourceId, source.metadata(), source.acl());
                progress.stored(sourceId, r);
                return new Outcome.Stored(r);
            } catch (DocumentRejectedException e) {
                progress.rejected(sourceId, file.path(), e);
                return new Outcome.Failed(e.reason().code(), e.getMessage());
            } catch (RuntimeException e) {
                // one broken file must not stop the others
                String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                progress.failed(sourceId, file.path(), "internal_error", message);
                return new Outcome.Failed("internal_error", message);
            }
        } catch (IOException | RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            progress.failed(sourceId, "internal_error", message);
            return new Outcome.Failed("internal_error", message);
        }
    }
}
