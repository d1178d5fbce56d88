package io.ragplatform.index.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A <strong>read-only</strong> LangChain4j {@link EmbeddingStore} view of a {@link RagIndex}: vector search over the
 * index's chunks, e.g. behind LangChain4j's {@code EmbeddingStoreContentRetriever}. Thread-safe: it holds only the
 * index, whose reads run concurrently against the last committed version.
 *
 * <h2>Search</h2>
 * {@link #search} runs {@link RagIndex#searchVector} (HNSW, cosine) with the request's {@code maxResults} (at most
 * {@value SearchRequest#MAX_K}) and drops matches scoring below its {@code minScore}.
 * <ul>
 *   <li><b>Query embedding</b>: must come from the same model as the index (see {@code ragIndex.embedder().modelId()});
 *       a different dimension is rejected with {@link IllegalArgumentException}. A different model of the same
 *       dimension cannot be detected and gives meaningless neighbours.</li>
 *   <li><b>Score</b>: Lucene's cosine score {@code (1 + cos) / 2}, which is exactly LangChain4j's
 *       {@code RelevanceScore.fromCosineSimilarity(cos)}, in [0, 1]; so {@code minScore} means what it means for any
 *       LangChain4j store ({@code CosineSimilarity.fromRelevanceScore} gives the cosine back).</li>
 *   <li><b>Filter</b>: {@code metadataKey(k).isEqualTo("v")} for {@code k} in {@code sourceId}, {@code contentType},
 *       {@code language}, and {@code and(...)} of those, become the index's own filters: a chunk matches when some
 *       document containing it matches all of them (chunks the index returns with no such document are dropped, so a
 *       search may return fewer than {@code maxResults}). Any other filter throws
 *       {@link UnsupportedOperationException}; two different values for one key match nothing.</li>
 *   <li><b>Matches</b>: {@code embeddingId()} is the chunk ID; {@code embedded()} is a {@link TextSegment} with the chunk
 *       text and metadata {@code chunkId}, {@code indexVersion} and, of the chunk's first occurrence that matches the
 *       filter, {@code sourceId}, {@code documentId}, {@code charStart}, {@code charEnd} and {@code page} (only when
 *       known); {@code embedding()} is always {@code null} — the index does not hand out stored vectors (embed
 *       {@code embedded().text()} again if you need one).</li>
 * </ul>
 *
 * <h2>Access</h2>
 * A store reads as one {@link AccessScope}, given when it is constructed (the principal it serves; there is no
 * default): the index applies it inside the vector search as a pre-filter of the HNSW query, so {@code maxResults}
 * matches are matches the scope may read, and a segment cites only a document it may read. Pass
 * {@link AccessScope#ALL} explicitly for an unrestricted (admin) store.
 *
 * <h2>Writes</h2>
 * Every {@code add*} and {@code remove*} method throws {@link UnsupportedOperationException}: documents enter the
 * index through {@link RagIndex#upsert} (the service's uploads and source syncs), which derive chunk IDs from content, store and embed each
 * chunk once however many documents contain it, and keep documents, chunks and vectors in one atomic commit. Vectors
 * and segments added from outside would bypass all of that.
 */
public final class RagEmbeddingStore implements EmbeddingStore<TextSegment> {
    static final String READ_ONLY = "RagEmbeddingStore is a read-only view of the index: documents enter through "
            + "RagIndex.upsert or upsertAll (what the service's uploads and source syncs call), which keeps chunk identity "
            + "and deduplication (each chunk stored and embedded once per content-derived chunk ID, documents, chunks and "
            + "vectors committed together); they leave through RagIndex.delete or deleteSource";

    private final RagIndex index;
    private final AccessScope access;

    /** A view of {@code index} as {@code access} sees it; closing the index is the caller's business. */
    public RagEmbeddingStore(RagIndex index, AccessScope access) {
        this.index = Objects.requireNonNull(index, "index");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        Objects.requireNonNull(request, "request");
        float[] vector = request.queryEmbedding().vector();
        checkQueryVector(vector);
        if (request.maxResults() > SearchRequest.MAX_K) {
            throw new IllegalArgumentException(
                    "maxResults must be at most " + SearchRequest.MAX_K + "; was " + request.maxResults());
        }
        IndexFilter filter = IndexFilter.from(request.filter(), access);
        if (filter.unsatisfiable()) {
            return new EmbeddingSearchResult<>(List.of());
        }
        SearchResults results = index.searchVector(vector, request.maxResults(), filter.filter());
        List<EmbeddingMatch<TextSegment>> matches =
                new ArrayList<>(results.results().size());
        for (SearchHit hit : results.results()) {
            double score = hit.score();
            if (score >= request.minScore() && Segments.hasOccurrence(hit)) {
                matches.add(new EmbeddingMatch<>(score, hit.chunkId(), null, Segments.of(hit, results.indexVersion())));
            }
        }
        return new EmbeddingSearchResult<>(matches);
    }

    private void checkQueryVector(float[] vector) {
        int dimension = index.embedder().dimension();
        if (vector.length != dimension) {
            throw new IllegalArgumentException(
                    "the query embedding has " + vector.length + " dimensions but the index holds "
                            + dimension + "-dimensional vectors of the model '"
                            + index.embedder().modelId()
                            + "': embed queries with the index's model");
        }
        double norm = 0;
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("the query embedding contains " + x);
            }
            norm += (double) x * x;
        }
        if (norm == 0) {
            throw new IllegalArgumentException(
                    "the query embedding is the zero vector, which has no cosine similarity");
        }
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public String add(Embedding embedding) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public void add(String id, Embedding embedding) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public String add(Embedding embedding, TextSegment textSegment) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> embedded) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public void remove(String id) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public void removeAll(Collection<String> ids) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public void removeAll(Filter filter) {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    /** @throws UnsupportedOperationException always: the store is read-only */
    @Override
    public void removeAll() {
        throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public String toString() {
        return "RagEmbeddingStore[read-only, model=" + index.embedder().modelId() + ", dimension="
                + index.embedder().dimension() + ", access=" + access + "]";
    }
}
