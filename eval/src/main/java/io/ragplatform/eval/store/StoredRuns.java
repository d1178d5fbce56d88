package io.ragplatform.eval.store;

import static io.ragplatform.eval.store.EvalTables.QUERY_RESULTS;
import static io.ragplatform.eval.store.EvalTables.RUNS;
import static io.ragplatform.eval.store.EvalTables.SET_ITEMS;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The runs of an {@link IcebergEvalStore}: one row of {@code eval.runs} per run and its per-item rows in
 * {@code eval.query_results} (identity-partitioned by run), the results committed first so that a run row never points
 * at missing results. Writes hold the store's write lock.
 */
final class StoredRuns {
    private final StoreTables tables;

    StoredRuns(StoreTables tables) {
        this.tables = tables;
    }

    void save(RunRecord run, List<QueryResultRecord> results) {
        Set<String> itemIds = new HashSet<>();
        List<QueryResultRecord> sorted = new ArrayList<>(results);
        for (QueryResultRecord result : sorted) {
            if (!result.runId().equals(run.pins().runId())) {
                throw new IllegalArgumentException("result of item '" + result.itemId() + "' belongs to run '"
                        + result.runId() + "', not '" + run.pins().runId() + "'");
            }
            if (!itemIds.add(result.itemId())) {
                throw new IllegalArgumentException(
                        "two results of run '" + run.pins().runId() + "' for item '" + result.itemId() + "'");
            }
        }
        sorted.sort(Comparator.comparing(QueryResultRecord::itemId));
        synchronized (tables.writeLock()) {
            Table items = tables.load(SET_ITEMS);
            EvalSetVersion pinned =
                    SetVersions.find(items, run.pins().set(), run.pins().setVersion());
            if (!SetVersions.holdsPin(items, pinned, run.pins().setSnapshotId())) {
                throw new IllegalArgumentException("run '" + run.pins().runId() + "' pins snapshot "
                        + run.pins().setSnapshotId() + " but " + pinned.tag() + " is snapshot " + pinned.snapshotId());
            }
            Table runs = tables.load(RUNS);
            Expression thisRun = Expressions.equal("run_id", run.pins().runId());
            if (readRun(runs, run.pins().runId()).isPresent()) {
                throw new DuplicateRunException(run.pins().runId());
            }
            Table resultsTable = tables.load(QUERY_RESULTS);
            removeOrphanResults(resultsTable, thisRun);
            DataFile resultsFile = null;
            if (!sorted.isEmpty()) {
                List<Record> rows = new ArrayList<>(sorted.size());
                sorted.forEach(result -> rows.add(EvalTables.toRow(resultsTable.schema(), result)));
                resultsFile = EvalTables.write(resultsTable, rows);
                try {
                    resultsTable
                            .newAppend()
                            .appendFile(resultsFile)
                            .set(EvalTables.SUMMARY_RUN, run.pins().runId())
                            .commit();
                } catch (CommitFailedException e) {
                    IcebergIO.deleteQuietly(resultsTable, resultsFile, e);
                    throw new EvalStoreException(
                            "the results of run '" + run.pins().runId() + "' lost a commit race", e, true);
                }
            }
            DataFile runFile = EvalTables.write(runs, List.of(EvalTables.toRow(runs.schema(), run)));
            try {
                // an overwrite that only adds, so that a run of the same ID committed meanwhile fails validation
                OverwriteFiles add = runs.newOverwrite()
                        .addFile(runFile)
                        .conflictDetectionFilter(thisRun)
                        .validateNoConflictingData()
                        .set(EvalTables.SUMMARY_RUN, run.pins().runId());
                Snapshot base = runs.currentSnapshot();
                if (base != null) {
                    add.validateFromSnapshot(base.snapshotId());
                }
                add.commit();
            } catch (CommitFailedException | ValidationException e) {
                IcebergIO.deleteQuietly(runs, runFile, e);
                if (resultsFile != null) {
                    try {
                        resultsTable.newDelete().deleteFile(resultsFile).commit();
                    } catch (RuntimeException suppressed) {
                        // left as orphans; the next save of this run ID removes them
                        e.addSuppressed(suppressed);
                    }
                }
                throw new EvalStoreException(
                        "run '" + run.pins().runId() + "' was stored concurrently or lost a commit race", e, true);
            }
        }
    }

    /** Results of a run ID with no run row: left by a save that died between its two commits. */
    private static void removeOrphanResults(Table resultsTable, Expression thisRun) {
        boolean any;
        try (CloseableIterable<FileScanTask> tasks =
                resultsTable.newScan().filter(thisRun).planFiles()) {
            any = tasks.iterator().hasNext();
        } catch (IOException e) {
            throw new EvalStoreException("cannot plan a scan of " + resultsTable.name(), e);
        }
        if (any) {
            // identity-partitioned by run_id, so whole files match and no row-level delete is needed
            resultsTable.newDelete().deleteFromRowFilter(thisRun).commit();
        }
    }

    Optional<RunRecord> run(String runId) {
        return readRun(tables.load(RUNS), runId);
    }

    private static Optional<RunRecord> readRun(Table runs, String runId) {
        return IcebergIO.readCurrent(runs, "run_id", runId, EvalTables::toRun).stream()
                .findFirst();
    }

    /** Every stored run, in no particular order. */
    List<RunRecord> all() {
        Table runs = tables.load(RUNS);
        List<RunRecord> found = new ArrayList<>();
        Snapshot current = runs.currentSnapshot();
        if (current != null) {
            IcebergIO.read(
                    runs, current.snapshotId(), Expressions.alwaysTrue(), row -> found.add(EvalTables.toRun(row)));
        }
        return found;
    }

    List<RunRecord> runs(String set) {
        SetNames.check(set);
        List<RunRecord> found = IcebergIO.readCurrent(tables.load(RUNS), "set_name", set, EvalTables::toRun);
        found.sort(Comparator.comparing((RunRecord r) -> Instant.parse(r.pins().createdAt()))
                .thenComparing(r -> r.pins().runId()));
        return List.copyOf(found);
    }

    List<QueryResultRecord> results(String runId) {
        if (run(runId).isEmpty()) {
            return List.of();
        }
        List<QueryResultRecord> found =
                IcebergIO.readCurrent(tables.load(QUERY_RESULTS), "run_id", runId, EvalTables::toResult);
        found.sort(Comparator.comparing(QueryResultRecord::itemId));
        return List.copyOf(found);
    }
}
