package io.ragplatform.index;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The files an erasure removed, which {@link Ingestion} must not store again: a source synced from a share that still
 * holds an erased file would otherwise bring its text back at the next sync.
 */
@FunctionalInterface
public interface ErasedFiles {
    /** Nothing was erased. */
    ErasedFiles NONE = (sourceId, fileHash) -> Optional.empty();

    /**
     * Why a file may not be stored under {@code sourceId} (the erasure that removed the same bytes there), or empty.
     *
     * @param fileHash the file's SHA-256, computed only when asked for (when the sourceId has an erasure at all)
     */
    Optional<String> erasure(String sourceId, Supplier<String> fileHash);
}
