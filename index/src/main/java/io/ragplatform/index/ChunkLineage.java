package io.ragplatform.index;

import java.util.List;

/**
 * Where a chunk of one index version comes from: every place it occurs in a document a reader may read, that
 * document's record (version, content hash, pages, licence, pipeline) and the uploaded file it came from (its hash and
 * size). Read from one version, so the parts agree with each other. What "which sources back this retrieved chunk?"
 * asks of an evaluation result.
 *
 * @param indexVersion the version it was read from
 * @param appearances in document order, then by position within the document
 */
public record ChunkLineage(
        String chunkId, String text, String modelId, long indexVersion, List<Appearance> appearances) {
    public ChunkLineage {
        appearances = List.copyOf(appearances);
    }

    /**
     * One place the chunk occurs.
     *
     * @param ordinal the chunk's position among its document's chunks (0-based)
     * @param charStart first character in the document's canonical text
     * @param charEnd end (exclusive)
     * @param page 1-based page, 0 when unknown
     * @param document the document it occurs in
     * @param file the uploaded file's own document (the same as {@code document} unless that one is embedded in it), or
     *     null if the index does not hold it
     */
    public record Appearance(
            int ordinal, int charStart, int charEnd, int page, DocumentRecord document, DocumentRecord file) {}
}
