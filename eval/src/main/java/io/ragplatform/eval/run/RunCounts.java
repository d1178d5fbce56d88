package io.ragplatform.eval.run;

import io.ragplatform.eval.store.QueryResultRecord;
import java.util.List;

/**
 * What a run judged; the counts the run's API view and its report both show.
 *
 * @param items the set version's items (one result each)
 * @param documentJudged items with document-level gold (a {@code sourceId} judgment), in the unprefixed metrics
 * @param chunkJudged items with chunk-level gold (a {@code chunkId} judgment), in the {@code chunk.} metrics
 * @param withoutGold items with no retrieval metric (no retrieval gold)
 * @param answersJudged items whose answer had at least one claim, in {@code groundedness}
 * @param claims their claims in total, as far as the results recorded every claim
 * @param unsupportedClaims their unsupported claims in total
 * @param hallucinatedAnswers judged answers with at least one unsupported claim
 */
public record RunCounts(
        int items,
        int documentJudged,
        int chunkJudged,
        int withoutGold,
        int answersJudged,
        int claims,
        int unsupportedClaims,
        int hallucinatedAnswers) {

    /** The counts of a run, from its stored per-item results. */
    public static RunCounts of(List<QueryResultRecord> results) {
        int document = 0;
        int chunk = 0;
        int withoutGold = 0;
        int answers = 0;
        int claims = 0;
        int unsupported = 0;
        int hallucinated = 0;
        for (QueryResultRecord r : results) {
            boolean doc = r.metrics().keySet().stream().anyMatch(m -> !m.startsWith(RunMetrics.CHUNK_PREFIX));
            boolean chk = r.metrics().keySet().stream().anyMatch(m -> m.startsWith(RunMetrics.CHUNK_PREFIX));
            document += doc ? 1 : 0;
            chunk += chk ? 1 : 0;
            withoutGold += doc || chk ? 0 : 1;
            if (r.groundedness() != null) {
                answers++;
                claims += r.claims() == null ? 0 : r.claims().size();
                int u = unsupported(r);
                unsupported += u;
                hallucinated += u > 0 ? 1 : 0;
            }
        }
        return new RunCounts(results.size(), document, chunk, withoutGold, answers, claims, unsupported, hallucinated);
    }

    /** An answer's unsupported claims: those stored, or when only every claim's verdict was stored, the unsupported. */
    public static int unsupported(QueryResultRecord r) {
        if (r.unsupportedClaims() != null) {
            return r.unsupportedClaims().size();
        }
        return r.claims() == null
                ? 0
                : (int) r.claims().stream().filter(c -> !c.supported()).count();
    }
}
