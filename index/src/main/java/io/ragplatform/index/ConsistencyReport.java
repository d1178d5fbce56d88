package io.ragplatform.index;

import java.util.List;

/**
 * The result of checking that documents, chunks and vectors agree.
 *
 * @param consistent no orphans, dangling references, duplicates or bad vectors
 * @param indexVersion the version checked
 * @param documents document entries
 * @param chunks chunk entries
 * @param orphans chunk IDs no document references (a vector nothing tracks)
 * @param danglingReferences {@code documentId -> chunkId} references to a missing chunk, and {@code documentId -> parent}
 *     references to a missing parent document
 * @param duplicates IDs stored more than once
 * @param badVectors chunk IDs whose vector is missing, of another model or of the wrong dimension
 */
public record ConsistencyReport(
        boolean consistent,
        long indexVersion,
        int documents,
        int chunks,
        List<String> orphans,
        List<String> danglingReferences,
        List<String> duplicates,
        List<String> badVectors) {
    public ConsistencyReport {
        orphans = List.copyOf(orphans);
        danglingReferences = List.copyOf(danglingReferences);
        duplicates = List.copyOf(duplicates);
        badVectors = List.copyOf(badVectors);
    }
}
