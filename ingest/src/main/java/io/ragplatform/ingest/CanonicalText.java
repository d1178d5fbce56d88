package io.ragplatform.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A document's canonical text: blocks separated by a blank line ({@code "\n\n"}), rows of one table by a single
 * {@code "\n"}. Two files with the same content in different formats should canonicalize to the same text.
 */
public record CanonicalText(String text, List<CanonicalBlock> blocks) {
    public CanonicalText {
        Objects.requireNonNull(text, "text");
        blocks = List.copyOf(blocks);
    }

    public String blockText(CanonicalBlock b) {
        return text.substring(b.start(), b.end());
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }
}
