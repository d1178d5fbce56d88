package io.ragplatform.index;

import java.util.Locale;

/** How a query is matched. */
public enum SearchMode {
    /** BM25 and vector results fused by reciprocal rank. */
    HYBRID,
    /** Nearest neighbours of the query embedding (HNSW, cosine). */
    VECTOR,
    /** BM25 over chunk text. */
    KEYWORD;

    /** Parses {@code hybrid|vector|keyword}, case-insensitive. */
    public static SearchMode parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be one of hybrid, vector, keyword; was '" + s + "'");
        }
    }
}
