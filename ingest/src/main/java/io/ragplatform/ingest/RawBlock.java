package io.ragplatform.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A block of text as the extractor saw it, before canonicalization.
 *
 * @param kind structural role reported by the format
 * @param level heading level (1-6) for headings, otherwise 0
 * @param text the text, possibly with line breaks
 * @param cells the cells of a table row (empty for other kinds)
 * @param page 1-based page (or slide) number, 0 when the format has no pages
 * @param tableId identifies the table a row belongs to (rows of one table share it), 0 otherwise
 * @param header whether this table row is a header row
 */
public record RawBlock(
        BlockKind kind, int level, String text, List<String> cells, int page, int tableId, boolean header) {
    public RawBlock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        cells = List.copyOf(cells);
    }

    public static RawBlock of(BlockKind kind, String text, int page) {
        return new RawBlock(kind, 0, text, List.of(), page, 0, false);
    }
}
