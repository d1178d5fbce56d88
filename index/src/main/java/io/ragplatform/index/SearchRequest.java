package io.ragplatform.index;

import java.util.Objects;

/**
 * A search.
 *
 * @param query the user's text
 * @param k how many results
 * @param mode how to match
 * @param sourceId only chunks occurring in this source (null: any)
 * @param contentType only chunks occurring in documents of this media type (null: any)
 * @param language only chunks occurring in documents of this language (null: any)
 * @param indexVersion search this retained index version (null: the current one)
 */
public record SearchRequest(
        String query, int k, SearchMode mode, String sourceId, String contentType, String language, Long indexVersion) {
    public static final int MAX_K = 1000;

    /** A search of the current index version. */
    public SearchRequest(String query, int k, SearchMode mode, String sourceId, String contentType, String language) {
        this(query, k, mode, sourceId, contentType, language, null);
    }

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(mode, "mode");
        if (query.isBlank()) {
            throw new IllegalArgumentException("q must not be blank");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + "; was " + k);
        }
    }
}
