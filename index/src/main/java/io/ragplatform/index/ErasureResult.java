package io.ragplatform.index;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an erasure did ({@link RagIndex#erase}).
 *
 * @param documents the erased documents: those of the current version and those only older retained versions (or the
 *     segments of deleted entries) still held, one record per document ID (the newest), in ID order
 * @param chunkIds the chunk entries erased, in ID order: every chunk of those documents that no document of another source
 *     references; a chunk another source's document also contains stays (it is that document's text too)
 * @param texts the erased chunks' stored texts by chunk ID, for the caller to purge copies kept elsewhere (evaluation
 *     tables); never shown to a client
 * @param droppedVersions the retained older versions that held any of it and were deleted, pinned ones included, in
 *     order
 * @param releasedPins the holders whose pins on dropped versions were released, by version in order
 * @param indexVersion the version the erasure committed (unchanged when there was nothing to erase)
 */
public record ErasureResult(
        List<DocumentRecord> documents,
        Set<String> chunkIds,
        Map<String, String> texts,
        List<Long> droppedVersions,
        Map<Long, List<String>> releasedPins,
        long indexVersion) {
    public ErasureResult {
        documents = List.copyOf(documents);
        chunkIds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(chunkIds));
        texts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(texts));
        droppedVersions = List.copyOf(droppedVersions);
        releasedPins = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(releasedPins));
    }

    /** Nothing of the source was found in any retained version. */
    public boolean empty() {
        return documents.isEmpty() && chunkIds.isEmpty() && droppedVersions.isEmpty();
    }
}
