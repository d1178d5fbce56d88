package io.ragplatform.eval.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One query's metric values, keyed by metric name such as {@code "recall@10"} or {@code "ndcg@10"}. The map is an
 * unmodifiable copy that iterates in name order.
 */
public record QueryMetrics(Map<String, Double> values) {
    public QueryMetrics {
        TreeMap<String, Double> copy = new TreeMap<>();
        values.forEach((name, value) -> {
            Objects.requireNonNull(name, "metric name");
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metric " + name + " has no finite value: " + value);
            }
            copy.put(name, value);
        });
        values = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * The value of that metric.
     *
     * @throws IllegalArgumentException if this query has no such metric
     */
    public double get(String metric) {
        Double v = values.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + metric + " among " + values.keySet());
        }
        return v;
    }
}
