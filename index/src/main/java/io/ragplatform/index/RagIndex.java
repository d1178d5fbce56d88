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
 * <p>Identity: a chunk is stored and embedded once per chunk ID, whatever number of documents contain it; a document
 * is keyed by its ID. Each write ({@link #upsert}, {@link #delete}, {@link #deleteSource}) is one atomic commit of
 * documents, chunks and vectors that produces a new {@link IndexVersion}; a crash at any moment leaves the last commit.
 * A chunk entry lives exactly as long as some document references it.
 */
public interface RagIndex extends Closeable {
    /**
     * Stores an uploaded file's documents. Idempotent by content: storing the same upload again changes nothing and
     * embeds nothing. Chunks are embedded only when no vector of the current model exists for their ID. Embedded
     * documents of an earlier upload of the same source that the file no longer holds are deleted.
     */
    UpsertResult upsert(PreparedUpload upload);

    /** Deletes a document and the documents embedded in it. A no-op (empty result) for an unknown ID. */
    DeleteResult delete(String documentId);

    /** Deletes every document of a source. A no-op (empty result) for an unknown source. */
    DeleteResult deleteSource(String sourceId);

    Optional<DocumentRecord> document(String documentId);

    /** The source's documents: the file's own document first, then embedded ones by path. Empty when unknown. */
    List<DocumentRecord> documentsOfSource(String sourceId);

    /** Source IDs starting with {@code prefix}, sorted. */
    List<String> sourceIds(String prefix);

    Optional<ChunkRecord> chunk(String chunkId);

    /**
     * Searches the current version, or the retained version the request names.
     *
     * @throws VersionNotRetainedException when the requested version is not (or no longer) retained
     */
    SearchResults search(SearchRequest request);

    /** Nearest chunks to a vector of this index's model (for LangChain4j's {@code EmbeddingStore} contract). */
    SearchResults searchVector(float[] vector, int k, String sourceId, String contentType, String language);

    /** The retained versions, newest first. */
    List<IndexVersion> versions();

    IndexStats stats();

    /** Verifies that documents, chunks and vectors agree. Reads the whole current version. */
    ConsistencyReport check();

    /** The embedder this index's vectors come from (during a model-change rebuild: the old model, still serving). */
    Embedder embedder();

    /** The model-change rebuild of this index, if one ran since it was opened. */
    default Optional<RebuildStatus> rebuild() {
        return Optional.empty();
    }

    /** Opens (creating if needed) the index in {@code dir}, embedding with {@code embedder}. */
    static RagIndex open(Path dir, Embedder embedder, String pipelineVersion) {
        return open(dir, embedder, pipelineVersion, Retention.DEFAULT);
    }

    /** Opens (creating if needed) the index in {@code dir}, keeping versions as {@code retention} says. */
    static RagIndex open(Path dir, Embedder embedder, String pipelineVersion, Retention retention) {
        return LuceneRagIndex.open(dir, embedder, pipelineVersion, retention);
    }
}
