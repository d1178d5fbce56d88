package io.ragplatform.index;

import java.util.List;

/**
 * What a delete did.
 *
 * @param documents the deleted documents (a file's own document brings its embedded ones along)
 * @param chunksRemoved chunk entries removed because no document references them any more
 * @param indexVersion the index version after the delete (unchanged when nothing was deleted)
 */
public record DeleteResult(List<DocumentRecord> documents, int chunksRemoved, long indexVersion) {
    public DeleteResult {
        documents = List.copyOf(documents);
    }
}
