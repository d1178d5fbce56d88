package io.ragplatform.index.sync;

import java.nio.file.Path;

/**
 * The files a sync leaves alone: those refused or failed before whose bytes have not changed since. Parsing them
 * again would give the same refusal; they are tried again when their bytes change, or when asked to (a retry).
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Quarantine {
    /**
     * Whether the file now stored under {@code sourceId}'s name is quarantined with exactly these bytes. Cheap for a
     * sourceId without a record (no read of the file).
     */
    boolean holds(String sourceId, Path file);

    /** Nothing is quarantined. */
    Quarantine NONE = (sourceId, file) -> false;
}
