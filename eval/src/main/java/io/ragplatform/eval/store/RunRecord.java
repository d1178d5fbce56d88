package io.ragplatform.eval.store;

import io.ragplatform.eval.metrics.ConfidenceInterval;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One evaluation run as stored in {@code eval.runs}: everything it was pinned to ({@link RunPins}: set version and its
 * snapshot, index version, mode, k, model, pipeline, full config) and its mean metrics with their confidence intervals.
 *
 * @param pins everything the run was pinned to
 * @param metrics mean metrics by name (e.g. {@code recall@10}), kept sorted by name
 * @param ci 95% bootstrap intervals by metric name, kept sorted by name; empty when none were computed (null is read
 *     as empty)
 */
public record RunRecord(RunPins pins, Map<String, Double> metrics, Map<String, ConfidenceInterval> ci) {
    public RunRecord {
        Objects.requireNonNull(pins, "pins");
        metrics = sortedCopy(Objects.requireNonNull(metrics, "metrics"));
        ci = ci == null ? Map.of() : sortedCopy(ci);
    }

    static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        TreeMap<String, V> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "metric name"), Objects.requireNonNull(value, () -> "value of " + key)));
        return Collections.unmodifiableMap(copy);
    }
}
