package io.ragplatform.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.ingest.Chunk;
import io.ragplatform.ingest.PreparedDocument;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * {@link RagIndex} in one Lucene index: chunk entries (text for BM25, an HNSW vector, the vector's bytes for reuse,
 * filter values) and document entries (the record as JSON, the chunk IDs it references). Both kinds change in the
 * same commit, so a crash leaves the last commit whole: no vector without its chunk entry, no document pointing at a
 * missing chunk.
 */
final class LuceneRagIndex implements RagIndex {
    static final String TYPE = "type";
    static final String TYPE_CHUNK = "chunk";
    static final String TYPE_DOC = "doc";
    // chunk entries
    static final String CHUNK_ID = "cid";
    static final String TEXT = "text";
    static final String VECTOR = "vec";
    static final String VECTOR_BYTES = "vecbin";
    static final String MODEL = "model";
    /** Filter terms, one per (document, combination of sourceId, content type, language): see {@link #filterKeys}. */
    static final String FILTER = "filter";
    // document entries
    static final String DOC_ID = "did";
    static final String SOURCE_ID = "sourceId";
    static final String REF = "ref";
    static final String RECORD = "record";
    // commit user data
    static final String COMMIT_VERSION = "rag.indexVersion";
    static final String COMMIT_MODEL = "rag.model";
    static final String COMMIT_DIMENSION = "rag.dimension";
    static final String COMMIT_PIPELINE = "rag.pipeline";
    static final String COMMIT_TIME = "rag.committedAt";
    static final String COMMIT_DOCUMENTS = "rag.documents";
    static final String COMMIT_CHUNKS = "rag.chunks";
    static final String COMMIT_CHANGE = "rag.change";
    /** Readers kept open on older versions. */
    private static final int VERSION_READER_CACHE = 4;

    private static final int RRF_K = 60;

    private final Directory directory;
    // replaced only under writeLock, after a failed write
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Embedder embedder;
    private final String pipelineVersion;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Retention retention;
    private final VersionPins pins;
    // the current version and its counts; changed only under writeLock
    private volatile long indexVersion;
    private volatile int documentCount;
    private volatile int chunkCount;
    private final Map<Long, DirectoryReader> versionReaders = new LinkedHashMap<>(8, 0.75f, true);

    private LuceneRagIndex(
            Directory directory,
            IndexWriter writer,
            Embedder embedder,
            String pipelineVersion,
            Retention retention,
            VersionPins pins)
            throws IOException {
        this.pins = pins;
        this.directory = directory;
        this.writer = writer;
        this.embedder = embedder;
        this.pipelineVersion = pipelineVersion;
        this.retention = retention;
        this.searchers = new SearcherManager(writer, true, false, null);
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        this.indexVersion = Long.parseLong(data.getOrDefault(COMMIT_VERSION, "0"));
        String model = data.get(COMMIT_MODEL);
        if (model != null && !model.equals(embedder.modelId())) {
            throw new IllegalStateException(
                    "the index under this data directory holds vectors of embedding model '" + model
                            + "' but the configured model is '" + embedder.modelId() + "'; configure '" + model
                            + "' again or use a new data directory (a shadow rebuild for model changes is not implemented yet)");
        }
        String dim = data.get(COMMIT_DIMENSION);
        if (dim != null && Integer.parseInt(dim) != embedder.dimension()) {
            throw new IllegalStateException("the index holds " + dim + "-dimensional vectors but model '"
                    + embedder.modelId() + "' produces " + embedder.dimension());
        }
        IndexSearcher s = searchers.acquire();
        try {
            this.documentCount = s.count(new TermQuery(new Term(TYPE, TYPE_DOC)));
            this.chunkCount = s.count(new TermQuery(new Term(TYPE, TYPE_CHUNK)));
        } finally {
            searchers.release(s);
        }
    }

    static LuceneRagIndex open(Path dir, Embedder embedder, String pipelineVersion, Retention retention) {
        try {
            Directory directory = FSDirectory.open(dir);
            VersionPins pins = VersionPins.load(dir);
            IndexWriter writer = new IndexWriter(directory, writerConfig(retention, pins));
            return new LuceneRagIndex(directory, writer, embedder, pipelineVersion, retention, pins);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index in " + dir, e);
        }
    }

    @Override
    public Embedder embedder() {
        return embedder;
    }

    // ------------------------------------------------------------------ writes

    @Override
    public UpsertResult upsert(PreparedUpload upload) {
        // the expensive part runs before the lock, so that uploads of new text embed in parallel
        Map<String, float[]> precomputed = embedMissing(List.of(upload));
        return underWriteLock(searcher -> doUpsert(searcher, upload, precomputed));
    }

    @Override
    public List<UpsertResult> upsertAll(List<PreparedUpload> uploads) {
        Set<String> sources = new HashSet<>();
        Set<String> documents = new HashSet<>();
        for (PreparedUpload u : uploads) {
            if (!sources.add(u.sourceId())) {
                throw new IllegalArgumentException("two uploads of one batch name source '" + u.sourceId() + "'");
            }
            // document IDs derive from the sourceId, so this holds for prepared uploads; the one-commit plan relies on
            // it
            for (String id : u.documents().stream()
                    .map(PreparedDocument::documentId)
                    .distinct()
                    .toList()) {
                if (!documents.add(id)) {
                    throw new IllegalArgumentException("two uploads of one batch hold document " + id);
                }
            }
        }
        if (uploads.isEmpty()) {
            return List.of();
        }
        Map<String, float[]> precomputed = embedMissing(uploads);
        return underWriteLock(searcher -> doUpsertAll(searcher, uploads, precomputed));
    }

    @Override
    public DeleteResult delete(String documentId) {
        return underWriteLock(searcher -> {
            List<DocumentRecord> found = loadDocs(searcher, new TermQuery(new Term(DOC_ID, documentId)));
            if (found.isEmpty()) {
                return new DeleteResult(List.of(), 0, indexVersion);
            }
            DocumentRecord doc = found.get(0);
            List<DocumentRecord> doomed = new ArrayList<>();
            for (DocumentRecord r : loadDocs(searcher, new TermQuery(new Term(SOURCE_ID, doc.sourceId())))) {
                if (r.documentId().equals(documentId)
                        || doc.path().isEmpty()
                        || r.path().startsWith(doc.path() + "/")) {
                    doomed.add(r);
                }
            }
            return deleteDocs(searcher, doomed, "delete " + documentId);
        });
    }

    @Override
    public DeleteResult deleteSource(String sourceId) {
        return underWriteLock(searcher -> {
            List<DocumentRecord> doomed = loadDocs(searcher, new TermQuery(new Term(SOURCE_ID, sourceId)));
            if (doomed.isEmpty()) {
                return new DeleteResult(List.of(), 0, indexVersion);
            }
            return deleteDocs(searcher, doomed, "delete source " + sourceId);
        });
    }

    private DeleteResult deleteDocs(IndexSearcher searcher, List<DocumentRecord> doomed, String change)
            throws IOException {
        Set<String> affected = new TreeSet<>();
        doomed.forEach(r -> r.chunks().forEach(c -> affected.add(c.chunkId())));
        Commit c = commitChanges(searcher, List.of(), doomed, affected, Map.of(), Map.of(), change);
        return new DeleteResult(doomed, c.chunksRemoved(), c.version());
    }

    @FunctionalInterface
    private interface Write<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs a write against the last commit, serialised; a failure discards everything since that commit. */
    private <T> T underWriteLock(Write<T> body) {
        writeLock.lock();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return body.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            discardUncommitted(e);
            throw new UncheckedIOException("index write failed; nothing of it was stored", e);
        } catch (RuntimeException e) {
            discardUncommitted(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops every change since the last commit, so that a failed write leaves no trace, and reopens the writer. */
    private void discardUncommitted(Exception cause) {
        try {
            searchers.close();
            writer.rollback();
            writer = new IndexWriter(directory, writerConfig(retention, pins));
            searchers = new SearcherManager(writer, true, false, null);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static IndexWriterConfig writerConfig(Retention retention, VersionPins pins) {
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCommitOnClose(false);
        config.setIndexDeletionPolicy(new RetainVersionsPolicy(retention, Clock.systemUTC(), pins::isPinned));
        return config;
    }

    /** Embeds the uploads' chunks that have no vector of the current model in the last commit, each chunk once. */
    private Map<String, float[]> embedMissing(List<PreparedUpload> uploads) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (PreparedUpload upload : uploads) {
            for (PreparedDocument d : upload.documents()) {
                for (Chunk c : d.chunks()) {
                    texts.putIfAbsent(c.id(), c.text());
                }
            }
        }
        List<String> missing = read(s -> {
            List<String> out = new ArrayList<>();
            for (String id : texts.keySet()) {
                StoredChunk sc = loadChunk(s, id);
                if (sc == null || !sc.model().equals(embedder.modelId())) {
                    out.add(id);
                }
            }
            return out;
        });
        Map<String, float[]> vectors = new HashMap<>();
        if (!missing.isEmpty()) {
            List<float[]> embedded =
                    embedder.embedAll(missing.stream().map(texts::get).toList());
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), embedded.get(i));
            }
        }
        return vectors;
    }

    private UpsertResult doUpsert(IndexSearcher searcher, PreparedUpload upload, Map<String, float[]> precomputed)
            throws IOException {
        UpsertPlan plan = planUpsert(
                searcher, upload, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        if (!plan.changes()) {
            return plan.result(indexVersion, Set.of(), 0);
        }
        Commit c = commitChanges(
                searcher,
                plan.toWrite(),
                plan.toDelete(),
                plan.affected(),
                plan.chunkTexts(),
                precomputed,
                "upsert " + upload.sourceId());
        return plan.result(c.version(), c.embedded(), precomputed.size() + c.lateEmbedded());
    }

    /**
     * The uploads as one commit. Each upload is planned against the last commit, which is exact because they touch
     * disjoint documents (distinct sources); what they share, chunks, is planned once over all of them by
     * {@link #commitChanges}, which sees every document the batch writes or deletes. The result is the one the same
     * uploads would give one by one, but nothing uncommitted is ever visible to reads.
     */
    private List<UpsertResult> doUpsertAll(
            IndexSearcher searcher, List<PreparedUpload> uploads, Map<String, float[]> precomputed) throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<UpsertPlan> plans = new ArrayList<>(uploads.size());
        List<DocumentRecord> toWrite = new ArrayList<>();
        List<DocumentRecord> toDelete = new ArrayList<>();
        Set<String> affected = new TreeSet<>();
        Map<String, String> chunkTexts = new HashMap<>();
        Map<String, Integer> firstUploadOfChunk = new HashMap<>();
        List<String> changed = new ArrayList<>();
        for (PreparedUpload upload : uploads) {
            UpsertPlan plan = planUpsert(searcher, upload, now);
            int index = plans.size();
            plans.add(plan);
            plan.chunkTexts().forEach((id, text) -> {
                chunkTexts.putIfAbsent(id, text);
                firstUploadOfChunk.putIfAbsent(id, index);
            });
            if (plan.changes()) {
                toWrite.addAll(plan.toWrite());
                toDelete.addAll(plan.toDelete());
                affected.addAll(plan.affected());
                changed.add(upload.sourceId());
            }
        }
        if (changed.isEmpty()) {
            return plans.stream().map(p -> p.result(indexVersion, Set.of(), 0)).toList();
        }
        String change = changed.size() == 1
                ? "upsert " + changed.get(0)
                : "upsert " + changed.size() + " sources (first: " + changed.get(0) + ")";
        Commit c = commitChanges(searcher, toWrite, toDelete, affected, chunkTexts, precomputed, change);
        // an embedding counts for the first upload that holds its chunk; later ones reuse it
        List<Set<String>> embeddedChunks = new ArrayList<>();
        int[] embeddings = new int[plans.size()];
        plans.forEach(p -> embeddedChunks.add(new HashSet<>()));
        for (String id : c.embedded()) {
            embeddedChunks.get(firstUploadOfChunk.get(id)).add(id);
            if (!precomputed.containsKey(id)) {
                embeddings[firstUploadOfChunk.get(id)]++; // embedded late, under the lock
            }
        }
        for (String id : precomputed.keySet()) {
            embeddings[firstUploadOfChunk.get(id)]++;
        }
        List<UpsertResult> results = new ArrayList<>(plans.size());
        for (int i = 0; i < plans.size(); i++) {
            results.add(plans.get(i).result(c.version(), embeddedChunks.get(i), embeddings[i]));
        }
        return results;
    }

    /**
     * What an upload changes, decided against the last commit; nothing is written yet.
     *
     * @param outcomes each document's fate, embedding counts still 0
     * @param affected chunks whose entry may change: those of changed and deleted documents, old and new
     * @param chunkTexts the upload's distinct chunks
     * @param firstDocOfChunk per chunk, the upload's first document that holds it (the one an embedding counts for)
     */
    private record UpsertPlan(
            List<DocumentOutcome> outcomes,
            List<DocumentRecord> toWrite,
            List<DocumentRecord> toDelete,
            Set<String> affected,
            Map<String, String> chunkTexts,
            Map<String, String> firstDocOfChunk) {
        boolean changes() {
            return !toWrite.isEmpty() || !toDelete.isEmpty();
        }

        /**
         * @param embeddedChunks the upload's chunks that got a new vector in the commit
         * @param embeddings embeddings computed for them
         */
        UpsertResult result(long version, Set<String> embeddedChunks, int embeddings) {
            Map<String, Integer> embeddedPerDoc = new HashMap<>();
            for (String id : embeddedChunks) {
                embeddedPerDoc.merge(firstDocOfChunk.get(id), 1, Integer::sum);
            }
            List<DocumentOutcome> withEmbedded = outcomes.stream()
                    .map(o -> o.withEmbedded(embeddedPerDoc.getOrDefault(o.documentId(), 0)))
                    .toList();
            return new UpsertResult(withEmbedded, version, embeddings, chunkTexts.size() - embeddedChunks.size());
        }
    }

    private UpsertPlan planUpsert(IndexSearcher searcher, PreparedUpload upload, String now) throws IOException {
        Map<String, DocumentRecord> existing = new LinkedHashMap<>();
        for (DocumentRecord r : loadDocs(searcher, new TermQuery(new Term(SOURCE_ID, upload.sourceId())))) {
            existing.put(r.documentId(), r);
        }
        // decide each document's fate
        List<DocumentOutcome> outcomes = new ArrayList<>();
        List<DocumentRecord> toWrite = new ArrayList<>();
        Set<String> affected = new TreeSet<>();
        Set<String> newIds = new HashSet<>();
        Map<String, String> chunkTexts = new LinkedHashMap<>();
        Map<String, String> firstDocOfChunk = new HashMap<>();
        for (PreparedDocument d : upload.documents()) {
            newIds.add(d.documentId());
            for (Chunk c : d.chunks()) {
                chunkTexts.putIfAbsent(c.id(), c.text());
                firstDocOfChunk.putIfAbsent(c.id(), d.documentId());
            }
            DocumentRecord old = existing.get(d.documentId());
            List<ChunkRef> refs = d.chunks().stream()
                    .map(c -> new ChunkRef(c.id(), c.charStart(), c.charEnd(), c.page()))
                    .toList();
            List<String> newChunkIds = refs.stream().map(ChunkRef::chunkId).toList();
            List<String> oldChunkIds = old == null
                    ? List.of()
                    : old.chunks().stream().map(ChunkRef::chunkId).toList();
            boolean root = d.path().isEmpty();
            String fileHash = root ? upload.fileHash() : null;
            long fileSize = root ? upload.fileSize() : 0;
            boolean contentChanged =
                    old == null || !old.contentHash().equals(d.contentHash()) || !oldChunkIds.equals(newChunkIds);
            boolean metadataChanged = old == null
                    || !old.metadataHash().equals(d.metadataHash())
                    || !Objects.equals(old.parentDocumentId(), d.parentDocumentId());
            // same content under another pipeline or from other bytes: refresh the record, not the version
            boolean recordStale = old != null
                    && (!Objects.equals(old.fileHash(), fileHash)
                            || !Objects.equals(old.pipeline(), upload.pipeline()));
            int version = old == null ? 1 : contentChanged ? old.version() + 1 : old.version();
            Set<String> oldSet = new HashSet<>(oldChunkIds);
            Set<String> newSet = new HashSet<>(newChunkIds);
            int added = (int)
                    newChunkIds.stream().filter(id -> !oldSet.contains(id)).count();
            int removed = (int)
                    oldChunkIds.stream().filter(id -> !newSet.contains(id)).count();
            DocumentOutcome.Status status = old == null
                    ? DocumentOutcome.Status.CREATED
                    : (contentChanged || metadataChanged)
                            ? DocumentOutcome.Status.UPDATED
                            : DocumentOutcome.Status.UNCHANGED;
            outcomes.add(new DocumentOutcome(
                    d.documentId(),
                    d.sourceId(),
                    d.path(),
                    d.parentDocumentId(),
                    d.contentType(),
                    d.language(),
                    version,
                    status,
                    d.contentHash(),
                    newChunkIds.size(),
                    added,
                    removed,
                    newChunkIds.size() - added,
                    0,
                    contentChanged,
                    metadataChanged));
            if (status != DocumentOutcome.Status.UNCHANGED || recordStale) {
                toWrite.add(new DocumentRecord(
                        d.documentId(),
                        d.sourceId(),
                        d.path(),
                        d.parentDocumentId(),
                        d.contentType(),
                        d.language(),
                        version,
                        d.contentHash(),
                        d.metadataHash(),
                        d.properties(),
                        d.metadata(),
                        d.textLength(),
                        refs,
                        old == null ? now : old.ingestedAt(),
                        status == DocumentOutcome.Status.UNCHANGED ? old.updatedAt() : now,
                        fileHash,
                        fileSize,
                        upload.pipeline()));
                if (status != DocumentOutcome.Status.UNCHANGED) {
                    affected.addAll(newSet);
                    affected.addAll(oldSet);
                }
            }
        }
        List<DocumentRecord> toDelete = new ArrayList<>();
        for (DocumentRecord old : existing.values()) {
            if (!newIds.contains(old.documentId())) {
                toDelete.add(old);
                old.chunks().forEach(c -> affected.add(c.chunkId()));
                outcomes.add(new DocumentOutcome(
                        old.documentId(),
                        old.sourceId(),
                        old.path(),
                        old.parentDocumentId(),
                        old.contentType(),
                        old.language(),
                        old.version(),
                        DocumentOutcome.Status.DELETED,
                        old.contentHash(),
                        0,
                        0,
                        old.chunks().size(),
                        0,
                        0,
                        true,
                        false));
            }
        }
        return new UpsertPlan(outcomes, toWrite, toDelete, affected, chunkTexts, firstDocOfChunk);
    }

    /** What one commit did. */
    private record Commit(long version, Set<String> embedded, int lateEmbedded, int chunksRemoved) {}

    /**
     * Writes documents and deletions as one commit and keeps chunk entries in step: an affected chunk referenced by no
     * document afterwards is removed; one still referenced is (re)written when its vector or filter values change.
     */
    private Commit commitChanges(
            IndexSearcher searcher,
            List<DocumentRecord> toWrite,
            List<DocumentRecord> toDelete,
            Set<String> affected,
            Map<String, String> chunkTexts,
            Map<String, float[]> vectors,
            String change)
            throws IOException {
        Set<String> replaced = new HashSet<>();
        toWrite.forEach(r -> replaced.add(r.documentId()));
        toDelete.forEach(r -> replaced.add(r.documentId()));

        // the written documents by chunk, each once (a batch writes many)
        Map<String, List<DocumentRecord>> writtenReferrers = new HashMap<>();
        for (DocumentRecord r : toWrite) {
            for (ChunkRef ref : r.chunks()) {
                List<DocumentRecord> list = writtenReferrers.computeIfAbsent(ref.chunkId(), k -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != r) {
                    list.add(r);
                }
            }
        }

        // decide, per affected chunk, before touching the writer
        record Plan(String id, List<DocumentRecord> referrers, StoredChunk stored, boolean needsVector) {}
        List<Plan> plans = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (String id : affected) {
            List<DocumentRecord> referrers = new ArrayList<>();
            for (DocumentRecord r : loadDocs(searcher, new TermQuery(new Term(REF, id)))) {
                if (!replaced.contains(r.documentId())) {
                    referrers.add(r);
                }
            }
            referrers.addAll(writtenReferrers.getOrDefault(id, List.of()));
            StoredChunk stored = loadChunk(searcher, id);
            boolean needsVector =
                    !referrers.isEmpty() && (stored == null || !stored.model().equals(embedder.modelId()));
            if (needsVector && !vectors.containsKey(id)) {
                // a concurrent write removed the chunk after the caller looked
                late.add(id);
            }
            plans.add(new Plan(id, referrers, stored, needsVector));
        }
        Map<String, float[]> lateVectors = new HashMap<>();
        if (!late.isEmpty()) {
            List<float[]> embedded =
                    embedder.embedAll(late.stream().map(chunkTexts::get).toList());
            for (int i = 0; i < late.size(); i++) {
                lateVectors.put(late.get(i), embedded.get(i));
            }
        }

        int chunkDelta = 0;
        int removed = 0;
        Set<String> embeddedUsed = new HashSet<>();
        for (Plan p : plans) {
            if (p.referrers().isEmpty()) {
                if (p.stored() != null) {
                    writer.deleteDocuments(new Term(CHUNK_ID, p.id()));
                    chunkDelta--;
                    removed++;
                }
                continue;
            }
            Set<String> keys = filterKeys(p.referrers());
            float[] vector = null;
            if (p.needsVector()) {
                vector = vectors.containsKey(p.id()) ? vectors.get(p.id()) : lateVectors.get(p.id());
                embeddedUsed.add(p.id());
            }
            StoredChunk sc = p.stored();
            if (vector == null && sc != null && sc.filterKeys().equals(keys)) {
                continue;
            }
            if (sc == null) {
                chunkDelta++;
            }
            String text = sc != null ? sc.text() : chunkTexts.get(p.id());
            writer.updateDocument(
                    new Term(CHUNK_ID, p.id()), chunkEntry(p.id(), text, vector != null ? vector : sc.vector(), keys));
        }
        int docDelta = -toDelete.size();
        for (DocumentRecord r : toWrite) {
            if (searcher.count(new TermQuery(new Term(DOC_ID, r.documentId()))) == 0) {
                docDelta++;
            }
            writer.updateDocument(new Term(DOC_ID, r.documentId()), docEntry(r));
        }
        for (DocumentRecord r : toDelete) {
            writer.deleteDocuments(new Term(DOC_ID, r.documentId()));
        }
        long next = indexVersion + 1;
        commitAs(next, documentCount + docDelta, chunkCount + chunkDelta, change);
        searchers.maybeRefreshBlocking();
        return new Commit(next, embeddedUsed, late.size(), removed);
    }

    /** Commits pending changes as index {@code version}, its manifest in the commit's user data. Caller holds writeLock. */
    private void commitAs(long version, int documents, int chunks, String change) throws IOException {
        Map<String, String> commitData = new LinkedHashMap<>();
        commitData.put(COMMIT_VERSION, Long.toString(version));
        commitData.put(COMMIT_MODEL, embedder.modelId());
        commitData.put(COMMIT_DIMENSION, Integer.toString(embedder.dimension()));
        commitData.put(COMMIT_PIPELINE, pipelineVersion);
        commitData.put(COMMIT_TIME, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        commitData.put(COMMIT_DOCUMENTS, Integer.toString(documents));
        commitData.put(COMMIT_CHUNKS, Integer.toString(chunks));
        commitData.put(COMMIT_CHANGE, change.length() > 200 ? change.substring(0, 200) : change);
        writer.setLiveCommitData(commitData.entrySet());
        writer.commit();
        indexVersion = version;
        documentCount = documents;
        chunkCount = chunks;
        closeDroppedVersionReaders();
    }

    /**
     * Closes cached readers of versions the retention policy has just deleted: a dropped version is no longer
     * searchable, and its files are freed on disk instead of being held open by the cache.
     */
    private void closeDroppedVersionReaders() throws IOException {
        synchronized (versionReaders) {
            if (versionReaders.isEmpty()) {
                return;
            }
            Set<String> kept = new HashSet<>();
            for (IndexCommit c : DirectoryReader.listCommits(directory)) {
                kept.add(c.getUserData().get(COMMIT_VERSION));
            }
            for (var it = versionReaders.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!kept.contains(Long.toString(e.getKey()))) {
                    it.remove();
                    e.getValue().decRef();
                }
            }
        }
    }

    /**
     * The filter terms of a chunk: for each document that references it, one term per combination of its sourceId,
     * content type and language. A filter on several fields then matches only when one document satisfies all of
     * them, not one document each.
     */
    static Set<String> filterKeys(List<DocumentRecord> referrers) {
        Set<String> keys = new TreeSet<>();
        for (DocumentRecord r : referrers) {
            for (int mask = 1; mask < 8; mask++) {
                keys.add(filterKey(
                        (mask & 1) != 0 ? r.sourceId() : null,
                        (mask & 2) != 0 ? r.contentType() : null,
                        (mask & 4) != 0 ? r.language() : null));
            }
        }
        return keys;
    }

    /** The term for a filter: the given fields, each tagged, NUL-separated; null fields are left out. */
    static String filterKey(String sourceId, String contentType, String language) {
        StringBuilder sb = new StringBuilder();
        if (sourceId != null) {
            sb.append("s=").append(sourceId).append('\0');
        }
        if (contentType != null) {
            sb.append("t=").append(contentType).append('\0');
        }
        if (language != null) {
            sb.append("l=").append(language).append('\0');
        }
        return sb.toString();
    }

    private Document chunkEntry(String id, String text, float[] vector, Set<String> filterKeys) {
        Document d = new Document();
        d.add(new StringField(TYPE, TYPE_CHUNK, Field.Store.NO));
        d.add(new StringField(CHUNK_ID, id, Field.Store.YES));
        d.add(new TextField(TEXT, text, Field.Store.YES));
        d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        d.add(new StoredField(VECTOR_BYTES, new BytesRef(toBytes(vector))));
        d.add(new StringField(MODEL, embedder.modelId(), Field.Store.YES));
        filterKeys.forEach(k -> d.add(new StringField(FILTER, k, Field.Store.YES)));
        return d;
    }

    private Document docEntry(DocumentRecord r) {
        Document d = new Document();
        d.add(new StringField(TYPE, TYPE_DOC, Field.Store.NO));
        d.add(new StringField(DOC_ID, r.documentId(), Field.Store.YES));
        d.add(new StringField(SOURCE_ID, r.sourceId(), Field.Store.YES));
        new LinkedHashSet<>(r.chunks().stream().map(ChunkRef::chunkId).toList())
                .forEach(id -> d.add(new StringField(REF, id, Field.Store.NO)));
        try {
            d.add(new StoredField(RECORD, new BytesRef(json.writeValueAsBytes(r))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise document record " + r.documentId(), e);
        }
        return d;
    }

    private static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static float[] toFloats(BytesRef bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / Float.BYTES];
        b.asFloatBuffer().get(v);
        return v;
    }

    // ------------------------------------------------------------------ reads

    private record StoredChunk(String text, String model, float[] vector, Set<String> filterKeys) {}

    private StoredChunk loadChunk(IndexSearcher searcher, String chunkId) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(CHUNK_ID, chunkId)), 1);
        if (top.scoreDocs.length == 0) {
            return null;
        }
        Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
        return new StoredChunk(d.get(TEXT), d.get(MODEL), toFloats(d.getBinaryValue(VECTOR_BYTES)), values(d, FILTER));
    }

    private static Set<String> values(Document d, String field) {
        Set<String> out = new TreeSet<>();
        for (IndexableField f : d.getFields(field)) {
            out.add(f.stringValue());
        }
        return out;
    }

    private List<DocumentRecord> loadDocs(IndexSearcher searcher, Query query) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(new TermQuery(new Term(TYPE, TYPE_DOC)), Occur.FILTER)
                .build();
        int n = Math.max(1, searcher.count(q));
        TopDocs top = searcher.search(q, n);
        StoredFields fields = searcher.storedFields();
        List<DocumentRecord> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(readRecord(fields.document(sd.doc)));
        }
        return out;
    }

    private DocumentRecord readRecord(Document d) {
        BytesRef b = d.getBinaryValue(RECORD);
        try {
            return json.readValue(b.bytes, b.offset, b.length, DocumentRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt document record " + d.get(DOC_ID), e);
        }
    }

    @Override
    public Optional<DocumentRecord> document(String documentId) {
        return read(s -> loadDocs(s, new TermQuery(new Term(DOC_ID, documentId))).stream()
                .findFirst());
    }

    @Override
    public List<DocumentRecord> documentsOfSource(String sourceId) {
        return read(s -> {
            List<DocumentRecord> docs = new ArrayList<>(loadDocs(s, new TermQuery(new Term(SOURCE_ID, sourceId))));
            docs.sort(Comparator.comparing((DocumentRecord r) -> !r.path().isEmpty())
                    .thenComparing(r -> pathKey(r.path())));
            return docs;
        });
    }

    /** Orders "/2" before "/10". */
    private static String pathKey(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/")) {
            sb.append(String.format(java.util.Locale.ROOT, "%10s", part)).append('/');
        }
        return sb.toString();
    }

    @Override
    public Optional<ChunkRecord> chunk(String chunkId) {
        return read(s -> {
            TopDocs top = s.search(new TermQuery(new Term(CHUNK_ID, chunkId)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document d = s.storedFields().document(top.scoreDocs[0].doc);
            return Optional.of(
                    new ChunkRecord(chunkId, d.get(TEXT), d.get(MODEL), occurrences(s, chunkId, null, null, null)));
        });
    }

    private List<Occurrence> occurrences(
            IndexSearcher s, String chunkId, String sourceId, String contentType, String language) throws IOException {
        List<Occurrence> out = new ArrayList<>();
        for (DocumentRecord r : loadDocs(s, new TermQuery(new Term(REF, chunkId)))) {
            if ((sourceId != null && !sourceId.equals(r.sourceId()))
                    || (contentType != null && !contentType.equals(r.contentType()))
                    || (language != null && !language.equals(r.language()))) {
                continue;
            }
            for (ChunkRef c : r.chunks()) {
                if (c.chunkId().equals(chunkId)) {
                    out.add(new Occurrence(r.documentId(), r.sourceId(), c.charStart(), c.charEnd(), c.page()));
                }
            }
        }
        out.sort(Comparator.comparing(Occurrence::sourceId)
                .thenComparing(Occurrence::documentId)
                .thenComparingInt(Occurrence::charStart));
        return out;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        Long wanted = request.indexVersion();
        if (wanted == null) {
            return read(s -> search(s, request, versionOf(s)));
        }
        if (wanted == indexVersion) {
            // a commit may land between the check and the searcher's acquisition: then read the pinned commit instead
            SearchResults current = read(s -> versionOf(s) == wanted ? search(s, request, wanted) : null);
            if (current != null) {
                return current;
            }
        }
        return readVersion(wanted, s -> search(s, request, wanted));
    }

    private SearchResults search(IndexSearcher s, SearchRequest request, long version) throws IOException {
        Query filter = filter(request.sourceId(), request.contentType(), request.language());
        int candidates = Math.max(50, request.k() * 4);
        List<Scored> ranked = switch (request.mode()) {
            case KEYWORD -> keyword(s, request.query(), filter, request.k());
            case VECTOR -> vector(s, embedder.embedQuery(request.query()), filter, request.k());
            case HYBRID ->
                fuse(
                        keyword(s, request.query(), filter, candidates),
                        vector(s, embedder.embedQuery(request.query()), filter, candidates),
                        request.k());
        };
        return new SearchResults(
                hits(s, ranked, request.sourceId(), request.contentType(), request.language()), version);
    }

    @Override
    public SearchResults searchVector(float[] vector, int k, String sourceId, String contentType, String language) {
        if (vector.length != embedder.dimension()) {
            throw new IllegalArgumentException("a " + vector.length + "-dimensional vector cannot search an index of "
                    + embedder.dimension() + "-dimensional vectors (" + embedder.modelId() + ")");
        }
        return read(s -> new SearchResults(
                hits(s, vector(s, vector, filter(sourceId, contentType, language), k), sourceId, contentType, language),
                versionOf(s)));
    }

    private List<SearchHit> hits(
            IndexSearcher s, List<Scored> ranked, String sourceId, String contentType, String language)
            throws IOException {
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        StoredFields fields = s.storedFields();
        for (Scored r : ranked) {
            Document d = fields.document(r.doc());
            String id = d.get(CHUNK_ID);
            hits.add(new SearchHit(id, r.score(), d.get(TEXT), occurrences(s, id, sourceId, contentType, language)));
        }
        return hits;
    }

    /**
     * The index version a searcher reads, from its reader's commit data: not the field {@link #indexVersion}, which a
     * concurrent commit may already have advanced while this searcher still reads the previous commit.
     */
    private static long versionOf(IndexSearcher s) throws IOException {
        if (s.getIndexReader() instanceof DirectoryReader reader) {
            String v = reader.getIndexCommit().getUserData().get(COMMIT_VERSION);
            return v == null ? 0 : Long.parseLong(v);
        }
        return 0;
    }

    /** Runs a read against a retained older version, on a cached reader. */
    private <T> T readVersion(long version, Read<T> body) {
        DirectoryReader reader;
        try {
            synchronized (versionReaders) {
                reader = versionReaders.get(version);
                if (reader == null) {
                    IndexCommit commit = null;
                    for (IndexCommit c : DirectoryReader.listCommits(directory)) {
                        if (Long.toString(version).equals(c.getUserData().get(COMMIT_VERSION))) {
                            commit = c;
                        }
                    }
                    if (commit == null) {
                        throw new VersionNotRetainedException(
                                version,
                                "index version " + version + " is not retained (current: "
                                        + indexVersion + "; retention keeps the last " + retention.versions()
                                        + " versions and those younger than "
                                        + retention.age() + "); GET /v1/index/versions lists them");
                    }
                    reader = DirectoryReader.open(commit);
                    versionReaders.put(version, reader);
                    if (versionReaders.size() > VERSION_READER_CACHE) {
                        var eldest = versionReaders.entrySet().iterator().next();
                        versionReaders.remove(eldest.getKey());
                        eldest.getValue().decRef();
                    }
                }
                reader.incRef();
            }
            try {
                return body.apply(new IndexSearcher(reader));
            } finally {
                reader.decRef();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading index version " + version + " failed", e);
        }
    }

    @Override
    public void pin(long version, String holder) {
        java.util.Objects.requireNonNull(holder, "holder");
        writeLock.lock();
        try {
            // under the write lock no commit (and so no deletion by the retention policy) runs between check and pin
            boolean retained = version == indexVersion;
            for (IndexCommit c : DirectoryReader.listCommits(directory)) {
                retained |= Long.toString(version).equals(c.getUserData().get(COMMIT_VERSION));
            }
            if (!retained) {
                throw new VersionNotRetainedException(
                        version,
                        "index version " + version + " is not retained (current: " + indexVersion
                                + "); it cannot be pinned");
            }
            pins.pin(version, holder);
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            if (version != 0) {
                throw new VersionNotRetainedException(version, "the index is empty; only version 0 exists");
            }
            pins.pin(version, holder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the index versions", e);
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
        try {
            List<IndexVersion> out = new ArrayList<>();
            for (IndexCommit c : DirectoryReader.listCommits(directory)) {
                Map<String, String> d = c.getUserData();
                if (d.get(COMMIT_VERSION) == null) {
                    continue;
                }
                out.add(new IndexVersion(
                        Long.parseLong(d.get(COMMIT_VERSION)),
                        d.get(COMMIT_TIME),
                        d.get(COMMIT_MODEL),
                        Integer.parseInt(d.getOrDefault(COMMIT_DIMENSION, "0")),
                        d.get(COMMIT_PIPELINE),
                        Integer.parseInt(d.getOrDefault(COMMIT_DOCUMENTS, "0")),
                        Integer.parseInt(d.getOrDefault(COMMIT_CHUNKS, "0")),
                        d.get(COMMIT_CHANGE),
                        pins.holders(Long.parseLong(d.get(COMMIT_VERSION)))));
            }
            out.sort(Comparator.comparingLong(IndexVersion::version).reversed());
            return out;
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list index versions", e);
        }
    }

    @Override
    public ConsistencyReport check() {
        return read(s -> {
            StoredFields fields = s.storedFields();
            Map<String, Integer> chunkEntries = new HashMap<>();
            List<String> badVectors = new ArrayList<>();
            TopDocs chunks = s.search(
                    new TermQuery(new Term(TYPE, TYPE_CHUNK)),
                    Math.max(1, s.count(new TermQuery(new Term(TYPE, TYPE_CHUNK)))));
            for (ScoreDoc sd : chunks.scoreDocs) {
                Document d = fields.document(sd.doc);
                String id = d.get(CHUNK_ID);
                chunkEntries.merge(id, 1, Integer::sum);
                BytesRef v = d.getBinaryValue(VECTOR_BYTES);
                if (v == null
                        || v.length != embedder.dimension() * Float.BYTES
                        || !embedder.modelId().equals(d.get(MODEL))) {
                    badVectors.add(id);
                }
            }
            Map<String, Integer> docEntries = new HashMap<>();
            Set<String> referenced = new HashSet<>();
            List<DocumentRecord> docs = loadDocs(s, new TermQuery(new Term(TYPE, TYPE_DOC)));
            for (DocumentRecord r : docs) {
                docEntries.merge(r.documentId(), 1, Integer::sum);
            }
            List<String> dangling = new ArrayList<>();
            for (DocumentRecord r : docs) {
                for (ChunkRef c : r.chunks()) {
                    referenced.add(c.chunkId());
                    if (!chunkEntries.containsKey(c.chunkId())) {
                        dangling.add(r.documentId() + " -> " + c.chunkId());
                    }
                }
                if (r.parentDocumentId() != null && !docEntries.containsKey(r.parentDocumentId())) {
                    dangling.add(r.documentId() + " -> parent " + r.parentDocumentId());
                }
            }
            List<String> orphans = chunkEntries.keySet().stream()
                    .filter(id -> !referenced.contains(id))
                    .sorted()
                    .toList();
            List<String> duplicates = new ArrayList<>();
            chunkEntries.forEach((id, n) -> {
                if (n > 1) duplicates.add("chunk " + id + " x" + n);
            });
            docEntries.forEach((id, n) -> {
                if (n > 1) duplicates.add("document " + id + " x" + n);
            });
            java.util.Collections.sort(duplicates);
            java.util.Collections.sort(dangling);
            java.util.Collections.sort(badVectors);
            boolean ok = orphans.isEmpty() && dangling.isEmpty() && duplicates.isEmpty() && badVectors.isEmpty();
            return new ConsistencyReport(
                    ok, indexVersion, docs.size(), chunks.scoreDocs.length, orphans, dangling, duplicates, badVectors);
        });
    }

    @Override
    public List<String> sourceIds(String prefix) {
        return read(s -> {
            Query q = new BooleanQuery.Builder()
                    .add(new org.apache.lucene.search.PrefixQuery(new Term(SOURCE_ID, prefix)), Occur.MUST)
                    .add(new TermQuery(new Term(TYPE, TYPE_DOC)), Occur.FILTER)
                    .build();
            TopDocs top = s.search(q, Math.max(1, s.count(q)));
            Set<String> ids = new TreeSet<>();
            StoredFields fields = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                ids.add(fields.document(sd.doc, Set.of(SOURCE_ID)).get(SOURCE_ID));
            }
            return List.copyOf(ids);
        });
    }

    private record Scored(int doc, float score) {}

    private static Query filter(String sourceId, String contentType, String language) {
        BooleanQuery.Builder b =
                new BooleanQuery.Builder().add(new TermQuery(new Term(TYPE, TYPE_CHUNK)), Occur.FILTER);
        if (sourceId != null || contentType != null || language != null) {
            b.add(new TermQuery(new Term(FILTER, filterKey(sourceId, contentType, language))), Occur.FILTER);
        }
        return b.build();
    }

    private List<Scored> keyword(IndexSearcher s, String query, Query filter, int n) throws IOException {
        Query text = new QueryBuilder(analyzer).createBooleanQuery(TEXT, query, Occur.SHOULD);
        if (text == null) {
            return List.of();
        }
        Query q = new BooleanQuery.Builder()
                .add(text, Occur.MUST)
                .add(filter, Occur.FILTER)
                .build();
        return scored(s.search(q, n));
    }

    private static List<Scored> vector(IndexSearcher s, float[] v, Query filter, int n) throws IOException {
        return scored(s.search(new KnnFloatVectorQuery(VECTOR, v, n, filter), n));
    }

    private static List<Scored> scored(TopDocs top) {
        List<Scored> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(new Scored(sd.doc, sd.score));
        }
        return out;
    }

    /** Reciprocal rank fusion (k = 60); ties broken by Lucene doc order for determinism. */
    private static List<Scored> fuse(List<Scored> a, List<Scored> b, int k) {
        Map<Integer, Float> scores = new HashMap<>();
        for (List<Scored> list : List.of(a, b)) {
            for (int rank = 0; rank < list.size(); rank++) {
                scores.merge(list.get(rank).doc(), 1f / (RRF_K + rank + 1), Float::sum);
            }
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<Integer, Float>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(k)
                .map(e -> new Scored(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public IndexStats stats() {
        return new IndexStats(indexVersion, documentCount, chunkCount, embedder.modelId(), embedder.dimension());
    }

    @FunctionalInterface
    private interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T read(Read<T> body) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return body.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("index read failed", e);
        }
    }

    // ------------------------------------------------------------------ replication (model change)

    /** Every document record of the current version. */
    List<DocumentRecord> allDocuments() {
        return read(s -> loadDocs(s, new TermQuery(new Term(TYPE, TYPE_DOC))));
    }

    /** The stored texts of these chunks (missing ones are absent from the map). */
    Map<String, String> chunkTexts(java.util.Collection<String> ids) {
        return read(s -> {
            Map<String, String> out = new HashMap<>();
            for (String id : ids) {
                StoredChunk c = loadChunk(s, id);
                if (c != null) {
                    out.put(id, c.text());
                }
            }
            return out;
        });
    }

    long currentVersion() {
        return indexVersion;
    }

    /**
     * Makes this index hold exactly {@code records}, embedding with this index's model the chunks it has no vector
     * for (texts from {@code texts}). Only for an index nothing else writes to (a shadow being built). Commits as
     * {@code version} when {@code commit}; otherwise the changes stay pending (visible to this index's reads).
     *
     * @param embedded called with the number of chunks embedded so far
     */
    void replicate(
            Map<String, DocumentRecord> records,
            java.util.function.Function<java.util.Collection<String>, Map<String, String>> texts,
            boolean commit,
            long version,
            String change,
            java.util.function.IntConsumer embedded) {
        writeLock.lock();
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                Map<String, DocumentRecord> mine = new HashMap<>();
                for (DocumentRecord r : loadDocs(searcher, new TermQuery(new Term(TYPE, TYPE_DOC)))) {
                    mine.put(r.documentId(), r);
                }
                Set<String> affected = new TreeSet<>();
                List<DocumentRecord> changed = new ArrayList<>();
                for (DocumentRecord r : records.values()) {
                    DocumentRecord old = mine.get(r.documentId());
                    if (!r.equals(old)) {
                        changed.add(r);
                        r.chunks().forEach(c -> affected.add(c.chunkId()));
                        if (old != null) {
                            old.chunks().forEach(c -> affected.add(c.chunkId()));
                        }
                    }
                }
                List<String> removed = new ArrayList<>();
                for (DocumentRecord old : mine.values()) {
                    if (!records.containsKey(old.documentId())) {
                        removed.add(old.documentId());
                        old.chunks().forEach(c -> affected.add(c.chunkId()));
                    }
                }
                Map<String, List<DocumentRecord>> referrers = new HashMap<>();
                for (DocumentRecord r : records.values()) {
                    for (ChunkRef c : r.chunks()) {
                        if (affected.contains(c.chunkId())) {
                            List<DocumentRecord> list = referrers.computeIfAbsent(c.chunkId(), k -> new ArrayList<>());
                            if (list.isEmpty() || list.get(list.size() - 1) != r) {
                                list.add(r);
                            }
                        }
                    }
                }
                List<String> toEmbed = new ArrayList<>();
                Map<String, StoredChunk> stored = new HashMap<>();
                for (String id : affected) {
                    StoredChunk sc = loadChunk(searcher, id);
                    if (sc != null) {
                        stored.put(id, sc);
                    }
                    if (referrers.containsKey(id) && (sc == null || !sc.model().equals(embedder.modelId()))) {
                        toEmbed.add(id);
                    } else if (!referrers.containsKey(id) && sc != null) {
                        writer.deleteDocuments(new Term(CHUNK_ID, id));
                    }
                }
                int done = 0;
                for (int from = 0; from < toEmbed.size(); from += 64) {
                    List<String> batch = toEmbed.subList(from, Math.min(toEmbed.size(), from + 64));
                    Map<String, String> batchTexts = texts.apply(batch);
                    List<String> inOrder = new ArrayList<>(batch.size());
                    for (String id : batch) {
                        String t = batchTexts.get(id);
                        if (t == null) {
                            throw new IllegalStateException("no text for chunk " + id + " while rebuilding");
                        }
                        inOrder.add(t);
                    }
                    List<float[]> vectors = embedder.embedAll(inOrder);
                    for (int i = 0; i < batch.size(); i++) {
                        writeChunk(batch.get(i), inOrder.get(i), vectors.get(i), referrers.get(batch.get(i)));
                    }
                    done += batch.size();
                    embedded.accept(done);
                }
                for (String id : affected) {
                    StoredChunk sc = stored.get(id);
                    if (referrers.containsKey(id) && sc != null && sc.model().equals(embedder.modelId())) {
                        writeChunk(id, sc.text(), sc.vector(), referrers.get(id));
                    }
                }
                for (DocumentRecord r : changed) {
                    writer.updateDocument(new Term(DOC_ID, r.documentId()), docEntry(r));
                }
                for (String id : removed) {
                    writer.deleteDocuments(new Term(DOC_ID, id));
                }
            } finally {
                searchers.release(searcher);
            }
            searchers.maybeRefreshBlocking();
            IndexSearcher after = searchers.acquire();
            int docs;
            int chunks;
            try {
                docs = after.count(new TermQuery(new Term(TYPE, TYPE_DOC)));
                chunks = after.count(new TermQuery(new Term(TYPE, TYPE_CHUNK)));
            } finally {
                searchers.release(after);
            }
            if (commit) {
                commitAs(version, docs, chunks, change);
            }
        } catch (IOException e) {
            discardUncommitted(e);
            throw new UncheckedIOException("rebuilding the index failed", e);
        } catch (RuntimeException e) {
            discardUncommitted(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    private void writeChunk(String id, String text, float[] vector, List<DocumentRecord> referrers) throws IOException {
        writer.updateDocument(new Term(CHUNK_ID, id), chunkEntry(id, text, vector, filterKeys(referrers)));
    }

    /** The model and version of the last commit in {@code dir}, without opening a writer; empty for no index. */
    static Optional<Map<String, String>> lastCommitData(Path dir) {
        try (Directory d = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(d)) {
                return Optional.empty();
            }
            List<IndexCommit> commits = DirectoryReader.listCommits(d);
            return Optional.of(Map.copyOf(commits.get(commits.size() - 1).getUserData()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index in " + dir, e);
        }
    }

    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            synchronized (versionReaders) {
                for (DirectoryReader r : versionReaders.values()) {
                    r.decRef();
                }
                versionReaders.clear();
            }
            searchers.close();
            writer.close();
            directory.close();
        } finally {
            writeLock.unlock();
        }
    }
}
