package io.ragplatform.eval.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Everything a run was pinned to, as stored with it ({@link RunRecord#pins()}) and shown by its reports.
 *
 * @param runId the run's ID, unique in the store
 * @param set the evaluation set's name
 * @param setVersion the set version evaluated
 * @param setSnapshotId the Iceberg snapshot of that version (checked against the set's tag when saved)
 * @param indexVersion the index version searched
 * @param mode the retrieval mode (e.g. {@code hybrid}, {@code vector}, {@code lexical})
 * @param k the cut-off of the ranked lists
 * @param modelId the embedding model's ID, or null when none was used
 * @param pipeline the ingestion pipeline's version, or null
 * @param createdAt when the run was made, ISO-8601 instant; normalized to UTC with microsecond precision (what an
 *     Iceberg {@code timestamptz} holds), so a stored run reads back equal
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
    public RunPins {
        Objects.requireNonNull(runId, "runId");
        if (runId.isEmpty()) {
            throw new IllegalArgumentException("runId is empty");
        }
        SetNames.require(set);
        if (setVersion < 1) {
            throw new IllegalArgumentException("set versions start at 1, was " + setVersion);
        }
        if (indexVersion < 0) {
            throw new IllegalArgumentException("negative index version " + indexVersion);
        }
        Objects.requireNonNull(mode, "mode");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        createdAt = normalizeInstant(createdAt);
    }

    static String normalizeInstant(String instant) {
        Objects.requireNonNull(instant, "createdAt");
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.MICROS).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt is not an ISO-8601 instant: '" + instant + "'", e);
        }
    }
}
