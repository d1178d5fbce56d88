package io.ragplatform.eval.run;

import io.ragplatform.error.RagException;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import java.util.Objects;

/**
 * What to evaluate: a set version against an index version, with a retrieval mode and cut-off. Out-of-range values
 * are the caller's mistake: {@code invalid_request}.
 *
 * @param set the evaluation set's name
 * @param setVersion the set version, or null for the newest
 * @param mode the retrieval mode
 * @param k the cut-off of the retrieval metrics ({@code recall@k}, ...); nDCG is always at 10
 * @param indexVersion the index version to search, or null for the current one (the run records which it was)
 * @param access who the run searches as: it retrieves only what this scope may read, and records the scope with its
 *     configuration (one of its pins), so that its results are shown only to those who may read as much
 * @param licenses which licences' documents the run retrieves ({@link LicenseFilter#ANY}: all); recorded with its
 *     configuration
 */
public record RunSpec(
        String set,
        Integer setVersion,
        SearchMode mode,
        int k,
        Long indexVersion,
        AccessScope access,
        LicenseFilter licenses) {
    private static final String INVALID = "invalid_request";

    public RunSpec {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(licenses, "licenses");
        RagException.check(
                k >= 1 && k <= SearchRequest.MAX_K,
                INVALID,
                "k must be between 1 and " + SearchRequest.MAX_K + "; was " + k);
        RagException.check(
                setVersion == null || setVersion >= 1, INVALID, "set versions start at 1; was " + setVersion);
        RagException.check(
                indexVersion == null || indexVersion >= 0,
                INVALID,
                "index versions are not negative; was " + indexVersion);
    }

    /** A run over the documents of every licence. */
    public RunSpec(String set, Integer setVersion, SearchMode mode, int k, Long indexVersion, AccessScope access) {
        this(set, setVersion, mode, k, indexVersion, access, LicenseFilter.ANY);
    }

    /** What the run retrieves from: what its scope may read, of the licences it keeps. */
    public io.ragplatform.index.SearchFilter filter() {
        return io.ragplatform.index.SearchFilter.readableBy(access).withLicenses(licenses);
    }

    /**
     * How many chunks each query retrieves: {@code max(k, 10)}, so that {@code ndcg@10} sees ten results whatever k.
     * A client reproduces a run's metrics from {@code GET /v1/search?k=<depth>&indexVersion=<pinned>}.
     */
    public int depth() {
        return Math.max(k, io.ragplatform.eval.metrics.Evaluator.NDCG_CUTOFF);
    }
}
