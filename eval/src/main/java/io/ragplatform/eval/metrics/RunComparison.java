package io.ragplatform.eval.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A candidate run against a base run over the same evaluated queries: per metric, the paired delta, its interval and
 * significance ({@link Bootstrap#compare}).
 *
 * @param queries how many queries were paired
 * @param metrics per metric name, in name order
 */
public record RunComparison(int queries, SortedMap<String, PairedComparison> metrics) {
    public RunComparison {
        if (queries < 0) {
            throw new IllegalArgumentException("queries must not be negative, was " + queries);
        }
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    }

    /** The metrics on which the candidate is significantly worse, in name order. */
    public List<String> regressions() {
        List<String> out = new ArrayList<>();
        metrics.forEach((name, c) -> {
            if (c.regression()) {
                out.add(name);
            }
        });
        return List.copyOf(out);
    }

    /** {@link #of(Map, Map, int, long)} with {@link Bootstrap#DEFAULT_RESAMPLES} and {@link Bootstrap#DEFAULT_SEED}. */
    public static RunComparison of(Map<String, QueryMetrics> base, Map<String, QueryMetrics> candidate) {
        return of(base, candidate, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
    }

    /**
     * Pairs the runs by query ID (in query-ID order, so map iteration order does not matter) and compares each
     * metric with the same seed.
     *
     * @throws IllegalArgumentException if the runs evaluated different queries or metrics, or no query at all
     */
    public static RunComparison of(
            Map<String, QueryMetrics> base, Map<String, QueryMetrics> candidate, int resamples, long seed) {
        SortedMap<String, QueryMetrics> b = new TreeMap<>(base);
        SortedMap<String, QueryMetrics> c = new TreeMap<>(candidate);
        if (!b.keySet().equals(c.keySet())) {
            Set<String> onlyBase = new TreeSet<>(b.keySet());
            onlyBase.removeAll(c.keySet());
            Set<String> onlyCandidate = new TreeSet<>(c.keySet());
            onlyCandidate.removeAll(b.keySet());
            throw new IllegalArgumentException("runs evaluated different queries: only in base " + onlyBase
                    + ", only in candidate " + onlyCandidate);
        }
        if (b.isEmpty()) {
            throw new IllegalArgumentException("no queries to compare");
        }
        Set<String> names = RunSummary.metricNames(b, "base");
        Set<String> candidateNames = RunSummary.metricNames(c, "candidate");
        if (!names.equals(candidateNames)) {
            throw new IllegalArgumentException(
                    "runs have different metrics: base " + names + ", candidate " + candidateNames);
        }
        SortedMap<String, PairedComparison> metrics = new TreeMap<>();
        for (String metric : names) {
            metrics.put(
                    metric,
                    Bootstrap.compare(RunSummary.column(b, metric), RunSummary.column(c, metric), resamples, seed));
        }
        return new RunComparison(b.size(), metrics);
    }
}
