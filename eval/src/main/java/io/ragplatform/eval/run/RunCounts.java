package io.ragplatform.eval.run;

import io.ragplatform.eval.store.QueryResultRecord;
import java.util.List;

/**
 * What a run evaluated.
 *
 * @param items the set version's items
 * @param documentJudged items with document-level gold (a {@code sourceId} judgment), in the unprefixed metrics
 * @param chunkJudged items with chunk-level gold (a {@code chunkId} judgment), in the {@code chunk.} metrics
 * @param answersJudged items whose answer had at least one claim, in {@code groundedness}
 * @param claims their claims in total
 * @param unsupportedClaims their unsupported claims in total
 */
public record RunCounts(int items, int documentJudged, int chunkJudged, int answersJudged, int claims,
        int unsupportedClaims) {

    /** The counts of a run, from its stored per-item results. */
    public static RunCounts of(List<QueryResultRecord> results) {
        int document = 0;
        int chunk = 0;
        int answers = 0;
        int claims = 0;
        int unsupported = 0;
        for (QueryResultRecord r : results) {
            if (r.metrics().keySet().stream().anyMatch(m -> !m.startsWith(RunMetrics.CHUNK_PREFIX))) {
                document++;
            }
            if (r.metrics().keySet().stream().anyMatch(m -> m.startsWith(RunMetrics.CHUNK_PREFIX))) {
                chunk++;
            }
            if (r.groundedness() != null) {
                answers++;
                if (r.claims() != null) {
                    claims += r.claims().size();
                }
                if (r.unsupportedClaims() != null) {
                    unsupported += r.unsupportedClaims().size();
                }
            }
        }
        return new RunCounts(results.size(), document, chunk, answers, claims, unsupported);
    }
}
