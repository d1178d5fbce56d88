package io.ragplatform.eval.sets;

import io.ragplatform.eval.store.EvalItem;
import java.util.List;
import java.util.Objects;

/**
 * A chat/query log turned into a dev and a test set, with no near-duplicate query on both sides.
 *
 * @param dev the dev items, sorted by ID
 * @param test the test items, sorted by ID
 * @param report what was read, merged and skipped
 */
public record ChatLogSplit(List<EvalItem> dev, List<EvalItem> test, Report report) {
    public ChatLogSplit {
        dev = List.copyOf(dev);
        test = List.copyOf(test);
        Objects.requireNonNull(report, "report");
    }

    /**
     * What building the split found.
     *
     * @param linesRead lines in the input, blank ones included
     * @param blankLines blank lines, skipped
     * @param invalidLines lines that were not a usable log entry, skipped
     * @param invalidExamples the first few of them, as {@code line N: reason}
     * @param entries valid entries ({@code linesRead - blankLines - invalidLines})
     * @param exactDuplicatesMerged entries merged into another with the same normalized query ({@code entries} less
     *     the number of distinct normalized queries)
     * @param nearDuplicateClusters clusters holding more than one distinct normalized query
     * @param nearDuplicatesDropped distinct normalized queries merged into another's cluster (distinct queries less
     *     clusters)
     * @param idConflicts clusters whose representative's log {@code id} another cluster's representative also had;
     *     they get a hash ID instead
     * @param citedItems items with at least one cited chunk (chunk-level gold)
     * @param answerOnlyItems items without citations but with an answer (scored for groundedness only)
     * @param queryOnlyItems items with neither (kept for manual judging)
     * @param devItems items in dev
     * @param testItems items in test
     */
    public record Report(
            long linesRead,
            long blankLines,
            long invalidLines,
            List<String> invalidExamples,
            long entries,
            long exactDuplicatesMerged,
            int nearDuplicateClusters,
            int nearDuplicatesDropped,
            int idConflicts,
            int citedItems,
            int answerOnlyItems,
            int queryOnlyItems,
            int devItems,
            int testItems) {
        public Report {
            invalidExamples = List.copyOf(invalidExamples);
        }
    }
}
