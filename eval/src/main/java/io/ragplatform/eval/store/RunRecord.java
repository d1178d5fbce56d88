package io.ragplatform.eval.store;

import io.ragplatform.eval.metrics.ConfidenceInterval;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One evaluation run as stored in {@code eval.runs}: everything it was pinned to (set version and its snapshot, index
 * version, mode, k, model, pipeline, full config) and its mean metrics with their confidence intervals.
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
 * @param configJson the run's full configuration as JSON, or null
 * @param createdAt when the run was made, ISO-8601 instant; normalized to UTC with microsecond precision (what an
 *     Iceberg {@code timestamptz} holds), so a stored run reads back equal
 * @param metrics mean metrics by name (e.g. {@code recall@10}), kept sorted by name
 * @param ci 95% bootstrap intervals by metric name, kept sorted by name; empty when none were computed (null is read
 *     as empty)
 */
public record RunRecord(
        String runId,
        String set,
        int setVersion,
        long setSnapshotId,
        long indexVersion,
        String mode,
        int k,
        String modelId,
        String pipeline,
        String configJson,
        String createdAt,
        Map<String, Double> metrics,
        Map<String, ConfidenceInterval> ci) {
    public RunRecord {
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
        metrics = sortedCopy(Objects.requireNonNull(metrics, "metrics"));
        ci = ci == null ? Map.of() : sortedCopy(ci);
    }

    static String normalizeInstant(String instant) {
        Objects.requireNonNull(instant, "createdAt");
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.MICROS).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt is not an ISO-8601 instant: '" + instant + "'", e);
        }
    }

    static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        TreeMap<String, V> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "metric name"), Objects.requireNonNull(value, () -> "value of " + key)));
        return Collections.unmodifiableMap(copy);
    }
}
