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
    static final String SOURCE = "src";
    static final String CONTENT_TYPE = "ctype";
    static final String LANGUAGE = "lang";
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

    private static final int RRF_K = 60;

    private final Directory directory;
    // replaced only under writeLock, after a failed write
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Embedder embedder;
    private final String pipelineVersion;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile long indexVersion;

    private LuceneRagIndex(Directory directory, IndexWriter writer, Embedder embedder, String pipelineVersion) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.embedder = embedder;
        this.pipelineVersion = pipelineVersion;
        this.searchers = new SearcherManager(writer, true, false, null);
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        this.indexVersion = Long.parseLong(data.getOrDefault(COMMIT_VERSION, "0"));
        String model = data.get(COMMIT_MODEL);
        if (model != null && !model.equals(embedder.modelId())) {
            throw new IllegalStateException("the index under this data directory holds vectors of embedding model '" + model
                    + "' but the configured model is '" + embedder.modelId() + "'; configure '" + model
                    + "' again or use a new data directory (a shadow rebuild for model changes is not implemented yet)");
        }
    }

    static LuceneRagIndex open(Path dir, Embedder embedder, String pipelineVersion) {
        try {
            Directory directory = FSDirectory.open(dir);
            IndexWriter writer = new IndexWriter(directory, writerConfig());
            return new LuceneRagIndex(directory, writer, embedder, pipelineVersion);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index in " + dir, e);
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public UpsertResult upsert(PreparedUpload upload) {
        // the expensive part runs before the lock, so that uploads of new text embed in parallel
        Map<String, float[]> precomputed = embedMissing(upload);
        writeLock.lock();
        try {
            return doUpsert(upload, precomputed);
        } catch (IOException e) {
            discardUncommitted(e);
            throw new UncheckedIOException("index write failed; nothing of this upload was stored", e);
        } catch (RuntimeException e) {
            discardUncommitted(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops every change since the last commit, so that a failed upload leaves no trace, and reopens the writer. */
    private void discardUncommitted(Exception cause) {
        try {
            searchers.close();
            writer.rollback();
            writer = new IndexWriter(directory, writerConfig());
            searchers = new SearcherManager(writer, true, false, null);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static IndexWriterConfig writerConfig() {
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCommitOnClose(false);
        return config;
    }

    /** Embeds the upload's chunks that have no vector of the current model in the last commit. */
    private Map<String, float[]> embedMissing(PreparedUpload upload) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (PreparedDocument d : upload.documents()) {
            for (Chunk c : d.chunks()) {
                texts.putIfAbsent(c.id(), c.text());
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
            List<float[]> embedded = embedder.embedAll(missing.stream().map(texts::get).toList());
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), embedded.get(i));
            }
        }
        return vectors;
    }

    private UpsertResult doUpsert(PreparedUpload upload, Map<String, float[]> precomputed) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            Map<String, DocumentRecord> existing = new LinkedHashMap<>();
            for (DocumentRecord r : loadDocs(searcher, new TermQuery(new Term(SOURCE_ID, upload.sourceId())))) {
                existing.put(r.documentId(), r);
            }
            // decide each document's fate
            List<DocumentOutcome> outcomes = new ArrayList<>();
            Map<String, DocumentRecord> toWrite = new LinkedHashMap<>();
            Set<String> affectedChunks = new TreeSet<>();
            Set<String> newIds = new HashSet<>();
            for (PreparedDocument d : upload.documents()) {
                newIds.add(d.documentId());
                DocumentRecord old = existing.get(d.documentId());
                List<ChunkRef> refs = d.chunks().stream().map(c -> new ChunkRef(c.id(), c.charStart(), c.charEnd(), c.page())).toList();
                List<String> newChunkIds = refs.stream().map(ChunkRef::chunkId).toList();
                boolean contentChanged = old == null || !old.contentHash().equals(d.contentHash())
                        || !old.chunks().stream().map(ChunkRef::chunkId).toList().equals(newChunkIds);
                boolean metadataChanged = old == null || !old.metadataHash().equals(d.metadataHash())
                        || !Objects.equals(old.parentDocumentId(), d.parentDocumentId());
                int version = old == null ? 1 : contentChanged ? old.version() + 1 : old.version();
                Set<String> oldSet = old == null ? Set.of() : new HashSet<>(old.chunks().stream().map(ChunkRef::chunkId).toList());
                Set<String> newSet = new HashSet<>(newChunkIds);
                int added = (int) newChunkIds.stream().filter(id -> !oldSet.contains(id)).count();
                int unchanged = newChunkIds.size() - added;
                int removed = old == null ? 0 : (int) old.chunks().stream().filter(c -> !newSet.contains(c.chunkId())).count();
                DocumentOutcome.Status status = old == null ? DocumentOutcome.Status.CREATED
                        : (contentChanged || metadataChanged) ? DocumentOutcome.Status.UPDATED : DocumentOutcome.Status.UNCHANGED;
                outcomes.add(new DocumentOutcome(d.documentId(), d.sourceId(), d.path(), d.parentDocumentId(), version, status,
                        d.contentHash(), newChunkIds.size(), added, removed, unchanged, 0, contentChanged, metadataChanged));
                if (status != DocumentOutcome.Status.UNCHANGED) {
                    toWrite.put(d.documentId(), new DocumentRecord(d.documentId(), d.sourceId(), d.path(), d.parentDocumentId(),
                            d.contentType(), d.language(), version, d.contentHash(), d.metadataHash(), d.properties(), d.metadata(),
                            d.textLength(), refs, old == null ? now : old.ingestedAt(), now));
                    affectedChunks.addAll(newSet);
                    affectedChunks.addAll(oldSet);
                }
            }
            List<DocumentRecord> toDelete = new ArrayList<>();
            for (DocumentRecord old : existing.values()) {
                if (!newIds.contains(old.documentId())) {
                    toDelete.add(old);
                    old.chunks().forEach(c -> affectedChunks.add(c.chunkId()));
                    outcomes.add(new DocumentOutcome(old.documentId(), old.sourceId(), old.path(), old.parentDocumentId(), old.version(),
                            DocumentOutcome.Status.DELETED, old.contentHash(), 0, 0, old.chunks().size(), 0, 0, true, false));
                }
            }
            if (toWrite.isEmpty() && toDelete.isEmpty()) {
                int reused = (int) upload.documents().stream().flatMap(d -> d.chunks().stream()).map(Chunk::id).distinct().count();
                return new UpsertResult(outcomes, indexVersion, 0, reused);
            }

            // the documents that reference each affected chunk once this upload is stored
            Map<String, DocumentRecord> after = new HashMap<>();
            for (DocumentRecord r : existing.values()) {
                if (newIds.contains(r.documentId())) {
                    after.put(r.documentId(), r);
                }
            }
            after.putAll(toWrite);
            Map<String, Chunk> uploadChunks = new LinkedHashMap<>();
            Map<String, String> firstDocOfChunk = new HashMap<>();
            for (PreparedDocument d : upload.documents()) {
                for (Chunk c : d.chunks()) {
                    uploadChunks.putIfAbsent(c.id(), c);
                    firstDocOfChunk.putIfAbsent(c.id(), d.documentId());
                }
            }

            // which chunks need a vector: not stored, or stored with another model
            Map<String, StoredChunk> stored = new HashMap<>();
            List<String> toEmbed = new ArrayList<>();
            for (String id : affectedChunks) {
                StoredChunk sc = loadChunk(searcher, id);
                if (sc != null) {
                    stored.put(id, sc);
                }
                boolean referencedAfter = uploadChunks.containsKey(id) && isReferencedByUpload(id, after);
                if (referencedAfter && (sc == null || !sc.model().equals(embedder.modelId()))) {
                    toEmbed.add(id);
                }
            }
            Map<String, float[]> vectors = new HashMap<>();
            List<String> late = new ArrayList<>();
            for (String id : toEmbed) {
                float[] v = precomputed.get(id);
                if (v != null) {
                    vectors.put(id, v);
                } else {
                    // a concurrent upload removed the chunk after this one looked
                    late.add(id);
                }
            }
            if (!late.isEmpty()) {
                List<float[]> embedded = embedder.embedAll(late.stream().map(id -> uploadChunks.get(id).text()).toList());
                for (int i = 0; i < late.size(); i++) {
                    vectors.put(late.get(i), embedded.get(i));
                }
            }
            Map<String, Integer> embeddedPerDoc = new HashMap<>();
            for (String id : toEmbed) {
                embeddedPerDoc.merge(firstDocOfChunk.get(id), 1, Integer::sum);
            }

            // chunk entries: drop unreferenced ones, (re)write those whose vector or filter values change
            for (String id : affectedChunks) {
                List<DocumentRecord> referrers = referrers(searcher, id, upload.sourceId(), after);
                if (referrers.isEmpty()) {
                    if (stored.containsKey(id)) {
                        writer.deleteDocuments(new Term(CHUNK_ID, id));
                    }
                    continue;
                }
                Set<String> sources = new TreeSet<>();
                Set<String> types = new TreeSet<>();
                Set<String> langs = new TreeSet<>();
                for (DocumentRecord r : referrers) {
                    sources.add(r.sourceId());
                    types.add(r.contentType());
                    langs.add(r.language());
                }
                StoredChunk sc = stored.get(id);
                float[] vector = vectors.get(id);
                if (vector == null && sc != null && sc.sources().equals(sources) && sc.types().equals(types) && sc.langs().equals(langs)) {
                    continue;
                }
                String text = sc != null ? sc.text() : uploadChunks.get(id).text();
                writer.updateDocument(new Term(CHUNK_ID, id), chunkEntry(id, text, vector != null ? vector : sc.vector(), sources, types, langs));
            }
            // document entries
            for (DocumentRecord r : toWrite.values()) {
                writer.updateDocument(new Term(DOC_ID, r.documentId()), docEntry(r));
            }
            for (DocumentRecord r : toDelete) {
                writer.deleteDocuments(new Term(DOC_ID, r.documentId()));
            }
            long next = indexVersion + 1;
            Map<String, String> commitData = new LinkedHashMap<>();
            commitData.put(COMMIT_VERSION, Long.toString(next));
            commitData.put(COMMIT_MODEL, embedder.modelId());
            commitData.put(COMMIT_DIMENSION, Integer.toString(embedder.dimension()));
            commitData.put(COMMIT_PIPELINE, pipelineVersion);
            commitData.put("rag.committedAt", now);
            writer.setLiveCommitData(commitData.entrySet());
            writer.commit();
            indexVersion = next;
            searchers.maybeRefreshBlocking();

            List<DocumentOutcome> withEmbedded = new ArrayList<>(outcomes.size());
            for (DocumentOutcome o : outcomes) {
                int e = embeddedPerDoc.getOrDefault(o.documentId(), 0);
                withEmbedded.add(e == 0 ? o : new DocumentOutcome(o.documentId(), o.sourceId(), o.path(), o.parentDocumentId(), o.version(),
                        o.status(), o.contentHash(), o.total(), o.added(), o.removed(), o.unchanged(), e, o.contentChanged(), o.metadataChanged()));
            }
            return new UpsertResult(withEmbedded, next, precomputed.size() + late.size(), uploadChunks.size() - toEmbed.size());
        } finally {
            searchers.release(searcher);
        }
    }

    private static boolean isReferencedByUpload(String chunkId, Map<String, DocumentRecord> after) {
        for (DocumentRecord r : after.values()) {
            for (ChunkRef c : r.chunks()) {
                if (c.chunkId().equals(chunkId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Documents referencing the chunk after the upload: other sources' documents as stored, this source's as they will be. */
    private List<DocumentRecord> referrers(IndexSearcher searcher, String chunkId, String sourceId, Map<String, DocumentRecord> after) throws IOException {
        List<DocumentRecord> out = new ArrayList<>();
        for (DocumentRecord r : loadDocs(searcher, new TermQuery(new Term(REF, chunkId)))) {
            if (!r.sourceId().equals(sourceId)) {
                out.add(r);
            }
        }
        for (DocumentRecord r : after.values()) {
            if (r.chunks().stream().anyMatch(c -> c.chunkId().equals(chunkId))) {
                out.add(r);
            }
        }
        return out;
    }

    private Document chunkEntry(String id, String text, float[] vector, Set<String> sources, Set<String> types, Set<String> langs) {
        Document d = new Document();
        d.add(new StringField(TYPE, TYPE_CHUNK, Field.Store.NO));
        d.add(new StringField(CHUNK_ID, id, Field.Store.YES));
        d.add(new TextField(TEXT, text, Field.Store.YES));
        d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        d.add(new StoredField(VECTOR_BYTES, new BytesRef(toBytes(vector))));
        d.add(new StringField(MODEL, embedder.modelId(), Field.Store.YES));
        sources.forEach(s -> d.add(new StringField(SOURCE, s, Field.Store.YES)));
        types.forEach(s -> d.add(new StringField(CONTENT_TYPE, s, Field.Store.YES)));
        langs.forEach(s -> d.add(new StringField(LANGUAGE, s, Field.Store.YES)));
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

    private record StoredChunk(String text, String model, float[] vector, Set<String> sources, Set<String> types, Set<String> langs) {}

    private StoredChunk loadChunk(IndexSearcher searcher, String chunkId) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(CHUNK_ID, chunkId)), 1);
        if (top.scoreDocs.length == 0) {
            return null;
        }
        Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
        return new StoredChunk(d.get(TEXT), d.get(MODEL), toFloats(d.getBinaryValue(VECTOR_BYTES)),
                values(d, SOURCE), values(d, CONTENT_TYPE), values(d, LANGUAGE));
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
        return read(s -> loadDocs(s, new TermQuery(new Term(DOC_ID, documentId))).stream().findFirst());
    }

    @Override
    public List<DocumentRecord> documentsOfSource(String sourceId) {
        return read(s -> {
            List<DocumentRecord> docs = new ArrayList<>(loadDocs(s, new TermQuery(new Term(SOURCE_ID, sourceId))));
            docs.sort(Comparator.comparing((DocumentRecord r) -> !r.path().isEmpty()).thenComparing(r -> pathKey(r.path())));
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
            return Optional.of(new ChunkRecord(chunkId, d.get(TEXT), d.get(MODEL), occurrences(s, chunkId, null)));
        });
    }

    private List<Occurrence> occurrences(IndexSearcher s, String chunkId, SearchRequest filter) throws IOException {
        List<Occurrence> out = new ArrayList<>();
        for (DocumentRecord r : loadDocs(s, new TermQuery(new Term(REF, chunkId)))) {
            if (filter != null && !matches(filter, r)) {
                continue;
            }
            for (ChunkRef c : r.chunks()) {
                if (c.chunkId().equals(chunkId)) {
                    out.add(new Occurrence(r.documentId(), r.sourceId(), c.charStart(), c.charEnd(), c.page()));
                }
            }
        }
        out.sort(Comparator.comparing(Occurrence::sourceId).thenComparing(Occurrence::documentId).thenComparingInt(Occurrence::charStart));
        return out;
    }

    private static boolean matches(SearchRequest f, DocumentRecord r) {
        return (f.sourceId() == null || f.sourceId().equals(r.sourceId()))
                && (f.contentType() == null || f.contentType().equals(r.contentType()))
                && (f.language() == null || f.language().equals(r.language()));
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return read(s -> {
            long version = indexVersion;
            Query filter = filter(request);
            int candidates = Math.max(50, request.k() * 4);
            List<Scored> ranked = switch (request.mode()) {
                case KEYWORD -> keyword(s, request.query(), filter, request.k());
                case VECTOR -> vector(s, request.query(), filter, request.k());
                case HYBRID -> fuse(keyword(s, request.query(), filter, candidates), vector(s, request.query(), filter, candidates), request.k());
            };
            List<SearchHit> hits = new ArrayList<>(ranked.size());
            StoredFields fields = s.storedFields();
            for (Scored r : ranked) {
                Document d = fields.document(r.doc());
                String id = d.get(CHUNK_ID);
                hits.add(new SearchHit(id, r.score(), d.get(TEXT), occurrences(s, id, request)));
            }
            return new SearchResults(hits, version);
        });
    }

    private record Scored(int doc, float score) {}

    private static Query filter(SearchRequest r) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(new TermQuery(new Term(TYPE, TYPE_CHUNK)), Occur.FILTER);
        if (r.sourceId() != null) {
            b.add(new TermQuery(new Term(SOURCE, r.sourceId())), Occur.FILTER);
        }
        if (r.contentType() != null) {
            b.add(new TermQuery(new Term(CONTENT_TYPE, r.contentType())), Occur.FILTER);
        }
        if (r.language() != null) {
            b.add(new TermQuery(new Term(LANGUAGE, r.language())), Occur.FILTER);
        }
        return b.build();
    }

    private List<Scored> keyword(IndexSearcher s, String query, Query filter, int n) throws IOException {
        Query text = new QueryBuilder(analyzer).createBooleanQuery(TEXT, query, Occur.SHOULD);
        if (text == null) {
            return List.of();
        }
        Query q = new BooleanQuery.Builder().add(text, Occur.MUST).add(filter, Occur.FILTER).build();
        return scored(s.search(q, n));
    }

    private List<Scored> vector(IndexSearcher s, String query, Query filter, int n) throws IOException {
        float[] v = embedder.embedQuery(query);
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
                .sorted(Map.Entry.<Integer, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(k)
                .map(e -> new Scored(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public IndexStats stats() {
        return read(s -> new IndexStats(indexVersion,
                s.count(new TermQuery(new Term(TYPE, TYPE_DOC))),
                s.count(new TermQuery(new Term(TYPE, TYPE_CHUNK))),
                embedder.modelId(), embedder.dimension()));
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

    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            searchers.close();
            writer.close();
            directory.close();
        } finally {
            writeLock.unlock();
        }
    }
}
