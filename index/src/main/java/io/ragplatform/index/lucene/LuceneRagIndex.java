package io.ragplatform.index.lucene;

import static io.ragplatform.index.lucene.ChunkReconciler.NO_PROGRESS;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.ChunkLineage;
import io.ragplatform.index.ChunkRecord;
import io.ragplatform.index.ConsistencyReport;
import io.ragplatform.index.CorpusVisitor;
import io.ragplatform.index.DeleteResult;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.ErasureResult;
import io.ragplatform.index.IndexStats;
import io.ragplatform.index.IndexVersion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.Retention;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.index.lucene.UpsertPlanner.BatchPlan;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * {@link RagIndex} in one Lucene index ({@link Schema}): owns the writer, serialises writes under one lock, commits
 * each write with its {@link CommitManifest} and rolls back whatever a failed write left uncommitted. Documents and
 * chunks change in the same commit ({@link ChunkReconciler}), so a crash leaves the last commit whole: no vector
 * without its chunk entry, no document pointing at a missing chunk.
 */
final class LuceneRagIndex implements RagIndex {
    private static final String WRITE_FAILED = "index write failed; nothing of it was stored";
    private final Directory directory;
    private final WriterSlot slot;
    private final Embedder embedder;
    private final String pipelineVersion;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Retention retention;
    private final VersionPins pins;
    private final VersionReaders versions;
    private final ChunkSearcher searcher;
    // versions an erasure running under writeLock has doomed: the deletion policy drops them at its commit
    private final Set<Long> erasing = ConcurrentHashMap.newKeySet();
    // the current version and its counts; changed only under writeLock
    private volatile long indexVersion;
    private volatile int documentCount;
    private volatile int chunkCount;

    private LuceneRagIndex(
            Path dir, Directory directory, Embedder embedder, String pipelineVersion, Retention retention)
            throws IOException {
        this.directory = directory;
        this.embedder = embedder;
        this.pipelineVersion = pipelineVersion;
        this.retention = retention;
        this.pins = VersionPins.load(dir);
        this.versions = new VersionReaders(directory, retention);
        this.searcher = new ChunkSearcher(embedder);
        this.slot = new WriterSlot(directory, this::writerConfig);
        CommitManifest manifest = CommitManifest.live(slot.writer());
        this.indexVersion = manifest.version();
        this.documentCount = read(s -> s.count(Schema.documents()));
        this.chunkCount = read(s -> s.count(Schema.chunks()));
    }

    /** Opens the index in {@code dir}, its directory seen through {@code storage} (tests: a disk that fills up). */
    static LuceneRagIndex open(
            Path dir,
            UnaryOperator<Directory> storage,
            Embedder embedder,
            String pipelineVersion,
            Retention retention) {
        // checked before a writer takes the directory's lock, so a refused open leaves nothing open behind it
        CommitManifest.last(dir).ifPresent(last -> last.requireVectorsOf(embedder));
        try {
            return new LuceneRagIndex(dir, storage.apply(FSDirectory.open(dir)), embedder, pipelineVersion, retention);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index in " + dir, e);
        }
    }

    private IndexWriterConfig writerConfig() {
        IndexWriterConfig config = new IndexWriterConfig(Schema.analyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCommitOnClose(false);
        config.setIndexDeletionPolicy(
                new RetainVersionsPolicy(retention, Clock.systemUTC(), pins::isPinned, erasing::contains));
        TieredMergePolicy merges = new TieredMergePolicy();
        // an erasure's forceMergeDeletes rewrites every segment that still holds a deleted entry, not only those over
        // 10 %
        merges.setForceMergeDeletesPctAllowed(0);
        config.setMergePolicy(merges);
        return config;
    }

    @Override
    public Embedder embedder() {
        return embedder;
    }

    @Override
    public UpsertResult upsert(PreparedUpload upload) {
        return upsertAll(List.of(upload)).get(0);
    }

    @Override
    public List<UpsertResult> upsertAll(List<PreparedUpload> uploads) {
        UpsertPlanner.requireDisjoint(uploads);
        if (uploads.isEmpty()) {
            return List.of();
        }
        // the expensive part runs before the lock, so that uploads of new text embed in parallel
        Map<String, String> texts = UpsertPlanner.chunkTexts(uploads);
        ChunkVectors precomputed = read(s -> ChunkVectors.compute(s, embedder, texts));
        return write(WRITE_FAILED, (s, reconciler) -> {
            Map<String, List<DocumentRecord>> stored = new HashMap<>();
            for (PreparedUpload u : uploads) {
                stored.put(u.sourceId(), Schema.loadDocuments(s, Schema.ofSource(u.sourceId())));
            }
            BatchPlan batch = BatchPlan.of(uploads, stored, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            if (!batch.changes()) {
                return batch.unchanged(indexVersion);
            }
            ChunkReconciler.Result r = reconciler.apply(
                    s, batch.toWrite(), batch.toDelete(), batch.affected(), precomputed, batch::textsOf, NO_PROGRESS);
            return batch.results(
                    commitNext(r, batch.change()),
                    r.embedded(),
                    precomputed.primary().keySet());
        });
    }

    @Override
    public DeleteResult delete(String documentId) {
        return deleteWhere("delete " + documentId, s -> {
            Optional<DocumentRecord> found = Schema.document(s, documentId);
            return found.isEmpty()
                    ? List.of()
                    : UpsertPlanner.deletedWith(
                            found.get(),
                            Schema.loadDocuments(s, Schema.ofSource(found.get().sourceId())));
        });
    }

    @Override
    public DeleteResult deleteSource(String sourceId) {
        return deleteWhere("delete source " + sourceId, s -> Schema.loadDocuments(s, Schema.ofSource(sourceId)));
    }

    @Override
    public DeleteResult deleteSources(java.util.Collection<String> sourceIds) {
        Set<String> sorted = new TreeSet<>(sourceIds);
        return deleteWhere("delete " + sorted.size() + " sources", s -> {
            List<DocumentRecord> docs = new ArrayList<>();
            for (String sourceId : sorted) {
                docs.addAll(Schema.loadDocuments(s, Schema.ofSource(sourceId)));
            }
            return docs;
        });
    }

    @Override
    public ErasureResult erase(String sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return write(WRITE_FAILED, (s, reconciler) -> {
            Erasure erasure = new Erasure(sourceId);
            erasure.collectDocuments(s.getIndexReader());
            List<IndexCommit> older = olderCommits();
            for (IndexCommit c : older) {
                try (DirectoryReader r = DirectoryReader.open(c)) {
                    erasure.collectDocuments(r);
                }
            }
            Set<String> chunkIds = new TreeSet<>(erasure.referencedChunks());
            chunkIds.removeAll(erasure.sharedWithOtherSources(s, chunkIds));
            erasure.collectTexts(s.getIndexReader(), chunkIds);
            List<Long> doomed = new ArrayList<>();
            for (IndexCommit c : older) {
                try (DirectoryReader r = DirectoryReader.open(c)) {
                    erasure.collectTexts(r, chunkIds);
                    if (erasure.heldBy(r, chunkIds)) {
                        doomed.add(CommitManifest.of(c).version());
                    }
                }
            }
            if (erasure.heldBy(s.getIndexReader(), chunkIds)) {
                doomed.add(indexVersion); // once the erasure commits, the version it replaces is an older one too
            }
            if (doomed.isEmpty()) {
                return new ErasureResult(
                        erasure.documents(), Set.of(), Map.of(), List.of(), new TreeMap<>(), indexVersion);
            }
            List<DocumentRecord> live = Schema.loadDocuments(s, Schema.ofSource(sourceId));
            if (!live.isEmpty()) {
                reconciler.delete(s, live);
            }
            erasing.addAll(doomed);
            try {
                IndexWriter writer = slot.writer();
                writer.forceMergeDeletes(true);
                long next = indexVersion + 1;
                commitCounted(next, "erase source " + sourceId);
                writer.deleteUnusedFiles();
                return new ErasureResult(
                        erasure.documents(),
                        chunkIds,
                        erasure.texts(chunkIds),
                        doomed,
                        pins.releaseVersions(doomed),
                        next);
            } finally {
                erasing.clear();
            }
        });
    }

    /** The commits of retained versions older than the current one (versioned ones only), oldest first. */
    private List<IndexCommit> olderCommits() throws IOException {
        List<IndexCommit> out = new ArrayList<>();
        try {
            for (IndexCommit c : DirectoryReader.listCommits(directory)) {
                CommitManifest m = CommitManifest.of(c);
                if (m.versioned() && m.version() != indexVersion) {
                    out.add(c);
                }
            }
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            return List.of();
        }
        return out;
    }

    /** Deletes the documents {@code doomed} finds, as one commit; none found: no commit. */
    private DeleteResult deleteWhere(String change, VersionReaders.Read<List<DocumentRecord>> doomed) {
        return write(WRITE_FAILED, (s, reconciler) -> {
            List<DocumentRecord> docs = doomed.apply(s);
            if (docs.isEmpty()) {
                return new DeleteResult(List.of(), 0, indexVersion);
            }
            ChunkReconciler.Result r = reconciler.delete(s, docs);
            return new DeleteResult(docs, r.chunksRemoved(), commitNext(r, change));
        });
    }

    /** Commits a reconciled change as the next version, counting from the last commit. Caller holds writeLock. */
    private long commitNext(ChunkReconciler.Result r, String change) throws IOException {
        long next = indexVersion + 1;
        commitAs(next, documentCount + r.documentDelta(), chunkCount + r.chunkDelta(), change);
        return next;
    }

    /** Commits pending changes as {@code version}, counting the entries. Caller holds writeLock. */
    void commitCounted(long version, String change) throws IOException {
        slot.searchers().maybeRefreshBlocking();
        int[] counts = read(s -> new int[] {s.count(Schema.documents()), s.count(Schema.chunks())});
        commitAs(version, counts[0], counts[1], change);
    }

    /** Commits pending changes as index {@code version}, its manifest in the commit's user data. Caller holds writeLock. */
    private void commitAs(long version, int documents, int chunks, String change) throws IOException {
        CommitManifest manifest = CommitManifest.now(
                version, embedder.modelId(), embedder.dimension(), pipelineVersion, documents, chunks, change);
        IndexWriter writer = slot.writer();
        writer.setLiveCommitData(manifest.userData().entrySet());
        writer.commit();
        indexVersion = version;
        documentCount = documents;
        chunkCount = chunks;
        versions.closeDropped();
        slot.searchers().maybeRefreshBlocking();
    }

    /** A write: reads through the searcher, changes through the reconciler, commits or leaves changes pending. */
    @FunctionalInterface
    interface Change<T> {
        T apply(IndexSearcher searcher, ChunkReconciler reconciler) throws IOException;
    }

    /**
     * Runs a write, serialised, against the last commit and changes pending since; a failure discards everything
     * since that commit. A failure of the storage is {@code storage_unavailable} (retryable): reads go on, and a later
     * write reopens the writer.
     */
    <T> T write(String failure, Change<T> change) {
        writeLock.lock();
        try {
            return slot.write(failure, (s, writer) -> change.apply(s, new ChunkReconciler(writer, embedder)));
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T read(VersionReaders.Read<T> body) {
        return slot.read(body);
    }

    @Override
    public Optional<DocumentRecord> document(String documentId, AccessScope access) {
        Objects.requireNonNull(access, "access");
        return read(s -> Schema.document(s, documentId)).filter(access::canRead);
    }

    @Override
    public List<DocumentRecord> documentsOfSource(String sourceId, AccessScope access) {
        Objects.requireNonNull(access, "access");
        return read(s -> Schema.documentsOfSource(s, sourceId)).stream()
                .filter(access::canRead)
                .toList();
    }

    @Override
    public List<String> sourceIds(String prefix) {
        return read(s -> Schema.sourceIds(s, prefix));
    }

    @Override
    public Optional<ChunkRecord> chunk(String chunkId, AccessScope access) {
        Objects.requireNonNull(access, "access");
        return read(s -> searcher.chunk(s, chunkId, access));
    }

    @Override
    public Optional<ChunkLineage> lineage(String chunkId, AccessScope access, Long indexVersion) {
        Objects.requireNonNull(access, "access");
        return atVersion(indexVersion, (s, version) -> searcher.lineage(s, chunkId, access, version));
    }

    /** What a version-reading body sees: the searcher of the version, and its number. */
    @FunctionalInterface
    private interface VersionRead<T> {
        T apply(IndexSearcher searcher, long version) throws IOException;
    }

    /** Reads the current version ({@code wanted} null) or a retained one. */
    private <T> T atVersion(Long wanted, VersionRead<T> body) {
        if (wanted == null) {
            return read(s -> body.apply(s, VersionReaders.versionOf(s)));
        }
        if (wanted == indexVersion) {
            // a commit may land between the check and the searcher's acquisition: then read the pinned commit instead
            Optional<T> current = read(
                    s -> VersionReaders.versionOf(s) == wanted ? Optional.ofNullable(body.apply(s, wanted)) : null);
            if (current != null) {
                return current.orElse(null);
            }
        }
        return versions.read(wanted, indexVersion, s -> body.apply(s, wanted));
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return atVersion(request.indexVersion(), (s, version) -> searcher.search(s, request, version));
    }

    @Override
    public SearchResults searchVector(float[] vector, int k, SearchFilter filter) {
        searcher.requireDimension(vector);
        return read(s -> searcher.searchVector(s, vector, k, filter, VersionReaders.versionOf(s)));
    }

    @Override
    public void forEachEntry(long version, CorpusVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        if (version == indexVersion) {
            // as in search: a commit may land between the check and the searcher's acquisition
            boolean visited = read(s -> {
                if (VersionReaders.versionOf(s) != version) {
                    return false;
                }
                CorpusScan.visit(s, visitor);
                return true;
            });
            if (visited) {
                return;
            }
        }
        versions.read(version, indexVersion, s -> {
            CorpusScan.visit(s, visitor);
            return null;
        });
    }

    @Override
    public void pin(long version, String holder) {
        Objects.requireNonNull(holder, "holder");
        writeLock.lock();
        try {
            // under the write lock no commit (and so no deletion by the retention policy) runs between check and pin
            versions.requireRetained(version, indexVersion);
            pins.pin(version, holder);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<Long> release(String holder) {
        return pins.release(holder);
    }

    @Override
    public List<IndexVersion> versions() {
        return versions.list(pins);
    }

    @Override
    public IndexStats stats() {
        return new IndexStats(indexVersion, documentCount, chunkCount, embedder.modelId(), embedder.dimension());
    }

    @Override
    public ConsistencyReport check() {
        return read(s -> ConsistencyCheck.run(s, embedder, indexVersion));
    }

    /** Every document record of the current version (what a shadow index copies). */
    List<DocumentRecord> allDocuments() {
        return read(s -> Schema.loadDocuments(s, Schema.documents()));
    }

    /** The stored texts of these chunks (missing ones are absent from the map). */
    Map<String, String> chunkTexts(Collection<String> ids) {
        return read(s -> Schema.chunkTexts(s, ids));
    }

    long currentVersion() {
        return indexVersion;
    }

    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            versions.close();
            slot.close();
            directory.close();
        } finally {
            writeLock.unlock();
        }
    }
}
