package io.ragplatform.index.sync;

import io.ragplatform.index.Ingestion;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.DocumentRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the index in step with a source: new files are ingested, changed ones updated, vanished ones deleted, and
 * unchanged ones skipped without parsing (same size and content hash). A file that fails is reported and left as it
 * was (its previous version, if any, stays); the next sync retries it. Thread-safe; syncs of one source should not
 * overlap (the caller serialises them).
 */
public final class SourceSynchronizer {
    private final Ingestion ingestion;

    public SourceSynchronizer(Ingestion ingestion) {
        this.ingestion = ingestion;
    }

    /** The sourceId a source's file is stored under. */
    public static String sourceId(DocumentSource source, SourceEntry entry) {
        return source.name() + "/" + entry.path();
    }

    public SyncReport sync(DocumentSource source, SyncProgress progress) {
        List<SourceEntry> entries;
        try {
            entries = source.list();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list source '" + source.name() + "': " + e.getMessage(), e);
        }
        progress.started(entries.size());
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        int embedded = 0;
        List<String> failures = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (SourceEntry entry : entries) {
            String sourceId = sourceId(source, entry);
            listed.add(sourceId);
            try (LocalFile file = source.fetch(entry)) {
                UpsertResult r = ingestion.ingest(file.path(), entry.fileName(), sourceId, Map.of(), source.acl());
                switch (r.status()) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    default -> unchanged++;
                }
                embedded += r.embedded();
                progress.stored(sourceId, r);
            } catch (DocumentRejectedException e) {
                failed++;
                failures.add(sourceId + ": " + e.reason().code() + ": " + e.getMessage());
                progress.rejected(sourceId, e);
            } catch (IOException | RuntimeException e) {
                // one broken file must not stop the others
                failed++;
                String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                failures.add(sourceId + ": internal_error: " + message);
                progress.failed(sourceId, "internal_error", message);
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
                source.name(), entries.size(), created, updated, unchanged, deleted, failed, embedded, failures);
    }
}
