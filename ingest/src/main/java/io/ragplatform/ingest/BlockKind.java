package io.ragplatform.ingest;

/** The structural role of a block of text, as far as the source format tells it. */
public enum BlockKind {
    /** A heading (h1-h6, a Word heading style, a Markdown {@code #} line). */
    HEADING,
    /**
     * A paragraph of running text. Before canonicalization it may still hold several paragraphs, list lines or
     * Markdown syntax in its characters (plain text, Markdown and PDF arrive this way).
     */
    PARAGRAPH,
    /** One item of a bulleted or numbered list, without its marker. */
    LIST_ITEM,
    /** One row of a table; its cells are joined with {@code " | "}. */
    TABLE_ROW,
    /** Pre-formatted text whose line breaks are meaningful (code, {@code <pre>}). */
    PREFORMATTED
}
