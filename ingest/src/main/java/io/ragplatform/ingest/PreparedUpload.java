package io.ragplatform.ingest;

import java.util.List;

/**
 * Everything one uploaded file turned into: the file's own document first, then embedded ones.
 *
 * @param sourceId the caller's name for the file
 * @param documents root first, then embedded documents in document order
 */
public record PreparedUpload(String sourceId, List<PreparedDocument> documents) {
    public PreparedUpload {
        documents = List.copyOf(documents);
        if (documents.isEmpty() || !documents.get(0).path().isEmpty()) {
            throw new IllegalArgumentException("the file's own document must come first");
        }
    }

    public PreparedDocument root() {
        return documents.get(0);
    }
}
