package io.ragplatform.index.sync;

import io.ragplatform.index.Ingestion;
import io.ragplatform.index.UpsertResult;
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
    /** Vanished files whose documents one commit deletes at most. */
    static final int DELETES_PER_COMMIT = 512;

    private final Ingestion ingestion;
    private final SyncPipeline pipeline;

    public SourceSynchronizer(Ingestion ingestion) {
        this(ingestion, Quarantine.NONE);
    }

    public SourceSynchronizer(Ingestion ingestion, Quarantine quarantine) {
        this(ingestion, quarantine, SyncPipeline.Limits.DEFAULT);
    }

    SourceSynchronizer(Ingestion ingestion, Quarantine quarantine, SyncPipeline.Limits limits) {
        this.ingestion = ingestion;
        this.pipeline = new SyncPipeline(ingestion, quarantine, limits);
    }

    /** The sourceId a source's file is stored under. */
    public static String sourceId(DocumentSource source, SourceEntry entry) {
        return source.name() + "/" + entry.path();
    }

    /**
     * Syncs the whole source: every listed file through {@link SyncPipeline} (the next files are prepared while the
     * last ones are embedded and committed, up to 64 files per commit), then the
     * documents of files the listing no longer has are deleted, up to {@value #DELETES_PER_COMMIT} files per commit.
     */
    public SyncReport sync(DocumentSource source, SyncProgress progress) {
        List<SourceEntry> entries = entries(source);
        progress.started(entries.size());
        Tally tally = new Tally();
        Set<String> listed = new HashSet<>();
        for (SourceEntry entry : entries) {
            listed.add(sourceId(source, entry));
        }
        pipeline.run(source, entries, progress, true, tally::count);
        List<String> vanished = ingestion.index().sourceIds(source.name() + "/").stream()
                .filter(stored -> !listed.contains(stored))
                .toList();
        for (int from = 0; from < vanished.size(); from += DELETES_PER_COMMIT) {
            List<String> batch = vanished.subList(from, Math.min(vanished.size(), from + DELETES_PER_COMMIT));
            ingestion.index().deleteSources(batch);
            batch.forEach(progress::deleted);
        }
        int deleted = vanished.size();
        return new SyncReport(
                source.name(),
                entries.size(),
                tally.created,
                tally.updated,
                tally.unchanged,
                deleted,
                tally.failures.size(),
                tally.skipped,
                tally.embedded,
                tally.failures);
    }

    /** A sync's counts by file, as outcomes arrive (on the syncing thread). */
    private static final class Tally {
        int created;
        int updated;
        int unchanged;
        int skipped;
        int embedded;
        final List<String> failures = new ArrayList<>();

        void count(String sourceId, SyncPipeline.Outcome outcome) {
            switch (outcome) {
                case SyncPipeline.Outcome.Stored s -> {
                    switch (s.result().status()) {
                        case CREATED -> created++;
                        case UPDATED -> updated++;
                        default -> unchanged++;
                    }
                    embedded += s.result().embedded();
                }
                case SyncPipeline.Outcome.Failed f -> failures.add(sourceId + ": " + f.error() + ": " + f.message());
                case SyncPipeline.Outcome.Skipped s -> skipped++;
            }
        }
    }

    /**
     * Syncs one file of the source now, quarantined or not (a retry): stored, or reported to {@code progress} as failed.
     *
     * @return the stored result, or empty when the source does not list {@code path} (any more) or the file failed
     */
    public Optional<UpsertResult> syncOne(DocumentSource source, String path, SyncProgress progress) {
        for (SourceEntry entry : entries(source)) {
            if (entry.path().equals(path)) {
                List<UpsertResult> stored = new ArrayList<>(1);
                pipeline.run(source, List.of(entry), progress, false, (sourceId, outcome) -> {
                    if (outcome instanceof SyncPipeline.Outcome.Stored s) {
                        stored.add(s.result());
                    }
                });
                return stored.stream().findFirst();
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
}
