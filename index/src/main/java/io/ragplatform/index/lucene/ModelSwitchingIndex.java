package io.ragplatform.index.lucene;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
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
import io.ragplatform.index.RebuildListener;
import io.ragplatform.index.RebuildStatus;
import io.ragplatform.index.RebuildStatus.State;
import io.ragplatform.index.Retention;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Serves the index of the old model while a shadow index is built with the configured one, then swaps.
 *
 * <p>Copy phase: every document record of the old index is replicated into the shadow and every chunk embedded with
 * the new model; reads and writes go on against the old index. Swap phase: writes and reads pause briefly (a write
 * lock on the gate) while the shadow catches up with what changed meanwhile, commits as the next index version, and
 * becomes active through {@link IndexSlots}' atomic {@code ACTIVE} switch. Versions of the old model are not
 * retained after the swap: their vectors cannot be searched with the new model's queries.
 */
final class ModelSwitchingIndex implements RagIndex {
    private static final System.Logger LOG = System.getLogger(ModelSwitchingIndex.class.getName());

    private final Path root;
    private final Embedder target;
    private final String pipelineVersion;
    private final Retention retention;
    private final RebuildListener listener;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    private final String startedAt = Instant.now().toString();
    private volatile String activeSlot;
    private volatile LuceneRagIndex active;
    private final String fromModel;
    private volatile RebuildStatus status;

    ModelSwitchingIndex(
            Path root,
            String activeSlot,
            LuceneRagIndex serving,
            Embedder target,
            String pipelineVersion,
            Retention retention,
            RebuildListener listener) {
        this.root = root;
        this.activeSlot = activeSlot;
        this.active = serving;
        this.target = target;
        this.pipelineVersion = pipelineVersion;
        this.retention = retention;
        this.listener = listener;
        this.fromModel = serving.embedder().modelId();
        this.status = status(State.COPYING, 0, 0, null, null);
        Thread t = new Thread(this::runRebuild, "rag-model-rebuild");
        t.setDaemon(true);
        t.start();
    }

    private RebuildStatus status(State state, int done, int total, String finishedAt, String error) {
        return new RebuildStatus(state, fromModel, target.modelId(), done, total, startedAt, finishedAt, error);
    }

    /** Closes an index that is out of service and deletes its slot. */
    private void discard(LuceneRagIndex index, String slot) throws IOException {
        index.close();
        IndexSlots.deleteTree(root.resolve(slot));
    }

    private void runRebuild() {
        LuceneRagIndex old = active;
        String oldSlot = activeSlot;
        String shadowSlot = IndexSlots.newSlot(root, target.modelId());
        LuceneRagIndex shadow = null;
        try {
            shadow = LuceneRagIndex.open(
                    root.resolve(shadowSlot), UnaryOperator.identity(), target, pipelineVersion, retention);
            LOG.log(
                    System.Logger.Level.INFO,
                    "model change: building a shadow index with ''{0}'' in {1} while ''{2}'' keeps serving",
                    target.modelId(),
                    shadowSlot,
                    old.embedder().modelId());
            Map<String, DocumentRecord> snapshot = byId(old.allDocuments());
            int total = distinctChunks(snapshot);
            status = status(State.COPYING, 0, total, null, null);
            replicate(shadow, snapshot, old, false, 0, "", n -> status = status(State.COPYING, n, total, null, null));
            listener.copied(status);
            gate.writeLock().lock();
            try {
                status = status(State.SWAPPING, total, total, null, null);
                long next = old.currentVersion() + 1;
                replicate(
                        shadow,
                        byId(old.allDocuments()),
                        old,
                        true,
                        next,
                        "re-embedded with " + target.modelId() + " (was "
                                + old.embedder().modelId() + ")",
                        n -> {});
                IndexSlots.writeActive(root, shadowSlot);
                active = shadow;
                activeSlot = shadowSlot;
                status = status(State.DONE, total, total, Instant.now().toString(), null);
            } finally {
                gate.writeLock().unlock();
            }
            try {
                discard(old, oldSlot);
            } catch (IOException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the replaced index " + oldSlot + " could not be removed; it is removed at the next start",
                        e);
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "model change: ''{0}'' is in service (index version {1})",
                    target.modelId(),
                    shadow.currentVersion());
            listener.swapped(status);
        } catch (Exception e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "model change to '" + target.modelId() + "' failed; '"
                            + old.embedder().modelId() + "' keeps serving",
                    e);
            status = status(
                    State.FAILED,
                    status.chunksEmbedded(),
                    status.chunksTotal(),
                    Instant.now().toString(),
                    String.valueOf(e.getMessage()));
            if (shadow != null) {
                try {
                    discard(shadow, shadowSlot);
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            listener.failed(status, e);
        }
    }

    /**
     * Makes the shadow hold exactly {@code records}, embedding with its model the chunks it has no vector for (texts
     * from the old index). Commits as {@code version} when {@code commit}; otherwise the changes stay pending, visible
     * to the shadow's next write.
     */
    private static void replicate(
            LuceneRagIndex shadow,
            Map<String, DocumentRecord> records,
            LuceneRagIndex old,
            boolean commit,
            long version,
            String change,
            IntConsumer embedded) {
        shadow.write("rebuilding the index failed", (s, reconciler) -> {
            UpsertPlanner.MirrorPlan plan = UpsertPlanner.mirror(records, Schema.loadDocuments(s, Schema.documents()));
            reconciler.apply(
                    s, plan.toWrite(), plan.toDelete(), plan.affected(), ChunkVectors.NONE, old::chunkTexts, embedded);
            if (commit) {
                shadow.commitCounted(version, change);
            }
            return null;
        });
    }

    private static Map<String, DocumentRecord> byId(List<DocumentRecord> records) {
        Map<String, DocumentRecord> out = new HashMap<>();
        records.forEach(r -> out.put(r.documentId(), r));
        return out;
    }

    private static int distinctChunks(Map<String, DocumentRecord> records) {
        Set<String> ids = new HashSet<>();
        records.values().forEach(r -> r.chunks().forEach(c -> ids.add(c.chunkId())));
        return ids.size();
    }

    @FunctionalInterface
    private interface Op<T> {
        T apply(LuceneRagIndex index);
    }

    /** Every operation runs under the gate's read lock, so that the swap never closes an index under a caller. */
    private <T> T run(Op<T> op) {
        gate.readLock().lock();
        try {
            return op.apply(active);
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public UpsertResult upsert(PreparedUpload upload) {
        return run(i -> i.upsert(upload));
    }

    /**
     * One commit on the active index once no rebuild is running. While one runs, one upsert per upload (the
     * {@link RagIndex} default): a long batch would hold the gate's read lock, and the swap waiting for it (a fair lock)
     * would hold up every read and write queued behind it for the batch's duration.
     */
    @Override
    public List<UpsertResult> upsertAll(List<PreparedUpload> uploads) {
        if (status.state().running()) {
            return RagIndex.super.upsertAll(uploads);
        }
        // done and failed are final: no swap can start any more
        return run(i -> i.upsertAll(uploads));
    }

    @Override
    public DeleteResult delete(String documentId) {
        return run(i -> i.delete(documentId));
    }

    @Override
    public DeleteResult deleteSource(String sourceId) {
        return run(i -> i.deleteSource(sourceId));
    }

    /** One commit once no rebuild runs; one by one during a rebuild, like {@link #upsertAll}. */
    @Override
    public DeleteResult deleteSources(java.util.Collection<String> sourceIds) {
        if (status.state().running()) {
            return RagIndex.super.deleteSources(sourceIds);
        }
        return run(i -> i.deleteSources(sourceIds));
    }

    /**
     * Erases on the serving index once no rebuild runs. While one runs, refused (retryable): the shadow's own commits
     * would hold copies of the text the erasure could not reach.
     */
    @Override
    public ErasureResult erase(String sourceId) {
        if (status.state().running()) {
            throw new RagException(
                    "rebuild_in_progress",
                    ErrorCategory.CONFLICT,
                    "an erasure waits for the model-change rebuild to finish (" + status.chunksEmbedded() + " of "
                            + status.chunksTotal() + " chunks re-embedded with " + target.modelId() + "); retry then",
                    null);
        }
        return run(i -> i.erase(sourceId));
    }

    @Override
    public Optional<ChunkLineage> lineage(String chunkId, AccessScope access, Long indexVersion) {
        return run(i -> i.lineage(chunkId, access, indexVersion));
    }

    @Override
    public Optional<DocumentRecord> document(String documentId, AccessScope access) {
        return run(i -> i.document(documentId, access));
    }

    @Override
    public List<DocumentRecord> documentsOfSource(String sourceId, AccessScope access) {
        return run(i -> i.documentsOfSource(sourceId, access));
    }

    @Override
    public List<String> sourceIds(String prefix) {
        return run(i -> i.sourceIds(prefix));
    }

    @Override
    public Optional<ChunkRecord> chunk(String chunkId, AccessScope access) {
        return run(i -> i.chunk(chunkId, access));
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return run(i -> i.search(request));
    }

    @Override
    public SearchResults searchVector(float[] vector, int k, SearchFilter filter) {
        return run(i -> i.searchVector(vector, k, filter));
    }

    /**
     * Visits a version of the serving index. The gate's read lock is held for the whole visit, so a swap waits until it
     * ends (a rebuild's versions are the old model's until then).
     */
    @Override
    public void forEachEntry(long version, CorpusVisitor visitor) {
        run(i -> {
            i.forEachEntry(version, visitor);
            return null;
        });
    }

    /** Pins a version of the serving index (the switch to the new model drops the old model's versions, pins and all). */
    @Override
    public void pin(long version, String holder) {
        run(i -> {
            i.pin(version, holder);
            return null;
        });
    }

    @Override
    public List<Long> release(String holder) {
        return run(i -> i.release(holder));
    }

    @Override
    public List<IndexVersion> versions() {
        return run(LuceneRagIndex::versions);
    }

    @Override
    public IndexStats stats() {
        return run(LuceneRagIndex::stats);
    }

    @Override
    public ConsistencyReport check() {
        return run(LuceneRagIndex::check);
    }

    @Override
    public Embedder embedder() {
        return run(LuceneRagIndex::embedder);
    }

    @Override
    public Optional<RebuildStatus> rebuild() {
        return Optional.of(status);
    }

    @Override
    public void close() throws IOException {
        gate.writeLock().lock();
        try {
            active.close();
        } finally {
            gate.writeLock().unlock();
        }
    }
}
