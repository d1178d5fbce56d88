package io.ragplatform.eval.report;

import io.ragplatform.eval.store.RunRecord;

/**
 * Everything a run was pinned to, as stored with it ({@link RunRecord}).
 *
 * @param runId the run's ID
 * @param set the evaluation set's name
 * @param setVersion the set version evaluated
 * @param setSnapshotId the Iceberg snapshot of that set version
 * @param indexVersion the index version searched
 * @param mode the retrieval mode
 * @param k the cut-off of the ranked lists
 * @param modelId the embedding model's ID, or null when none was used
 * @param pipeline the ingestion pipeline's version, or null
 * @param createdAt when the run was made, ISO-8601 instant in UTC
 * @param configJson the run's full configuration as the raw JSON string it was stored as, or null
 */
public record RunPins(
        String runId,
        String set,
        int setVersion,
        long setSnapshotId,
        long indexVersion,
        String mode,
        int k,
        String modelId,
        String pipeline,
        String createdAt,
        String configJson) {

    /** The pins of that run. */
    public static RunPins of(RunRecord run) {
        return new RunPins(
                run.runId(),
                run.set(),
                run.setVersion(),
                run.setSnapshotId(),
                run.indexVersion(),
                run.mode(),
                run.k(),
                run.modelId(),
                run.pipeline(),
                run.createdAt(),
                run.configJson());
    }
}
