package io.ragplatform.index;

/** Counts of what the index holds. */
public record IndexStats(long indexVersion, int documents, int chunks, String modelId, int dimension) {}
