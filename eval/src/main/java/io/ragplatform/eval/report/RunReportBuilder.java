package io.ragplatform.eval.report;

import io.ragplatform.eval.grounded.ClaimScore;
import io.ragplatform.eval.metrics.ConfidenceInterval;
import io.ragplatform.eval.report.RunReport.AnswerGroundedness;
import io.ragplatform.eval.report.RunReport.Bin;
import io.ragplatform.eval.report.RunReport.ClaimRow;
import io.ragplatform.eval.report.RunReport.GoldEntry;
import io.ragplatform.eval.report.RunReport.GroundednessBreakdown;
import io.ragplatform.eval.report.RunReport.Histogram;
import io.ragplatform.eval.report.RunReport.MetricSummary;
import io.ragplatform.eval.report.RunReport.RankedResult;
import io.ragplatform.eval.report.RunReport.Summary;
import io.ragplatform.eval.report.RunReport.WorstQuery;
import io.ragplatform.eval.run.RunCounts;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.Relevance;
import io.ragplatform.eval.store.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds a {@link RunReport}; every collection it walks is sorted first, so input order never shows. */
final class RunReportBuilder {
    static final int BINS = 10;

    private RunReportBuilder() {}

    static RunReport build(RunRecord run, List<QueryResultRecord> results, List<EvalItem> items, int worstCount) {
        Objects.requireNonNull(run, "run");
        if (worstCount < 0) {
            throw new IllegalArgumentException("worstCount must not be negative, was " + worstCount);
        }
        SortedMap<String, QueryResultRecord> byItem = new TreeMap<>();
        for (QueryResultRecord r : results) {
            if (!r.runId().equals(run.pins().runId())) {
                throw new IllegalArgumentException("result of item " + r.itemId() + " belongs to run " + r.runId()
                        + ", not " + run.pins().runId());
            }
            if (byItem.put(r.itemId(), r) != null) {
                throw new IllegalArgumentException("two results for item " + r.itemId());
            }
        }
        Map<String, EvalItem> itemsById = new TreeMap<>();
        for (EvalItem item : items) {
            if (itemsById.put(item.id(), item) != null) {
                throw new IllegalArgumentException("two items with ID " + item.id());
            }
        }
        for (String id : byItem.keySet()) {
            if (!itemsById.containsKey(id)) {
                throw new IllegalArgumentException("result for item " + id + ", which is not among the set's items");
            }
        }
        List<QueryResultRecord> ordered = List.copyOf(byItem.values());
        String primary = primaryMetric(run, ordered);
        RunCounts counts = RunCounts.of(ordered);
        return new RunReport(
                run.pins(),
                summary(run, counts),
                distributions(ordered),
                primary,
                worst(ordered, itemsById, primary, worstCount),
                groundedness(ordered, itemsById, counts));
    }

    private static Summary summary(RunRecord run, RunCounts counts) {
        SortedSet<String> names = new TreeSet<>(MetricNames.ORDER);
        names.addAll(run.metrics().keySet());
        names.addAll(run.ci().keySet());
        List<MetricSummary> metrics = new ArrayList<>();
        for (String name : names) {
            ConfidenceInterval ci = run.ci().get(name);
            Double mean = run.metrics().get(name);
            metrics.add(new MetricSummary(
                    name,
                    MetricNames.level(name),
                    mean != null ? mean : ci.mean(),
                    ci == null ? null : ci.low(),
                    ci == null ? null : ci.high()));
        }
        return new Summary(metrics, counts);
    }

    private static List<Histogram> distributions(List<QueryResultRecord> results) {
        SortedSet<String> names = new TreeSet<>(MetricNames.ORDER);
        for (QueryResultRecord r : results) {
            r.metrics().keySet().stream().filter(MetricNames::isRetrieval).forEach(names::add);
        }
        List<Histogram> out = new ArrayList<>();
        for (String name : names) {
            List<Double> values = new ArrayList<>();
            for (QueryResultRecord r : results) {
                Double v = r.metrics().get(name);
                if (v != null) {
                    values.add(v);
                }
            }
            out.add(histogram(name, values));
        }
        List<Double> groundedness = new ArrayList<>();
        for (QueryResultRecord r : results) {
            if (r.groundedness() != null) {
                groundedness.add(r.groundedness());
            }
        }
        if (!groundedness.isEmpty()) {
            out.add(histogram(MetricNames.GROUNDEDNESS, groundedness));
        }
        return out;
    }

    /** Ten bins of width 0.1 over [0, 1]; a value outside counts in the nearest end bin. */
    static Histogram histogram(String metric, List<Double> values) {
        int[] counts = new int[BINS];
        int zeros = 0;
        int ones = 0;
        for (double v : values) {
            zeros += v == 0.0 ? 1 : 0;
            ones += v == 1.0 ? 1 : 0;
            // the epsilon keeps a value on a bin edge (0.3, 0.7, ...) in the bin it starts despite rounding
            int bin = Double.isNaN(v) ? 0 : (int) Math.floor(v * BINS + 1e-9);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int i = 0; i < BINS; i++) {
            bins.add(new Bin(i / (double) BINS, (i + 1) / (double) BINS, counts[i]));
        }
        return new Histogram(metric, MetricNames.level(metric), values.size(), zeros, ones, bins);
    }

    private static String primaryMetric(RunRecord run, List<QueryResultRecord> results) {
        for (String candidate : List.of(MetricNames.NDCG10, MetricNames.CHUNK_NDCG10)) {
            if (run.metrics().containsKey(candidate)
                    || results.stream().anyMatch(r -> r.metrics().containsKey(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static List<WorstQuery> worst(
            List<QueryResultRecord> results, Map<String, EvalItem> items, String primary, int count) {
        if (primary == null) {
            return List.of();
        }
        return results.stream()
                .filter(r -> r.metrics().containsKey(primary))
                .sorted(Comparator.comparingDouble(
                                (QueryResultRecord r) -> r.metrics().get(primary))
                        .thenComparing(QueryResultRecord::itemId))
                .limit(count)
                .map(r -> worstQuery(r, items.get(r.itemId()), primary))
                .toList();
    }

    private static WorstQuery worstQuery(QueryResultRecord r, EvalItem item, String primary) {
        SortedMap<String, Integer> sourceGold = new TreeMap<>();
        SortedMap<String, Integer> chunkGold = new TreeMap<>();
        for (Relevance rel : item.relevant()) {
            if (rel.sourceId() != null) {
                sourceGold.merge(rel.sourceId(), rel.grade(), Math::max);
            } else {
                chunkGold.merge(rel.chunkId(), rel.grade(), Math::max);
            }
        }
        Map<String, Integer> sourceRanks = ranks(r.retrievedSourceIds());
        Map<String, Integer> chunkRanks = ranks(r.retrievedChunkIds());

        List<GoldEntry> gold = new ArrayList<>();
        addGold(gold, RunReport.LEVEL_DOCUMENT, sourceGold, sourceRanks);
        addGold(gold, RunReport.LEVEL_CHUNK, chunkGold, chunkRanks);

        List<RankedResult> chunks = new ArrayList<>();
        for (int i = 0; i < r.retrievedChunkIds().size(); i++) {
            String id = r.retrievedChunkIds().get(i);
            Integer grade = chunkGold.get(id);
            chunks.add(new RankedResult(
                    i + 1,
                    id,
                    r.retrievedScores() == null ? null : r.retrievedScores().get(i),
                    grade,
                    grade != null && grade > 0));
        }
        List<RankedResult> documents = new ArrayList<>();
        for (int i = 0; i < r.retrievedSourceIds().size(); i++) {
            String id = r.retrievedSourceIds().get(i);
            Integer grade = sourceGold.get(id);
            documents.add(new RankedResult(i + 1, id, null, grade, grade != null && grade > 0));
        }
        List<MetricValue> metrics = r.metrics().keySet().stream()
                .sorted(MetricNames.ORDER)
                .map(name -> new MetricValue(name, r.metrics().get(name)))
                .toList();
        return new WorstQuery(
                r.itemId(),
                r.query(),
                r.metrics().get(primary),
                metrics,
                gold,
                chunks,
                documents,
                sourceGold.isEmpty() ? null : firstRelevant(documents),
                chunkGold.isEmpty() ? null : firstRelevant(chunks));
    }

    /** Each ID's first rank, from 1 (a lookup table, never iterated). */
    private static Map<String, Integer> ranks(List<String> ranking) {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ranking.size(); i++) {
            ranks.putIfAbsent(ranking.get(i), i + 1);
        }
        return ranks;
    }

    private static void addGold(
            List<GoldEntry> out, String level, SortedMap<String, Integer> gold, Map<String, Integer> ranks) {
        gold.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.add(
                        new GoldEntry(level, e.getKey(), e.getValue(), e.getValue() > 0, ranks.get(e.getKey()))));
    }

    private static Integer firstRelevant(List<RankedResult> ranking) {
        return ranking.stream()
                .filter(RankedResult::relevant)
                .map(RankedResult::rank)
                .findFirst()
                .orElse(null);
    }

    private static GroundednessBreakdown groundedness(
            List<QueryResultRecord> results, Map<String, EvalItem> items, RunCounts counts) {
        List<AnswerGroundedness> answers = new ArrayList<>();
        double sum = 0;
        double supportSum = 0;
        int supported = 0;
        for (QueryResultRecord r : results) {
            if (r.groundedness() == null) {
                continue;
            }
            List<ClaimRow> rows = new ArrayList<>();
            if (r.claims() != null) {
                for (int i = 0; i < r.claims().size(); i++) {
                    ClaimScore c = r.claims().get(i);
                    rows.add(new ClaimRow(i + 1, c.claim(), c.score(), c.supported()));
                }
                // unsupported first, each group keeping answer order (the sort is stable)
                rows.sort(Comparator.comparing(ClaimRow::supported));
            } else if (r.unsupportedClaims() != null) {
                for (String claim : r.unsupportedClaims()) {
                    rows.add(new ClaimRow(null, claim, null, false));
                }
            }
            int u = RunCounts.unsupported(r);
            answers.add(new AnswerGroundedness(
                    r.itemId(),
                    r.query(),
                    r.groundedness(),
                    r.support(),
                    items.get(r.itemId()).label(),
                    r.evidence(),
                    r.claims() == null ? null : r.claims().size(),
                    u,
                    u > 0,
                    rows));
            sum += r.groundedness();
            if (r.support() != null) {
                supportSum += r.support();
                supported++;
            }
        }
        answers.sort(Comparator.comparingDouble(AnswerGroundedness::groundedness)
                .thenComparing(a -> a.support() == null ? -1 : a.support())
                .thenComparing(AnswerGroundedness::itemId));
        int n = answers.size();
        return new GroundednessBreakdown(
                n,
                n == 0 ? null : sum / n,
                supported == 0 ? null : supportSum / supported,
                n == 0 ? null : (double) counts.hallucinatedAnswers() / n,
                counts.hallucinatedAnswers(),
                counts.claims(),
                counts.unsupportedClaims(),
                answers,
                ReliabilityBins.of(answers));
    }
}
