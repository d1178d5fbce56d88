package io.ragplatform.index.sync;

import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.DocumentRejectedException;
import java.nio.file.Path;

/** Receives a sync's progress as it happens. Called from the syncing thread. */
public interface SyncProgress {
    /** The source lists {@code total} files. */
    default void started(int total) {}

    /** A file was stored (created, updated or unchanged). */
    default void stored(String sourceId, UpsertResult result) {}

    /** A file could not be stored; the sync goes on and the next one retries it. */
    default void failed(String sourceId, String error, String message) {}

    /**
     * A file was refused (it cannot become documents); by default {@link #failed(String, String, String)} with the
     * refusal's code and message. A listener at the edge may say more (how to raise a limit).
     */
    default void rejected(String sourceId, DocumentRejectedException rejection) {
        failed(sourceId, rejection.code(), rejection.getMessage());
    }

    /**
     * {@link #rejected(String, DocumentRejectedException)}, with the refused bytes: {@code file} is readable during the
     * call only (a listener that keeps the bytes copies them).
     */
    default void rejected(String sourceId, Path file, DocumentRejectedException rejection) {
        rejected(sourceId, rejection);
    }

    /** {@link #failed(String, String, String)} of a file, readable during the call only. */
    default void failed(String sourceId, Path file, String error, String message) {
        failed(sourceId, error, message);
    }

    /** A file was not parsed because its bytes are quarantined unchanged ({@link Quarantine}). */
    default void skippedQuarantined(String sourceId) {}

    /** A document whose file vanished was deleted. */
    default void deleted(String sourceId) {}

    SyncProgress NONE = new SyncProgress() {};
}
