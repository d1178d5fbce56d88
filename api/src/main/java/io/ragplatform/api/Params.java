package io.ragplatform.api;

import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import java.util.Locale;

/**
 * Checks of request parameters that lower modules also enforce as invariants: the caller's mistake is answered here
 * as a 400 {@code invalid_request}, before it can reach them.
 */
final class Params {
    private Params() {}

    /** {@code hybrid|vector|keyword}, case-insensitive. */
    static SearchMode searchMode(String mode) {
        String m = mode == null ? "" : mode.strip().toUpperCase(Locale.ROOT);
        for (SearchMode candidate : SearchMode.values()) {
            if (candidate.name().equals(m)) {
                return candidate;
            }
        }
        throw ApiException.badRequest(
                "invalid_request", "mode must be one of hybrid, vector, keyword; was '" + mode + "'");
    }

    /** A result count in [1, {@link SearchRequest#MAX_K}]. */
    static int k(int k) {
        if (k < 1 || k > SearchRequest.MAX_K) {
            throw ApiException.badRequest(
                    "invalid_request", "k must be between 1 and " + SearchRequest.MAX_K + "; was " + k);
        }
        return k;
    }
}
