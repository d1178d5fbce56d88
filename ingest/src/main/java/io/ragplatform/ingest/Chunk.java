package io.ragplatform.ingest;

import java.util.Objects;

/**
 * A piece of a document's canonical text that is embedded and retrieved as a unit.
 *
 * @param id content-hash ID: the same text (under the same canonicalizer and chunker versions) has the same ID in
 *     any document, format or run
 * @param text the chunk text (a table chunk that continues a table repeats the header row first)
 * @param charStart first character in the document's canonical text
 * @param charEnd end (exclusive) in the document's canonical text
 * @param page page of the first character, 0 when the format has no pages
 * @param tokens token count by the chunker's {@link TokenCounter}
 */
public record Chunk(String id, String text, int charStart, int charEnd, int page, int tokens) {
    public Chunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (charStart < 0 || charEnd < charStart) {
            throw new IllegalArgumentException("bad span " + charStart + ".." + charEnd);
        }
    }
}
