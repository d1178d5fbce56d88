package io.ragplatform.index.lucene;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.ChunkRecord;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Occurrence;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
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

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Embedder embedder;
    private final QueryEmbeddings queries;

    ChunkSearcher(Embedder embedder) {
        this.embedder = embedder;
        this.queries = new QueryEmbeddings(embedder, QueryEmbeddings.DEFAULT_CAPACITY);
    }

    /** The cache of query embeddings (tests and benchmarks read its hits and misses). */
    QueryEmbeddings queryEmbeddings() {
        return queries;
    }

    private record Scored(int doc, float score) {}

    /** The request's filter, access scope included, restricts the candidates of every mode before they are ranked. */
    SearchResults search(IndexSearcher s, SearchRequest request, long version) throws IOException {
        Query filter = FilterKeys.query(request.filter(), s.getIndexReader());
        int candidates = Math.max(50, request.k() * 4);
        List<Scored> ranked = switch (request.mode()) {
            case KEYWORD -> keyword(s, request.query(), filter, request.k());
            case VECTOR -> vector(s, queries.embed(request.query()), filter, request.k());
            case HYBRID ->
                fuse(
                        keyword(s, request.query(), filter, candidates),
                        vector(s, queries.embed(request.query()), filter, candidates),
                        request.k());
        };
        return new SearchResults(hits(s, ranked, request.filter()), version);
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
                hits(s, vector(s, vector, FilterKeys.query(filter, s.getIndexReader()), k), filter), version);
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

    private List<Scored> keyword(IndexSearcher s, String query, Query filter, int n) throws IOException {
        Query text = new QueryBuilder(analyzer).createBooleanQuery(Schema.TEXT, query, Occur.SHOULD);
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
        return scored(s.search(new KnnFloatVectorQuery(Schema.VECTOR, v, n, filter), n));
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

    private static List<SearchHit> hits(IndexSearcher s, List<Scored> ranked, SearchFilter filter) throws IOException {
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        StoredFields fields = s.storedFields();
        for (Scored r : ranked) {
            Document d = fields.document(r.doc());
            String id = d.get(Schema.CHUNK_ID);
            hits.add(new SearchHit(id, r.score(), d.get(Schema.TEXT), occurrences(s, id, filter)));
        }
        return hits;
    }

    /**
     * Where the chunk occurs in documents that match the filter and its access scope may read, by source, document and
     * offset.
     */
    private static List<Occurrence> occurrences(IndexSearcher s, String chunkId, SearchFilter filter)
            throws IOException {
        List<Occurrence> out = new ArrayList<>();
        for (DocumentRecord r : Schema.loadDocuments(s, Schema.referencing(chunkId))) {
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
