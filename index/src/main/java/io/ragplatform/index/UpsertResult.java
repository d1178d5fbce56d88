package io.ragplatform.index;

import java.util.List;

/**
 * What one upload did to the index.
 *
 * @param documents the file's own document first, then embedded ones, then those deleted
 * @param indexVersion the index version after the call (unchanged when nothing changed)
 * @param embedded embeddings computed by this call
 * @param reused chunks of the upload whose stored embedding was reused
 */
public record UpsertResult(List<DocumentOutcome> documents, long indexVersion, int embedded, int reused) {
    public UpsertResult {
        documents = List.copyOf(documents);
    }

    public DocumentOutcome root() {
        return documents.get(0);
    }
}
