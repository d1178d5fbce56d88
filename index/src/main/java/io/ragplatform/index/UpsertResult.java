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

    /**
     * The upload's status as a whole: the file's own document's, except that a file whose own text is unchanged but
     * whose embedded documents changed (a mailbox that gained a message) was updated.
     */
    public DocumentOutcome.Status status() {
        DocumentOutcome.Status own = root().status();
        if (own == DocumentOutcome.Status.UNCHANGED
                && documents.stream().anyMatch(o -> o.status() != DocumentOutcome.Status.UNCHANGED)) {
            return DocumentOutcome.Status.UPDATED;
        }
        return own;
    }
}
