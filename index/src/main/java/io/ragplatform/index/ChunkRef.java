package io.ragplatform.index;

/**
 * One place in a document where a chunk occurs.
 *
 * @param chunkId the chunk
 * @param charStart first character in the document's canonical text
 * @param charEnd end (exclusive)
 * @param page 1-based page, 0 when unknown
 */
public record ChunkRef(String chunkId, int charStart, int charEnd, int page) {}
