package io.ragplatform.ingest;

/**
 * A block of canonical text, located by its character span in {@link CanonicalText#text()}.
 *
 * @param kind structural role
 * @param start first character (inclusive)
 * @param end last character (exclusive)
 * @param page 1-based page, 0 when unknown
 * @param tableId table the row belongs to, 0 for other kinds
 * @param header whether a table row is its table's header
 */
public record CanonicalBlock(BlockKind kind, int start, int end, int page, int tableId, boolean header) {
    public CanonicalBlock {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
