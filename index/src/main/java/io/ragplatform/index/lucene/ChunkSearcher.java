package io.ragplatform.index.lucene;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.ChunkLineage;
import io.ragplatform.index.ChunkRecord;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Occurrence;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import io.ragplatform.ingest.TextLanguages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.QueryBuilder;

/**
 * Searches chunk entries of one index version (whatever searcher it is given): BM25 over the text, HNSW nearest
 * neighbours of the query embedding (the filter as the HNSW search's pre-filter), or both fused by reciprocal rank;
 * each hit with its occurrences in the documents that match the filter and its access scope may read. Thread-safe.
 */
final class ChunkSearcher {
    private static final int RRF_K = 60;
    /**
     * The weight in rank fusion of a keyword list that reads the Chinese-analyzed text; every other list weighs 1.
     * Measured on the Chinese set (docs/BENCHMARKS.md): 1 puts hybrid below keyword alone (0.958 against 0.965), 2
     * gives 0.967; English lists keep weight 1, so English rankings are exactly as before.
     */
    static final float CHINESE_KEYWORD_WEIGHT = 2f;

    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer chinese = new CJKAnalyzer();
    private final Embedder embedder;
    private final QueryEmbeddings queries;
    /** Per language with a model of its own: the model's vector field and its query embeddings. */
    private final Map<String, LanguageModel> languageModels = new TreeMap<>();
    /** Parsed document entries of live segments: each hit lists its occurrences from them. */
    private final DocumentRecordCache records = new DocumentRecordCache(DocumentRecordCache.DEFAULT_CAPACITY);

    private record LanguageModel(String field, QueryEmbeddings queries) {}

    ChunkSearcher(Embedder embedder) {
        this.embedder = embedder;
        this.queries = new QueryEmbeddings(embedder, QueryEmbeddings.DEFAULT_CAPACITY);
        embedder.languageModels()
                .forEach((language, model) -> languageModels.put(
                        language,
                        new LanguageModel(
                                Schema.vectorField(model.modelId()),
                                new QueryEmbeddings(model, QueryEmbeddings.DEFAULT_CAPACITY))));
    }

    /** The cache of query embeddings (tests and benchmarks read its hits and misses). */
    QueryEmbeddings queryEmbeddings() {
        return queries;
    }

    /** The cache of parsed document entries (tests and benchmarks read its hits and misses). */
    DocumentRecordCache documentRecords() {
        return records;
    }

    private record Scored(int doc, float score) {}

    /** A ranked list and its weight in fusion. */
    private record Ranked(List<Scored> hits, float weight) {}

    /** The request's filter, access scope included, restricts the candidates of every mode before they are ranked. */
    SearchResults search(IndexSearcher s, SearchRequest request, long version) throws IOException {
        Query filter = FilterKeys.query(request.filter(), s.getIndexReader());
        int candidates = Math.max(50, request.k() * 4);
        List<String> languages = TextLanguages.ofQuery(request.query());
        List<Scored> ranked = switch (request.mode()) {
            case KEYWORD ->
                keyword(s, request.query(), languages, filter, request.k()).hits();
            case VECTOR -> fuse(vectors(s, request.query(), languages, filter, request.k()), request.k());
            case HYBRID -> {
                List<Ranked> lists = new ArrayList<>();
                lists.add(keyword(s, request.query(), languages, filter, candidates));
                lists.addAll(vectors(s, request.query(), languages, filter, candidates));
                yield fuse(lists, request.k());
            }
        };
        return new SearchResults(hits(s, ranked, request.filter()), version);
    }

    /**
     * The nearest neighbours of the query by each model of its languages: a language with a model of its own
     * ({@link Embedder#languageModels()}) searches that model's field, every other language (and a query without
     * letters) the primary model's. A language model whose field this version lacks (an index written before it was
     * configured) gives way to the primary model.
     */
    private List<Ranked> vectors(IndexSearcher s, String query, List<String> languages, Query filter, int n)
            throws IOException {
        List<Ranked> lists = new ArrayList<>();
        boolean primary = languages.isEmpty();
        for (String language : languages) {
            LanguageModel m = languageModels.get(language);
            if (m != null && hasVectors(s, m.field())) {
                lists.add(new Ranked(vector(s, m.field(), m.queries().embed(query), filter, n), 1f));
            } else {
                primary = true;
            }
        }
        if (primary) {
            lists.add(new Ranked(vector(s, Schema.VECTOR, queries.embed(query), filter, n), 1f));
        }
        return lists;
    }

    private static boolean hasVectors(IndexSearcher s, String field) {
        for (var leaf : s.getIndexReader().leaves()) {
            if (leaf.reader().getFieldInfos().fieldInfo(field) != null) {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException when the vector is not of this index's dimension */
    void requireDimension(float[] vector) {
        if (vector.length != embedder.dimension()) {
            throw new IllegalArgumentException("a " + vector.length + "-dimensional vector cannot search an index of "
                    + embedder.dimension() + "-dimensional vectors (" + embedder.modelId() + ")");
        }
    }

    SearchResults searchVector(IndexSearcher s, float[] vector, int k, SearchFilter filter, long version)
            throws IOException {
        return new SearchResults(
                hits(s, vector(s, Schema.VECTOR, vector, FilterKeys.query(filter, s.getIndexReader()), k), filter),
                version);
    }

    /** The chunk with its occurrences in documents {@code access} may read; empty when it may read none of them. */
    Optional<ChunkRecord> chunk(IndexSearcher s, String chunkId, AccessScope access) throws IOException {
        TopDocs top = s.search(new TermQuery(Schema.chunkKey(chunkId)), 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        List<Occurrence> visible = occurrences(s, chunkId, SearchFilter.readableBy(access));
        if (visible.isEmpty() && !access.all()) {
            return Optional.empty();
        }
        Document d = s.storedFields().document(top.scoreDocs[0].doc);
        return Optional.of(new ChunkRecord(chunkId, d.get(Schema.TEXT), d.get(Schema.MODEL), visible));
    }

    /** The chunk's lineage in the searcher's version, as {@link #chunk} sees it for {@code access}. */
    Optional<ChunkLineage> lineage(IndexSearcher s, String chunkId, AccessScope access, long version)
            throws IOException {
        TopDocs top = s.search(new TermQuery(Schema.chunkKey(chunkId)), 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        SearchFilter readable = SearchFilter.readableBy(access);
        List<DocumentRecord> documents = new ArrayList<>();
        for (DocumentRecord r : records.load(s, Schema.referencing(chunkId))) {
            if (readable.matches(r)) {
                documents.add(r);
            }
        }
        if (documents.isEmpty() && !access.all()) {
            return Optional.empty();
        }
        documents.sort(Comparator.comparing(DocumentRecord::sourceId).thenComparing(DocumentRecord::documentId));
        Map<String, DocumentRecord> files = new HashMap<>();
        List<ChunkLineage.Appearance> appearances = new ArrayList<>();
        for (DocumentRecord r : documents) {
            DocumentRecord file = r.path().isEmpty() ? r : files.get(r.sourceId());
            if (file == null && !files.containsKey(r.sourceId())) {
                file = fileOf(s, r.sourceId());
                files.put(r.sourceId(), file);
            }
            List<ChunkRef> refs = r.chunks();
            for (int i = 0; i < refs.size(); i++) {
                ChunkRef c = refs.get(i);
                if (c.chunkId().equals(chunkId)) {
                    appearances.add(new ChunkLineage.Appearance(i, c.charStart(), c.charEnd(), c.page(), r, file));
                }
            }
        }
        Document d = s.storedFields().document(top.scoreDocs[0].doc);
        return Optional.of(new ChunkLineage(chunkId, d.get(Schema.TEXT), d.get(Schema.MODEL), version, appearances));
    }

    /** The uploaded file's own document of a source, or null. */
    private static DocumentRecord fileOf(IndexSearcher s, String sourceId) throws IOException {
        List<DocumentRecord> ofSource = Schema.documentsOfSource(s, sourceId);
        return ofSource.isEmpty() || !ofSource.get(0).path().isEmpty() ? null : ofSource.get(0);
    }

    /**
     * BM25 with the analyzers of the query's languages: Chinese (CJK bigrams) on the Chinese-analyzed text, every other
     * language on the English-analyzed text; a query of both scripts on both (scores summed). An index version without
     * Chinese-analyzed text (written before it existed) reads a Chinese query on the English-analyzed text, which holds
     * one token per Han character.
     */
    private Ranked keyword(IndexSearcher s, String query, List<String> languages, Query filter, int n)
            throws IOException {
        boolean zh = languages.contains(TextLanguages.CHINESE)
                && MultiTerms.getTerms(s.getIndexReader(), Schema.TEXT_ZH) != null;
        boolean other = !zh || languages.stream().anyMatch(l -> !l.equals(TextLanguages.CHINESE));
        BooleanQuery.Builder fields = new BooleanQuery.Builder();
        int clauses = 0;
        if (zh) {
            clauses += add(fields, new QueryBuilder(chinese).createBooleanQuery(Schema.TEXT_ZH, query, Occur.SHOULD));
        }
        if (other) {
            clauses += add(fields, new QueryBuilder(english).createBooleanQuery(Schema.TEXT, query, Occur.SHOULD));
        }
        if (clauses == 0) {
            return new Ranked(List.of(), 1f);
        }
        Query text = fields.build();
        Query q = new BooleanQuery.Builder()
                .add(text, Occur.MUST)
                .add(filter, Occur.FILTER)
                .build();
        return new Ranked(scored(s.search(q, n)), zh ? CHINESE_KEYWORD_WEIGHT : 1f);
    }

    private static int add(BooleanQuery.Builder b, Query q) {
        if (q == null) {
            return 0;
        }
        b.add(q, Occur.SHOULD);
        return 1;
    }

    private static List<Scored> vector(IndexSearcher s, String field, float[] v, Query filter, int n)
            throws IOException {
        return scored(s.search(new KnnFloatVectorQuery(field, v, n, filter), n));
    }

    private static List<Scored> scored(TopDocs top) {
        List<Scored> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(new Scored(sd.doc, sd.score));
        }
        return out;
    }

    /**
     * Weighted reciprocal rank fusion (k = 60): a list's weight over (60 + rank); ties broken by Lucene doc order for
     * determinism. A single list is returned as it is, with its own scores.
     */
    private static List<Scored> fuse(List<Ranked> lists, int k) {
        if (lists.size() == 1) {
            List<Scored> only = lists.get(0).hits();
            return only.size() <= k ? only : only.subList(0, k);
        }
        Map<Integer, Float> scores = new HashMap<>();
        for (Ranked list : lists) {
            for (int rank = 0; rank < list.hits().size(); rank++) {
                scores.merge(list.hits().get(rank).doc(), list.weight() / (RRF_K + rank + 1), Float::sum);
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

    private List<SearchHit> hits(IndexSearcher s, List<Scored> ranked, SearchFilter filter) throws IOException {
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        StoredFields fields = s.storedFields();
        for (Scored r : ranked) {
            Document d = fields.document(r.doc());
            String id = d.get(Schema.CHUNK_ID);
            hits.add(new SearchHit(id, r.score(), d.get(Schema.TEXT), occurrences(s, id, filter), Schema.languages(d)));
        }
        return hits;
    }

    /**
     * Where the chunk occurs in documents that match the filter and its access scope may read, by source, document and
     * offset.
     */
    private List<Occurrence> occurrences(IndexSearcher s, String chunkId, SearchFilter filter) throws IOException {
        List<Occurrence> out = new ArrayList<>();
        for (DocumentRecord r : records.load(s, Schema.referencing(chunkId))) {
            if (!filter.matches(r)) {
                continue;
            }
            for (ChunkRef c : r.chunks()) {
                if (c.chunkId().equals(chunkId)) {
                    out.add(new Occurrence(
                            r.documentId(), r.sourceId(), c.charStart(), c.charEnd(), c.page(), r.license()));
                }
            }
        }
        out.sort(Comparator.comparing(Occurrence::sourceId)
                .thenComparing(Occurrence::documentId)
                .thenComparingInt(Occurrence::charStart));
        return out;
    }
}
