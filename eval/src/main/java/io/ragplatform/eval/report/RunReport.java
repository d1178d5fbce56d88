package io.ragplatform.eval.report;

import io.ragplatform.eval.run.RunCounts;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.RunPins;
import io.ragplatform.eval.store.RunRecord;
import java.util.List;
import java.util.Objects;

/**
 * A researcher's report of one evaluation run: its pins, metric summary, per-query distributions, worst queries with
 * retrieved and gold side by side, and the groundedness of its answers.
 *
 * <p>A tree of records made of strings, numbers, booleans, lists and nested records only, so it serializes to JSON as
 * is (absent values are {@code null}); {@link ReportHtml} and {@link ReportMarkdown} render it. Every list is in a
 * defined order, so the same inputs give an equal report whatever the order of the input lists.
 *
 * @param pins everything the run was pinned to
 * @param summary the run's metrics and counts
 * @param distributions a histogram per retrieval metric over the judged queries (document level, then chunk level,
 *     in {@link Summary#metrics()} order), then one of the answers' groundedness when answers were judged
 * @param primaryMetric the metric the worst queries are ranked by: {@code ndcg@10} when the run has it, else
 *     {@code chunk.ndcg@10}, else null (then there are no worst queries)
 * @param worstQueries the queries with the lowest primary metric, lowest first, ties by item ID
 * @param groundedness the judged answers, least grounded first
 */
public record RunReport(
        RunPins pins,
        Summary summary,
        List<Histogram> distributions,
        String primaryMetric,
        List<WorstQuery> worstQueries,
        GroundednessBreakdown groundedness) {
    /** Level of metrics and gold on source IDs. */
    public static final String LEVEL_DOCUMENT = "document";
    /** Level of metrics ({@code chunk.} prefix) and gold on chunk IDs. */
    public static final String LEVEL_CHUNK = "chunk";
    /** Level of the groundedness metrics, over judged answers. */
    public static final String LEVEL_ANSWER = "answer";
    /** Level of any metric the report does not know. */
    public static final String LEVEL_OTHER = "other";

    public RunReport {
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(summary, "summary");
        distributions = List.copyOf(distributions);
        worstQueries = List.copyOf(worstQueries);
        Objects.requireNonNull(groundedness, "groundedness");
    }

    /**
     * The report of a run.
     *
     * @param run the run
     * @param results its per-query results, in any order
     * @param items the items of the set version it evaluated, in any order; every result's item must be among them
     * @param worstCount how many worst queries to list, at least 0
     * @throws IllegalArgumentException if a result belongs to another run, an item ID repeats among the results or
     *     the items, a result's item is missing, or {@code worstCount < 0}
     */
    public static RunReport of(RunRecord run, List<QueryResultRecord> results, List<EvalItem> items, int worstCount) {
        return RunReportBuilder.build(run, results, items, worstCount);
    }

    /**
     * The run's metrics and what they were computed over.
     *
     * @param metrics the run's stored means and intervals: document-level recall, precision, mrr, hit and nDCG, then
     *     the same at chunk level, then groundedness and hallucination rate, then any other metric
     * @param counts what was judged
     */
    public record Summary(List<MetricSummary> metrics, RunCounts counts) {
        public Summary {
            metrics = List.copyOf(metrics);
            Objects.requireNonNull(counts, "counts");
        }
    }

    /**
     * One metric of the run.
     *
     * @param name the metric's name, e.g. {@code recall@10}
     * @param level {@link #LEVEL_DOCUMENT}, {@link #LEVEL_CHUNK}, {@link #LEVEL_ANSWER} or {@link #LEVEL_OTHER}
     * @param mean the run's mean
     * @param low the low end of its 95% bootstrap interval, or null when the run stored none
     * @param high the high end of that interval, or null
     */
    public record MetricSummary(String name, String level, double mean, Double low, Double high) {}

    /**
     * The distribution of one per-query metric.
     *
     * @param metric the metric's name ({@code groundedness} for the answers' groundedness)
     * @param level the metric's level
     * @param values how many queries have a value
     * @param zeros how many values are exactly 0
     * @param ones how many values are exactly 1
     * @param bins ten bins of width 0.1 over [0, 1], each including its low end and the last also 1
     */
    public record Histogram(String metric, String level, int values, int zeros, int ones, List<Bin> bins) {
        public Histogram {
            bins = List.copyOf(bins);
        }
    }

    /**
     * One bin of a {@link Histogram}.
     *
     * @param low the bin's low end, included
     * @param high the bin's high end, excluded except for the last bin
     * @param count how many values fall in it
     */
    public record Bin(double low, double high, int count) {}

    /**
     * One of the worst queries.
     *
     * @param itemId the item's ID
     * @param query the query as run
     * @param primaryValue its value of the report's primary metric
     * @param metrics all its per-query metrics, in report order
     * @param gold the item's gold judgments: source IDs first, then chunk IDs, each by grade (highest first) then ID,
     *     with the rank each was retrieved at
     * @param retrievedChunks the ranked chunks, marking the gold ones
     * @param retrievedDocuments the ranked source IDs (document level, each at its best chunk), marking the gold ones
     * @param firstRelevantDocumentRank the rank of the first relevant source (grade above 0), or null when none was
     *     retrieved or the item has no source-ID gold
     * @param firstRelevantChunkRank the rank of the first relevant chunk, or null when none was retrieved or the item
     *     has no chunk-ID gold
     */
    public record WorstQuery(
            String itemId,
            String query,
            double primaryValue,
            List<MetricValue> metrics,
            List<GoldEntry> gold,
            List<RankedResult> retrievedChunks,
            List<RankedResult> retrievedDocuments,
            Integer firstRelevantDocumentRank,
            Integer firstRelevantChunkRank) {
        public WorstQuery {
            metrics = List.copyOf(metrics);
            gold = List.copyOf(gold);
            retrievedChunks = List.copyOf(retrievedChunks);
            retrievedDocuments = List.copyOf(retrievedDocuments);
        }
    }

    /**
     * One gold judgment of a worst query.
     *
     * @param level {@link #LEVEL_DOCUMENT} (the ID is a source ID) or {@link #LEVEL_CHUNK} (a chunk ID)
     * @param id the source or chunk ID
     * @param grade its graded relevance
     * @param relevant whether the grade is above 0
     * @param retrievedRank the rank it was retrieved at in the ranking of its level, or null when it was not retrieved
     */
    public record GoldEntry(String level, String id, int grade, boolean relevant, Integer retrievedRank) {}

    /**
     * One retrieved chunk or source of a worst query.
     *
     * @param rank its rank, from 1
     * @param id the chunk or source ID
     * @param score the retriever's score (chunks only, when recorded), or null
     * @param goldGrade its grade in the item's gold at this level, or null when it is not judged
     * @param relevant whether it is judged with a grade above 0
     */
    public record RankedResult(int rank, String id, Double score, Integer goldGrade, boolean relevant) {}

    /**
     * The groundedness of the run's judged answers, over the per-query results.
     *
     * @param answers how many answers were judged
     * @param meanGroundedness their mean groundedness, or null when none was judged
     * @param meanSupport their mean support score, over those whose result records one, or null when none does
     * @param hallucinationRate the share of them with at least one unsupported claim, or null when none was judged
     * @param hallucinatedAnswers how many have at least one unsupported claim
     * @param claims their claims, as far as the results recorded every claim
     * @param unsupportedClaims their unsupported claims
     * @param items every judged answer, least grounded first, then least supported, ties by item ID
     */
    public record GroundednessBreakdown(
            int answers,
            Double meanGroundedness,
            Double meanSupport,
            Double hallucinationRate,
            int hallucinatedAnswers,
            int claims,
            int unsupportedClaims,
            List<AnswerGroundedness> items,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Reliability reliability) {
        public GroundednessBreakdown {
            items = List.copyOf(items);
        }
    }

    /**
     * How well the support score's level matches what the set's labels say: the labelled answers with a support score,
     * in ten bins of support of width 0.1 (the last includes 1), each with the share its labels call supported. A
     * calibrated score puts each bin's share near its mean support; a score that ranks well but is not calibrated
     * (align-contrast's) still has shares that rise from bin to bin.
     *
     * @param answers labelled answers with a support score
     * @param supported how many of them are labelled supported
     * @param bins the ten bins, lowest support first (empty ones included)
     */
    public record Reliability(int answers, int supported, List<ReliabilityBin> bins) {
        public Reliability {
            bins = List.copyOf(bins);
        }
    }

    /**
     * One bin of a {@link Reliability}.
     *
     * @param low its lowest support (inclusive)
     * @param high its highest (exclusive, but 1 for the last bin)
     * @param answers labelled answers in it
     * @param supported how many of them are labelled supported
     * @param meanSupport their mean support, or null when the bin is empty
     */
    public record ReliabilityBin(double low, double high, int answers, int supported, Double meanSupport) {
        /** The share labelled supported, or null when empty. */
        public Double share() {
            return answers == 0 ? null : (double) supported / answers;
        }
    }

    /**
     * One judged answer.
     *
     * @param itemId the item's ID
     * @param query the query as run
     * @param groundedness the answer's groundedness in [0, 1]
     * @param support the answer's continuous support score in [0, 1], or null when not recorded
     * @param label what the set's item says of the answer: supported (true) or not (false); null when unlabelled
     * @param evidence what the claims were checked against ({@code contexts} or {@code retrieved}), or null when not
     *     recorded
     * @param claimCount how many claims the answer has, or null when the result recorded only its unsupported claims
     * @param unsupportedCount how many of them are unsupported
     * @param hallucinated whether at least one is unsupported
     * @param claims the claims, unsupported first, each group in answer order
     */
    public record AnswerGroundedness(
            String itemId,
            String query,
            double groundedness,
            Double support,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Boolean label,

            String evidence,
            Integer claimCount,
            int unsupportedCount,
            boolean hallucinated,
            List<ClaimRow> claims) {
        public AnswerGroundedness {
            claims = List.copyOf(claims);
        }
    }

    /**
     * One claim of a judged answer.
     *
     * @param position its position in the answer, from 1, or null when the result recorded only unsupported claims
     * @param claim the claim's text
     * @param score its support score in [0, 1], or null when not recorded
     * @param supported whether it reached the evaluator's threshold
     */
    public record ClaimRow(Integer position, String claim, Double score, boolean supported) {}
}
