package io.ragplatform.index;

import io.ragplatform.error.RagException;

/** How a query is matched. */
public enum SearchMode {
    /** BM25 and vector results fused by reciprocal rank. */
    HYBRID,
    /** Nearest neighbours of the query embedding (HNSW, cosine). */
    VECTOR,
    /** BM25 over chunk text. */
    KEYWORD;

    /**
     * Parses {@code hybrid|vector|keyword}, case-insensitive.
     *
     * @throws RagException ({@code invalid_request}) for any other name
     */
    public static SearchMode parse(String s) {
        return RagException.parseName(
                SearchMode.class, s, "invalid_request", "mode must be one of hybrid, vector, keyword; was '" + s + "'");
    }
}
