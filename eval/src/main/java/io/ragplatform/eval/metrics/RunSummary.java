package io.ragplatform.eval.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run's metrics over its evaluated queries: per metric, the mean and its 95% bootstrap interval.
 *
 * @param queries how many queries were evaluated (queries without judgments are not among them)
 * @param metrics per metric name, in name order; empty when no query was evaluated
 */
public record RunSummary(int queries, SortedMap<String, ConfidenceInterval> metrics) {
    public RunSummary {
        if (queries < 0) {
            throw new IllegalArgumentException("queries must not be negative, was " + queries);
        }
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    }

    /** {@link #of(Map, int, long)} with {@link Bootstrap#DEFAULT_RESAMPLES} and {@link Bootstrap#DEFAULT_SEED}. */
    public static RunSummary of(Map<String, QueryMetrics> byQuery) {
        return of(byQuery, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
    }

    /**
     * Aggregates per-query metrics keyed by query ID. Values enter the bootstrap in query-ID order and every metric is
     * resampled with the same seed, so the result does not depend on the map's iteration order and all metrics'
     * intervals come from the same resampled query sets.
     *
     * @throws IllegalArgumentException if the queries do not all have the same metric names
     */
    public static RunSummary of(Map<String, QueryMetrics> byQuery, int resamples, long seed) {
        SortedMap<String, QueryMetrics> sorted = new TreeMap<>(byQuery);
        SortedMap<String, ConfidenceInterval> metrics = new TreeMap<>();
        for (String metric : metricNames(sorted, "run")) {
            metrics.put(metric, Bootstrap.ci(column(sorted, metric), resamples, seed));
        }
        return new RunSummary(sorted.size(), metrics);
    }

    /** The metric names every query shares; empty for no queries. */
    static Set<String> metricNames(SortedMap<String, QueryMetrics> byQuery, String run) {
        if (byQuery.isEmpty()) {
            return Set.of();
        }
        Set<String> names = byQuery.get(byQuery.firstKey()).values().keySet();
        byQuery.forEach((query, m) -> {
            Objects.requireNonNull(m, "metrics of query " + query);
            if (!m.values().keySet().equals(names)) {
                throw new IllegalArgumentException(run + ": query " + query + " has metrics "
                        + m.values().keySet() + ", query " + byQuery.firstKey() + " has " + names);
            }
        });
        return names;
    }

    /** One metric's values, in the map's (query-ID) order. */
    static double[] column(SortedMap<String, QueryMetrics> byQuery, String metric) {
        List<QueryMetrics> rows = List.copyOf(byQuery.values());
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i).get(metric);
        }
        return values;
    }
}
