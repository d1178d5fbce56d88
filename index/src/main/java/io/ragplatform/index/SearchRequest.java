package io.ragplatform.index;

import io.ragplatform.error.RagException;
import java.util.Objects;

/**
 * A search.
 *
 * @param query the user's text
 * @param k how many results, 1 to {@value #MAX_K}
 * @param mode how to match
 * @param filter which chunks may be returned, and to whom ({@link SearchFilter#NONE}: any, unrestricted)
 * @param indexVersion search this retained index version (null: the current one)
 */
public record SearchRequest(String query, int k, SearchMode mode, SearchFilter filter, Long indexVersion) {
    public static final int MAX_K = 1000;
    private static final String INVALID = "invalid_request";

    /** A search of the current index version. */
    public SearchRequest(String query, int k, SearchMode mode, SearchFilter filter) {
        this(query, k, mode, filter, null);
    }

    /** An unfiltered, unrestricted ({@link AccessScope#ALL}, admin) search of the current index version. */
    public SearchRequest(String query, int k, SearchMode mode) {
        this(query, k, mode, SearchFilter.NONE, null);
    }

    /** @throws RagException ({@code invalid_request}) when the query is blank or {@code k} is out of range */
    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(filter, "filter");
        RagException.check(!query.isBlank(), INVALID, "q must not be blank");
        RagException.check(k >= 1 && k <= MAX_K, INVALID, "k must be between 1 and " + MAX_K + "; was " + k);
    }
}
