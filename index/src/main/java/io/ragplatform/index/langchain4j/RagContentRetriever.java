package io.ragplatform.index.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j {@link ContentRetriever} over a {@link RagIndex}: each {@link Query} runs {@link RagIndex#search} with
 * the configured mode (hybrid by default), result count and filters, against the index's current version, embedding the
 * query with the index's own model. Use it wherever LangChain4j takes a retriever, e.g.
 * {@code DefaultRetrievalAugmentor.builder().contentRetriever(retriever)} or an AI service's {@code contentRetriever}.
 *
 * <p>Each {@link Content}, best first, holds a {@link TextSegment} with the chunk text and metadata {@code chunkId},
 * {@code indexVersion} and, of the chunk's first occurrence that matches the filters, {@code sourceId},
 * {@code documentId}, {@code charStart}, {@code charEnd} and {@code page} (only when known); its content metadata holds
 * {@link ContentMetadata#SCORE} (the mode's score, a {@code Double}) and {@link ContentMetadata#EMBEDDING_ID} (the chunk
 * ID). Filters hold per document: a chunk is returned only when some document containing it matches all of them.
 *
 * <p>Access: a retriever reads as one {@link AccessScope}, given when it is built (the principal it serves; there is
 * no default). The scope is applied inside the index's query, before ranking: {@code maxResults} results are results
 * the scope may read, and a segment cites only a document it may read. Pass {@link AccessScope#ALL} explicitly for an
 * unrestricted (admin) retriever.
 *
 * <p>Scores depend on the mode: {@link SearchMode#VECTOR} gives LangChain4j relevance scores in [0, 1]
 * ({@code (1 + cos) / 2}); {@link SearchMode#HYBRID} gives reciprocal-rank-fusion sums (at most 2/61);
 * {@link SearchMode#KEYWORD} gives unbounded BM25 scores. For that reason {@link Builder#minScore} is accepted only with
 * {@code VECTOR}.
 *
 * <p>Immutable and thread-safe. Read-only: it never changes the index.
 */
public final class RagContentRetriever implements ContentRetriever {
    /** Results per query unless {@link Builder#maxResults} says otherwise (LangChain4j's own default). */
    public static final int DEFAULT_MAX_RESULTS = 3;

    private final RagIndex index;
    private final int maxResults;
    private final SearchMode mode;
    private final SearchFilter filter;
    private final Double minScore;

    private RagContentRetriever(Builder b, SearchFilter filter) {
        this.index = b.index;
        this.maxResults = b.maxResults;
        this.mode = b.mode;
        this.filter = filter;
        this.minScore = b.minScore;
    }

    /**
     * A builder over {@code index} reading as {@code access}: hybrid mode, {@value #DEFAULT_MAX_RESULTS} results, no
     * filters.
     */
    public static Builder builder(RagIndex index, AccessScope access) {
        return new Builder(index, access);
    }

    /**
     * The chunks best matching {@code query.text()}, best first; fewer than {@code maxResults} when fewer match.
     *
     * @throws io.ragplatform.error.RagException ({@code invalid_request}) when the query text is blank
     */
    @Override
    public List<Content> retrieve(Query query) {
        Objects.requireNonNull(query, "query");
        SearchResults results = index.search(new SearchRequest(query.text(), maxResults, mode, filter));
        List<Content> contents = new ArrayList<>(results.results().size());
        for (SearchHit hit : results.results()) {
            double score = hit.score();
            if ((minScore != null && score < minScore) || !Segments.hasOccurrence(hit)) {
                continue;
            }
            contents.add(Content.from(
                    Segments.of(hit, results.indexVersion()),
                    Map.of(ContentMetadata.SCORE, score, ContentMetadata.EMBEDDING_ID, hit.chunkId())));
        }
        return List.copyOf(contents);
    }

    @Override
    public String toString() {
        return "RagContentRetriever[mode=" + mode + ", maxResults=" + maxResults
                + (filter.sourceId() == null ? "" : ", sourceId=" + filter.sourceId())
                + (filter.contentType() == null ? "" : ", contentType=" + filter.contentType())
                + (filter.language() == null ? "" : ", language=" + filter.language())
                + (minScore == null ? "" : ", minScore=" + minScore) + ", access=" + filter.access() + "]";
    }

    /** Configures a {@link RagContentRetriever}. Not thread-safe; {@link #build()} copies its state. */
    public static final class Builder {
        private final RagIndex index;
        private final AccessScope access;
        private int maxResults = DEFAULT_MAX_RESULTS;
        private SearchMode mode = SearchMode.HYBRID;
        private String sourceId;
        private String contentType;
        private String language;
        private LicenseFilter licenses = LicenseFilter.ANY;
        private Double minScore;

        private Builder(RagIndex index, AccessScope access) {
            this.index = Objects.requireNonNull(index, "index");
            this.access = Objects.requireNonNull(access, "access");
        }

        /** Results per query, 1 to {@value SearchRequest#MAX_K}. */
        public Builder maxResults(int maxResults) {
            if (maxResults < 1 || maxResults > SearchRequest.MAX_K) {
                throw new IllegalArgumentException(
                        "maxResults must be between 1 and " + SearchRequest.MAX_K + "; was " + maxResults);
            }
            this.maxResults = maxResults;
            return this;
        }

        /** How queries are matched; {@link SearchMode#HYBRID} unless set. */
        public Builder mode(SearchMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Only chunks occurring in this source (null: any). */
        public Builder sourceId(String sourceId) {
            this.sourceId = sourceId;
            return this;
        }

        /** Only chunks occurring in documents of this media type, e.g. {@code "application/pdf"} (null: any). */
        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** Only chunks occurring in documents of this ISO 639-1 language, e.g. {@code "en"} (null: any). */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        /**
         * Only chunks occurring in documents of these licences; {@code !x} leaves licence {@code x} out (none: any), as
         * the REST search's {@code license=} parameter reads them.
         */
        public Builder licenses(String... licenses) {
            this.licenses = LicenseFilter.parse(java.util.List.of(licenses));
            return this;
        }

        /**
         * Drops results whose relevance score ({@code (1 + cos) / 2}, as LangChain4j defines it) is below
         * {@code minScore}, in [0, 1] (null: keep all). Only with {@link SearchMode#VECTOR}: hybrid and keyword scores
         * are not on that scale, so {@link #build()} rejects the combination.
         */
        public Builder minScore(Double minScore) {
            if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
                throw new IllegalArgumentException("minScore must be between 0 and 1; was " + minScore);
            }
            this.minScore = minScore;
            return this;
        }

        /**
         * @throws IllegalStateException when {@code minScore} is set with a mode other than {@link SearchMode#VECTOR}
         * @throws io.ragplatform.error.RagException when a filter value is blank (see {@link SearchFilter})
         */
        public RagContentRetriever build() {
            if (minScore != null && mode != SearchMode.VECTOR) {
                throw new IllegalStateException(
                        "minScore needs SearchMode.VECTOR, whose scores are relevance scores in [0, 1]; "
                                + mode + " scores are "
                                + (mode == SearchMode.HYBRID
                                        ? "reciprocal-rank-fusion sums (at most 2/61)"
                                        : "unbounded BM25 scores")
                                + ", so a LangChain4j-style minScore would not mean the same");
            }
            return new RagContentRetriever(this, new SearchFilter(sourceId, contentType, language, licenses, access));
        }
    }
}
