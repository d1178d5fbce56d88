package io.ragplatform.index;

import java.util.List;

/** A stored chunk: its text, the model its vector came from, and every occurrence. */
public record ChunkRecord(String chunkId, String text, String modelId, List<Occurrence> occurrences) {
    public ChunkRecord {
        occurrences = List.copyOf(occurrences);
    }
}
