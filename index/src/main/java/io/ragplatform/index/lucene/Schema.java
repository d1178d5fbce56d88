package io.ragplatform.index.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.ingest.TextLanguages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The on-disk layout of the index: two kinds of Lucene documents in one index, and how each is encoded.
 *
 * <ul>
 *   <li>a <b>chunk entry</b> per chunk ID: the text (BM25), an HNSW vector, the vector's bytes (to reuse it without
 *       embedding again), the model that made it, and the {@link FilterKeys filter terms} of the documents that
 *       reference it; its languages, its text analyzed for Chinese when it holds Chinese, and a vector (with its
 *       bytes) per language model whose language it holds;
 *   <li>a <b>document entry</b> per document ID: its source, the chunk IDs it references, and the record as JSON
 *       (its {@code acl} among the fields; a record without one, stored before acls existed, reads as public).
 * </ul>
 *
 * Field names are part of the stored format: changing one makes existing indexes unreadable.
 */
final class Schema {
    static final String TYPE = "type";
    static final String TYPE_CHUNK = "chunk";
    static final String TYPE_DOC = "doc";
    // chunk entries
    static final String CHUNK_ID = "cid";
    static final String TEXT = "text";
    static final String VECTOR = "vec";
    static final String VECTOR_BYTES = "vecbin";
    static final String MODEL = "model";
    /**
     * Filter terms, one per (document, combination of sourceId, content type, language) and one more per acl group of
     * the document: see {@link FilterKeys}.
     */
    static final String FILTER = "filter";
    /** The chunk's languages ({@link io.ragplatform.ingest.TextLanguages}), stored and searchable. */
    static final String LANGUAGE = "lang";
    /** The text analyzed for Chinese (CJK bigrams), on chunks whose languages include {@code zh}. */
    static final String TEXT_ZH = "text_zh";
    /** Prefix of a language model's vector field and of its stored bytes: {@code vec:bge-small-zh-v15-q}. */
    private static final String MODEL_VECTOR = "vec:";

    private static final String MODEL_VECTOR_BYTES = "vecbin:";
    // document entries
    static final String DOC_ID = "did";
    static final String SOURCE_ID = "sourceId";
    static final String REF = "ref";
    static final String RECORD = "record";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Schema() {}

    /**
     * A chunk entry as stored: its text, the model and bytes of its vector, its filter terms, and the vectors of
     * language models by model ID ({@link io.ragplatform.index.Embedder#languageModels()}).
     */
    record StoredChunk(
            String text, String model, float[] vector, Set<String> filterKeys, Map<String, float[]> languageVectors) {
        StoredChunk(String text, String model, float[] vector, Set<String> filterKeys) {
            this(text, model, vector, filterKeys, Map.of());
        }
    }

    /**
     * The analyzer of each text field: English (stemming) for {@link #TEXT}, CJK bigrams for {@link #TEXT_ZH} (chosen by
     * measurement against unigrams and the ICU tokenizer, docs/BENCHMARKS.md).
     */
    static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(TEXT_ZH, new CJKAnalyzer()));
    }

    /** The vector field of a language model's vectors (dimension per model). */
    static String vectorField(String modelId) {
        return MODEL_VECTOR + modelId;
    }

    static Query chunks() {
        return new TermQuery(new Term(TYPE, TYPE_CHUNK));
    }

    static Query documents() {
        return new TermQuery(new Term(TYPE, TYPE_DOC));
    }

    static Term chunkKey(String chunkId) {
        return new Term(CHUNK_ID, chunkId);
    }

    static Term documentKey(String documentId) {
        return new Term(DOC_ID, documentId);
    }

    static Query ofSource(String sourceId) {
        return new TermQuery(new Term(SOURCE_ID, sourceId));
    }

    static Query referencing(String chunkId) {
        return new TermQuery(new Term(REF, chunkId));
    }

    static Document chunkEntry(String id, String text, float[] vector, String model, Set<String> filterKeys) {
        return chunkEntry(id, text, vector, model, filterKeys, Map.of());
    }

    /**
     * A chunk entry with its languages (by script), its Chinese-analyzed text when it holds Chinese, and the vectors of
     * language models.
     */
    static Document chunkEntry(
            String id,
            String text,
            float[] vector,
            String model,
            Set<String> filterKeys,
            Map<String, float[]> languageVectors) {
        Document d = new Document();
        List<String> languages = TextLanguages.of(text);
        languages.forEach(l -> d.add(new StringField(LANGUAGE, l, Field.Store.YES)));
        if (languages.contains(TextLanguages.CHINESE)) {
            d.add(new TextField(TEXT_ZH, text, Field.Store.NO));
        }
        new TreeMap<>(languageVectors).forEach((modelId, v) -> {
            d.add(new KnnFloatVectorField(vectorField(modelId), v, VectorSimilarityFunction.COSINE));
            d.add(new StoredField(MODEL_VECTOR_BYTES + modelId, new BytesRef(toBytes(v))));
        });
        d.add(new StringField(TYPE, TYPE_CHUNK, Field.Store.NO));
        d.add(new StringField(CHUNK_ID, id, Field.Store.YES));
        d.add(new TextField(TEXT, text, Field.Store.YES));
        d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        d.add(new StoredField(VECTOR_BYTES, new BytesRef(toBytes(vector))));
        d.add(new StringField(MODEL, model, Field.Store.YES));
        filterKeys.forEach(k -> d.add(new StringField(FILTER, k, Field.Store.YES)));
        return d;
    }

    static Document documentEntry(DocumentRecord r) {
        Document d = new Document();
        d.add(new StringField(TYPE, TYPE_DOC, Field.Store.NO));
        d.add(new StringField(DOC_ID, r.documentId(), Field.Store.YES));
        d.add(new StringField(SOURCE_ID, r.sourceId(), Field.Store.YES));
        new LinkedHashSet<>(r.chunks().stream().map(ChunkRef::chunkId).toList())
                .forEach(id -> d.add(new StringField(REF, id, Field.Store.NO)));
        try {
            d.add(new StoredField(RECORD, new BytesRef(JSON.writeValueAsBytes(r))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise document record " + r.documentId(), e);
        }
        return d;
    }

    /** The chunk entry of this ID, or null. */
    static StoredChunk loadChunk(IndexSearcher searcher, String chunkId) throws IOException {
        TopDocs top = searcher.search(new TermQuery(chunkKey(chunkId)), 1);
        if (top.scoreDocs.length == 0) {
            return null;
        }
        return readChunk(searcher.storedFields().document(top.scoreDocs[0].doc));
    }

    /** A chunk entry's stored fields, decoded. */
    static StoredChunk readChunk(Document d) {
        Map<String, float[]> languageVectors = new TreeMap<>();
        for (IndexableField f : d.getFields()) {
            if (f.name().startsWith(MODEL_VECTOR_BYTES)) {
                languageVectors.put(f.name().substring(MODEL_VECTOR_BYTES.length()), toFloats(f.binaryValue()));
            }
        }
        return new StoredChunk(
                d.get(TEXT),
                d.get(MODEL),
                toFloats(d.getBinaryValue(VECTOR_BYTES)),
                values(d, FILTER),
                languageVectors);
    }

    /** The languages stored on a chunk entry (none on entries written before chunk languages existed). */
    static List<String> languages(Document d) {
        return List.copyOf(values(d, LANGUAGE));
    }

    /** The stored texts of these chunks (missing ones are absent from the map). */
    static Map<String, String> chunkTexts(IndexSearcher searcher, Collection<String> ids) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String id : ids) {
            StoredChunk c = loadChunk(searcher, id);
            if (c != null) {
                out.put(id, c.text());
            }
        }
        return out;
    }

    /** The records of the document entries {@code query} matches. */
    static List<DocumentRecord> loadDocuments(IndexSearcher searcher, Query query) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(documents(), Occur.FILTER)
                .build();
        // one pass over each segment's matches, in index order, without scores: an idle sync asks this once per file,
        // and counting the hits before collecting them (or scoring them) doubled its cost
        Weight weight = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1);
        List<DocumentRecord> out = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            StoredFields fields = leaf.reader().storedFields();
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live == null || live.get(doc)) {
                    out.add(readRecord(fields.document(doc)));
                }
            }
        }
        return out;
    }

    /** The document entry with this ID, if stored. */
    static Optional<DocumentRecord> document(IndexSearcher searcher, String documentId) throws IOException {
        return loadDocuments(searcher, new TermQuery(documentKey(documentId))).stream()
                .findFirst();
    }

    /** The source's documents: the file's own document first, then embedded ones by path ("/2" before "/10"). */
    static List<DocumentRecord> documentsOfSource(IndexSearcher searcher, String sourceId) throws IOException {
        List<DocumentRecord> docs = new ArrayList<>(loadDocuments(searcher, ofSource(sourceId)));
        docs.sort(
                Comparator.comparing((DocumentRecord r) -> !r.path().isEmpty()).thenComparing(r -> pathKey(r.path())));
        return docs;
    }

    private static String pathKey(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/")) {
            sb.append(String.format(Locale.ROOT, "%10s", part)).append('/');
        }
        return sb.toString();
    }

    /** The source IDs of document entries that start with {@code prefix}, sorted. */
    static List<String> sourceIds(IndexSearcher searcher, String prefix) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(new PrefixQuery(new Term(SOURCE_ID, prefix)), Occur.MUST)
                .add(documents(), Occur.FILTER)
                .build();
        TopDocs top = searcher.search(q, Math.max(1, searcher.count(q)));
        Set<String> ids = new TreeSet<>();
        StoredFields fields = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            ids.add(fields.document(sd.doc, Set.of(SOURCE_ID)).get(SOURCE_ID));
        }
        return List.copyOf(ids);
    }

    static DocumentRecord readRecord(Document d) {
        BytesRef b = d.getBinaryValue(RECORD);
        try {
            return JSON.readValue(b.bytes, b.offset, b.length, DocumentRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt document record " + d.get(DOC_ID), e);
        }
    }

    private static Set<String> values(Document d, String field) {
        Set<String> out = new TreeSet<>();
        for (IndexableField f : d.getFields(field)) {
            out.add(f.stringValue());
        }
        return out;
    }

    /** A vector as stored: little-endian IEEE 754 floats. */
    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] toFloats(BytesRef bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / Float.BYTES];
        b.asFloatBuffer().get(v);
        return v;
    }
}
