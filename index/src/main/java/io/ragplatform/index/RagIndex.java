package io.ragplatform.index;

import io.ragplatform.ingest.PreparedUpload;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The store of documents, chunks and vectors, and their search. Thread-safe: writes are serialised, reads run
 * concurrently against the last committed state.
 *
 * <p>Identity: a chunk is stored and embedded once per chunk ID, whatever number of documents contain it; a
 * document is keyed by its ID. Each {@link #upsert} is one atomic commit of documents, chunks and vectors.
 */
public interface RagIndex extends Closeable {
    /**
     * Stores an uploaded file's documents. Idempotent by content: storing the same upload again changes nothing and
     * embeds nothing. Chunks are embedded only when no vector of the current model exists for their ID. Embedded
     * documents of an earlier upload of the same source that the file no longer holds are deleted.
     */
    UpsertResult upsert(PreparedUpload upload);

    Optional<DocumentRecord> document(String documentId);

    /** The source's documents: the file's own document first, then embedded ones by path. Empty when unknown. */
    List<DocumentRecord> documentsOfSource(String sourceId);

    Optional<ChunkRecord> chunk(String chunkId);

    SearchResults search(SearchRequest request);

    IndexStats stats();

    /** Opens (creating if needed) the index in {@code dir}, embedding with {@code embedder}. */
    static RagIndex open(Path dir, Embedder embedder, String pipelineVersion) {
        return LuceneRagIndex.open(dir, embedder, pipelineVersion);
    }
}
