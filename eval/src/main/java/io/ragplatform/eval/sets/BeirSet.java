package io.ragplatform.eval.sets;

import io.ragplatform.eval.store.EvalItem;
import java.util.List;
import java.util.Objects;

/**
 * The evaluation items of one BEIR split, with what reading them found.
 *
 * @param split the split read (e.g. {@code test})
 * @param items one item per judged query that has text, sorted by ID; document-level gold
 *     ({@link io.ragplatform.eval.store.Relevance#source(String, int) Relevance.source(corpusId, score)}) sorted by
 *     source ID, grade 0 rows kept as judged-not-relevant
 * @param report counts and examples of what was skipped or could not be matched
 */
public record BeirSet(String split, List<EvalItem> items, Report report) {
    public BeirSet {
        Objects.requireNonNull(split, "split");
        items = List.copyOf(items);
        Objects.requireNonNull(report, "report");
    }

    /**
     * What reading a split found. Example lists hold the first few IDs (in ID order), not all of them.
     *
     * @param queries queries in {@code queries.jsonl}
     * @param qrelsRows judgment rows in the split's qrels file (header and blank lines not counted)
     * @param judgedQueries distinct query IDs in the split's qrels
     * @param items items produced ({@code judgedQueries} less the missing and blank ones)
     * @param itemsWithoutPositive items whose judgments all have grade 0 or less (metrics leave them out)
     * @param duplicateJudgments rows repeating a (query, document) pair already judged; the highest grade is kept
     * @param missingQueries judged query IDs absent from {@code queries.jsonl}; they give no item
     * @param missingQueryExamples the first few of them
     * @param blankQueries judged queries whose text is blank; they give no item
     * @param blankQueryExamples the first few of them
     * @param corpusDocuments documents in {@code corpus.jsonl}
     * @param unknownDocumentRows qrels rows naming a document ID absent from the corpus (kept as judgments: such a
     *     document can never be retrieved, as in BEIR's own evaluation)
     * @param unknownDocumentExamples the first few of those document IDs
     */
    public record Report(
            int queries,
            long qrelsRows,
            int judgedQueries,
            int items,
            int itemsWithoutPositive,
            long duplicateJudgments,
            int missingQueries,
            List<String> missingQueryExamples,
            int blankQueries,
            List<String> blankQueryExamples,
            long corpusDocuments,
            long unknownDocumentRows,
            List<String> unknownDocumentExamples) {
        public Report {
            missingQueryExamples = List.copyOf(missingQueryExamples);
            blankQueryExamples = List.copyOf(blankQueryExamples);
            unknownDocumentExamples = List.copyOf(unknownDocumentExamples);
        }
    }
}
