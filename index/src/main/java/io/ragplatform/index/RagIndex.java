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
 * is keyed by its ID. Each write ({@link #upsert}, {@link #upsertAll}, {@link #delete}, {@link #deleteSource}, {@link #deleteSources}) is one
 * atomic commit of documents, chunks and vectors that produces a new {@link IndexVersion}; a crash at any moment leaves
 * the last commit.
 * A chunk entry lives exactly as long as some document references it.
 */
public interface RagIndex extends Closeable {
    /**
     * Stores an uploaded file's documents. Idempotent by content: storing the same upload again changes nothing and
     * embeds nothing. Chunks are embedded only when no vector of the current model exists for their ID. Embedded
     * documents of an earlier upload of the same source that the file no longer holds are deleted.
     */
    UpsertResult upsert(PreparedUpload upload);

    /**
     * Stores several uploads (each a different sourceId) as ONE commit = one new index version, or no commit when
     * nothing changed. Same semantics per upload as {@link #upsert} (idempotent by content, only chunks without a vector
     * of the current model are embedded, a chunk shared by two uploads of the batch is embedded and stored once,
     * embedded documents an upload no longer holds are deleted). All or nothing: a failure leaves the last commit as it
     * was. Results are in the order of the uploads; every result's indexVersion is the batch's version.
     *
     * <p>This default upserts the uploads one by one: one commit per changed upload, and a failure keeps the uploads
     * stored before it. Implementations that can should override it with the one-commit contract.
     *
     * @throws IllegalArgumentException if two uploads name the same sourceId
     */
    default List<UpsertResult> upsertAll(List<PreparedUpload> uploads) {
        requireDistinctSources(uploads);
        List<UpsertResult> results = uploads.stream().map(this::upsert).toList();
        if (results.isEmpty()) {
            return results;
        }
        long version = results.getLast().indexVersion();
        return results.stream()
                .map(r -> new UpsertResult(r.documents(), version, r.embedded(), r.reused()))
                .toList();
    }

    /** @throws IllegalArgumentException if two uploads name the same sourceId */
    private static void requireDistinctSources(List<PreparedUpload> uploads) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PreparedUpload u : uploads) {
            if (!seen.add(u.sourceId())) {
                throw new IllegalArgumentException("two uploads of one batch name source '" + u.sourceId() + "'");
            }
        }
    }

    /** Deletes a document and the documents embedded in it. A no-op (empty result) for an unknown ID. */
    DeleteResult delete(String documentId);

    /** Deletes every document of a source. A no-op (empty result) for an unknown source. */
    DeleteResult deleteSource(String sourceId);

    /**
     * Deletes every document of several sources as ONE commit = one new index version, or no commit when none of them
     * is stored (unknown sources are skipped). What a sync calls for the files its listing no longer has.
     *
     * <p>This default deletes the sources one by one: one commit per stored source, and the result's version is the
     * last one. Implementations that can should override it with the one-commit contract.
     */
    default DeleteResult deleteSources(java.util.Collection<String> sourceIds) {
        List<DocumentRecord> documents = new java.util.ArrayList<>();
        int chunksRemoved = 0;
        long version = stats().indexVersion();
        for (String sourceId : new java.util.TreeSet<>(sourceIds)) {
            DeleteResult r = deleteSource(sourceId);
            documents.addAll(r.documents());
            chunksRemoved += r.chunksRemoved();
            version = r.indexVersion();
        }
        return new DeleteResult(documents, chunksRemoved, version);
    }

    /**
     * Erases every document of a source so that no file of the index holds its text or vectors any more: the current
     * version's documents are deleted as one commit (the next version), every retained older version that still holds
     * any of it is dropped (pinned ones too: their pins are released) and the segments that held it are merged away.
     * Finds what older versions or not yet merged deletes still hold even when the current version no longer has the
     * source (a source deleted before without erasure).
     *
     * @return what was erased; {@link ErasureResult#empty()} when no retained version holds anything of the source
     * @throws UnsupportedOperationException if this index cannot erase
     */
    default ErasureResult erase(String sourceId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot erase");
    }

    /** The document, if stored and {@code access} may read it: one it may not read is empty, exactly like a missing one. */
    Optional<DocumentRecord> document(String documentId, AccessScope access);

    /**
     * The source's documents that {@code access} may read: the file's own document first, then embedded ones by path.
     * Empty when unknown or not readable (every document of a source carries the file's acl).
     */
    List<DocumentRecord> documentsOfSource(String sourceId, AccessScope access);

    /**
     * Source IDs starting with {@code prefix}, sorted. Unrestricted (admin): for maintenance such as a source sync
     * finding what its listing no longer has; not a caller's read path.
     */
    List<String> sourceIds(String prefix);

    /**
     * The chunk, if stored and some document {@code access} may read contains it; its occurrences list only such
     * documents. A chunk only unreadable documents contain is empty, exactly like a missing one.
     */
    Optional<ChunkRecord> chunk(String chunkId, AccessScope access);

    /**
     * The chunk's lineage in the current version ({@code indexVersion} null) or a retained one: every place it occurs
     * in a document {@code access} may read, with that document and its file, read from that one version. Empty when
     * the chunk is not in the version or only unreadable documents hold it, exactly like {@link #chunk}.
     *
     * @throws VersionNotRetainedException when the requested version is not (or no longer) retained
     */
    Optional<ChunkLineage> lineage(String chunkId, AccessScope access, Long indexVersion);

    /**
     * Searches the current version, or the retained version the request names, among the chunks its filter admits
     * (access scope included: applied in the query, so {@code k} results are k results the scope may read).
     *
     * @throws VersionNotRetainedException when the requested version is not (or no longer) retained
     */
    SearchResults search(SearchRequest request);

    /**
     * Nearest chunks to a vector of this index's model (for LangChain4j's {@code EmbeddingStore} contract), among
     * those the filter admits (access scope included), in the current version.
     */
    SearchResults searchVector(float[] vector, int k, SearchFilter filter);

    /**
     * Keeps {@code version} searchable whatever the retention policy says, until {@code holder} releases it (e.g. an
     * evaluation run that must stay re-runnable). Pins survive restarts; a version may have several holders.
     *
     * @throws VersionNotRetainedException if the version is no longer (or never was) retained
     * @throws UnsupportedOperationException if this index keeps no pins
     */
    default void pin(long version, String holder) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no version pins");
    }

    /**
     * Releases every version {@code holder} pinned; a version nobody holds any more is left to the retention policy
     * (deleted at the next commit if it is neither recent nor young enough).
     *
     * @return the versions the holder had pinned, in order
     */
    default List<Long> release(String holder) {
        return List.of();
    }

    /**
     * Streams the whole content of one version to {@code visitor}: every document, then every chunk entry with its text,
     * languages and vectors, in the order {@link CorpusVisitor} states. Reads the version's commit like a search pinned
     * to it, so commits made meanwhile change nothing of what is visited; holds one entry at a time, never the corpus.
     * Unrestricted (admin): access scopes do not apply. What exports the index to tables calls this.
     *
     * @throws VersionNotRetainedException when the version is neither the current one nor retained
     */
    void forEachEntry(long version, CorpusVisitor visitor);

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
        return io.ragplatform.index.lucene.LuceneIndexes.open(dir, embedder, pipelineVersion, retention);
    }
}
