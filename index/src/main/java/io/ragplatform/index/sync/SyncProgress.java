package io.ragplatform.index.sync;

import io.ragplatform.index.UpsertResult;

/** Receives a sync's progress as it happens. Called from the syncing thread. */
public interface SyncProgress {
    /** The source lists {@code total} files. */
    default void started(int total) {}

    /** A file was stored (created, updated or unchanged). */
    default void stored(String sourceId, UpsertResult result) {}

    /** A file could not be stored; the sync goes on and the next one retries it. */
    default void failed(String sourceId, String error, String message) {}

    /** A document whose file vanished was deleted. */
    default void deleted(String sourceId) {}

    SyncProgress NONE = new SyncProgress() {};
}
