package io.ragplatform.eval.sets;

import java.util.Objects;

/**
 * One document of a BEIR corpus ({@code corpus.jsonl}); its {@code metadata} is not kept.
 *
 * @param id the document's {@code _id}, used as the {@code sourceId} when the corpus is ingested; not blank
 * @param title the title, empty when absent
 * @param text the text, empty when absent
 */
public record BeirDocument(String id, String title, String text) {
    public BeirDocument {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("BEIR document id is blank");
        }
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    /**
     * The document as plain text for ingestion: the title, a blank line, the text; just the text when the title is
     * blank, just the title when the text is blank (empty when both are).
     */
    public String asText() {
        if (title.isBlank()) {
            return text;
        }
        if (text.isBlank()) {
            return title;
        }
        return title + "\n\n" + text;
    }
}
