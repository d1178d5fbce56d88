package io.ragplatform.eval.report;

import io.ragplatform.eval.metrics.PairedComparison;
import io.ragplatform.eval.metrics.RunComparison;
import io.ragplatform.eval.store.RunPins;
import io.ragplatform.eval.store.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A candidate run against a base run: per metric the means, the paired delta with its interval and significance,
 * the regressions, warnings when the runs were pinned differently in ways that make the deltas hard to read, and the
 * trend of the set's runs. A tree of records made of strings, numbers, booleans and lists, so it serializes to JSON as
 * is; {@link ComparisonHtml} and {@link ComparisonMarkdown} render it.
 *
 * @param base the base run's pins
 * @param candidate the candidate run's pins
 * @param queries how many queries were paired
 * @param metrics every compared metric, in report order (document level, chunk level, groundedness)
 * @param regressions the metrics on which the candidate is significantly worse, in report order
 * @param warnings the pins that differ in ways that matter, in the order set, set version, set snapshot, k, mode,
 *     model; empty when none do
 * @param trendMetrics the main metrics the trend follows (recall, mrr and nDCG at either level, groundedness,
 *     hallucination rate) that at least one trend run has, in report order
 * @param trend the set's runs, oldest first (ties by run ID), with their values of the trend metrics
 */
public record ComparisonReport(
        RunPins base,
        RunPins candidate,
        int queries,
        List<MetricDelta> metrics,
        List<String> regressions,
        List<PinWarning> warnings,
        List<String> trendMetrics,
        List<TrendPoint> trend) {
    public ComparisonReport {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(candidate, "candidate");
        metrics = List.copyOf(metrics);
        regressions = List.copyOf(regressions);
        warnings = List.copyOf(warnings);
        trendMetrics = List.copyOf(trendMetrics);
        trend = List.copyOf(trend);
    }

    /**
     * The comparison report of two runs.
     *
     * @param base the base run
     * @param candidate the candidate run
     * @param comparison the paired comparison of the candidate against the base ({@link RunComparison#of})
     * @param trend the runs of the candidate's set, in any order (usually including the base and the candidate);
     *     may be empty
     * @throws IllegalArgumentException if a trend run is of another set or a run ID repeats in the trend
     */
    public static ComparisonReport of(
            RunRecord base, RunRecord candidate, RunComparison comparison, List<RunRecord> trend) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(comparison, "comparison");
        List<MetricDelta> metrics = new ArrayList<>();
        comparison.metrics().keySet().stream().sorted(MetricNames.ORDER).forEach(name -> {
            PairedComparison c = comparison.metrics().get(name);
            metrics.add(new MetricDelta(
                    name,
                    MetricNames.level(name),
                    base.metrics().get(name),
                    candidate.metrics().get(name),
                    c.delta(),
                    c.deltaInterval().low(),
                    c.deltaInterval().high(),
                    c.pValue(),
                    c.significant(),
                    c.regression()));
        });
        List<String> regressions =
                comparison.regressions().stream().sorted(MetricNames.ORDER).toList();

        Set<String> ids = new HashSet<>();
        for (RunRecord run : trend) {
            if (!run.pins().set().equals(candidate.pins().set())) {
                throw new IllegalArgumentException("trend run " + run.pins().runId() + " is of set "
                        + run.pins().set() + ", not " + candidate.pins().set());
            }
            if (!ids.add(run.pins().runId())) {
                throw new IllegalArgumentException("run " + run.pins().runId() + " is twice in the trend");
            }
        }
        List<RunRecord> ordered = trend.stream()
                .sorted(Comparator.comparing(
                                (RunRecord r) -> Instant.parse(r.pins().createdAt()))
                        .thenComparing(r -> r.pins().runId()))
                .toList();
        SortedSet<String> trendMetrics = new TreeSet<>(MetricNames.ORDER);
        for (RunRecord run : ordered) {
            run.metrics().keySet().stream().filter(MetricNames::isMain).forEach(trendMetrics::add);
        }
        List<TrendPoint> points = new ArrayList<>();
        for (RunRecord run : ordered) {
            List<MetricValue> values = trendMetrics.stream()
                    .filter(run.metrics()::containsKey)
                    .map(name -> new MetricValue(name, run.metrics().get(name)))
                    .toList();
            points.add(new TrendPoint(
                    run.pins().runId(),
                    run.pins().createdAt(),
                    run.pins().setVersion(),
                    run.pins().indexVersion(),
                    run.pins().mode(),
                    run.pins().k(),
                    run.pins().modelId(),
                    run.pins().runId().equals(base.pins().runId()),
                    run.pins().runId().equals(candidate.pins().runId()),
                    values));
        }
        return new ComparisonReport(
                base.pins(),
                candidate.pins(),
                comparison.queries(),
                metrics,
                regressions,
                warnings(base, candidate),
                List.copyOf(trendMetrics),
                points);
    }

    private static List<PinWarning> warnings(RunRecord base, RunRecord candidate) {
        List<PinWarning> out = new ArrayList<>();
        Pins pins = new Pins(base.pins(), candidate.pins(), out);
        pins.warn(
                "set",
                RunPins::set,
                "The runs evaluated different sets: the deltas compare different queries' judgments.");
        if (!pins.warn(
                "setVersion",
                RunPins::setVersion,
                "The runs evaluated different set versions: items or "
                        + "gold may differ, so the deltas mix changes of the set with changes of the system.")) {
            pins.warn(
                    "setSnapshotId",
                    RunPins::setSnapshotId,
                    "The runs evaluated the same set version at different "
                            + "snapshots: the version's items may have been rewritten in between.");
        }
        pins.warn(
                "k", RunPins::k, "The runs cut their rankings at different k: the @k metrics are not the same metric.");
        pins.warn("mode", RunPins::mode, "The runs used different retrieval modes.");
        pins.warn("modelId", RunPins::modelId, "The runs used different embedding models.");
        return out;
    }

    /** The two runs' pins, and the warnings found so far. */
    private record Pins(RunPins base, RunPins candidate, List<PinWarning> out) {
        /** Adds a warning when the runs differ in that pin, and tells whether they do. */
        boolean warn(String pin, Function<RunPins, Object> value, String message) {
            String b = Objects.toString(value.apply(base), null);
            String c = Objects.toString(value.apply(candidate), null);
            if (Objects.equals(b, c)) {
                return false;
            }
            out.add(new PinWarning(pin, b, c, message));
            return true;
        }
    }

    /**
     * One compared metric.
     *
     * @param name the metric's name
     * @param level its level ({@link RunReport#LEVEL_DOCUMENT}, ...)
     * @param baseMean the base run's stored mean, or null when it stored none
     * @param candidateMean the candidate run's stored mean, or null when it stored none
     * @param delta the mean over the paired queries of {@code candidate - base}
     * @param deltaLow the low end of the delta's 95% bootstrap interval
     * @param deltaHigh the high end of that interval
     * @param pValue the two-sided p-value of the paired randomization test
     * @param significant whether {@code pValue < 0.05}
     * @param regression whether significant and worse
     */
    public record MetricDelta(
            String name,
            String level,
            Double baseMean,
            Double candidateMean,
            double delta,
            double deltaLow,
            double deltaHigh,
            double pValue,
            boolean significant,
            boolean regression) {}

    /**
     * A pin on which the runs differ in a way that matters for reading the deltas.
     *
     * @param pin the pin's name as in {@link RunPins}: {@code set}, {@code setVersion}, {@code setSnapshotId} (only
     *     when the versions are equal), {@code k}, {@code mode} or {@code modelId}
     * @param base the base run's value, or null
     * @param candidate the candidate run's value, or null
     * @param message what the difference means, for people
     */
    public record PinWarning(String pin, String base, String candidate, String message) {}

    /**
     * One run of the trend.
     *
     * @param runId the run's ID
     * @param createdAt when it was made
     * @param setVersion the set version it evaluated
     * @param indexVersion the index version it searched
     * @param mode its retrieval mode
     * @param k its cut-off
     * @param modelId its embedding model, or null
     * @param base whether it is the compared base run
     * @param candidate whether it is the compared candidate run
     * @param metrics its values of the report's trend metrics, in that order; a metric it lacks is left out
     */
    public record TrendPoint(
            String runId,
            String createdAt,
            int setVersion,
            long indexVersion,
            String mode,
            int k,
            String modelId,
            boolean base,
            boolean candidate,
            List<MetricValue> metrics) {
        public TrendPoint {
            metrics = List.copyOf(metrics);
        }

        /** The value of that metric, or null when this run lacks it. */
        public Double value(String metric) {
            for (MetricValue m : metrics) {
                if (m.name().equals(metric)) {
                    return m.value();
                }
            }
            return null;
        }
    }
}
