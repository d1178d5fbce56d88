package io.ragplatform.eval.store;

import io.ragplatform.eval.grounded.ClaimScore;
import io.ragplatform.eval.grounded.ItemSupport;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One query of a run as stored in {@code eval.query_results}: what was retrieved, its per-query metrics and, when
 * answers were judged, groundedness and the unsupported claims.
 *
 * @param runId the run's ID
 * @param itemId the evaluation item's ID, unique within a run
 * @param query the query text as run
 * @param retrievedChunkIds the ranked chunk IDs
 * @param retrievedSourceIds the ranked source IDs (document level, duplicates collapsed as the evaluator did)
 * @param metrics per-query metrics by name, kept sorted by name; empty for an unjudged item
 * @param groundedness the answer's groundedness in [0, 1], or null when no answer was judged
 * @param unsupportedClaims the answer's claims found unsupported, or null when no answer was judged
 * @param retrievedScores the retriever's score of each retrieved chunk, in the order of {@code retrievedChunkIds}, or
 *     null when not recorded
 * @param claims every claim of the answer with its support score and verdict, in answer order, or null when no answer
 *     was judged
 * @param evidence what the claims were checked against: {@link #EVIDENCE_CONTEXTS} (the item's reference contexts) or
 *     {@link #EVIDENCE_RETRIEVED} (the retrieved chunks), or null when no answer was judged
 * @param support the answer's continuous support score in [0, 1] ({@link ItemSupport}: its weakest claim's score),
 *     which ranks answers where {@code groundedness} is mostly 0 or 1; null when no answer was judged, or for a row
 *     stored before the score existed and without claim scores
 */
public record QueryResultRecord(
        String runId,
        String itemId,
        String query,
        List<String> retrievedChunkIds,
        List<String> retrievedSourceIds,
        Map<String, Double> metrics,
        Double groundedness,
        List<String> unsupportedClaims,
        List<Double> retrievedScores,
        List<ClaimScore> claims,
        String evidence,
        Double support) {
    /** Claims were checked against the item's reference contexts. */
    public static final String EVIDENCE_CONTEXTS = "contexts";
    /** Claims were checked against the retrieved chunks' text. */
    public static final String EVIDENCE_RETRIEVED = "retrieved";

    public QueryResultRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(itemId, "itemId");
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException("itemId is empty");
        }
        Objects.requireNonNull(query, "query");
        retrievedChunkIds = List.copyOf(retrievedChunkIds);
        retrievedSourceIds = List.copyOf(retrievedSourceIds);
        metrics = RunRecord.sortedCopy(Objects.requireNonNull(metrics, "metrics"));
        unsupportedClaims = unsupportedClaims == null ? null : List.copyOf(unsupportedClaims);
        retrievedScores = retrievedScores == null ? null : List.copyOf(retrievedScores);
        if (retrievedScores != null && retrievedScores.size() != retrievedChunkIds.size()) {
            throw new IllegalArgumentException("item " + itemId + ": " + retrievedScores.size() + " scores for "
                    + retrievedChunkIds.size() + " retrieved chunks");
        }
        claims = claims == null ? null : List.copyOf(claims);
        if (support == null && claims != null && !claims.isEmpty()) {
            // a row stored before the score existed: the weakest claim's score is what the run's scorer gave
            support = ItemSupport.of(claims);
        }
    }
}
