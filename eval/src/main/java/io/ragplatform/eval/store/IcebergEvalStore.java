package io.ragplatform.eval.store;

import static io.ragplatform.eval.store.EvalTables.QUERY_RESULTS;
import static io.ragplatform.eval.store.EvalTables.RUNS;
import static io.ragplatform.eval.store.EvalTables.SET_ITEMS;

import io.ragplatform.error.RagException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * {@link EvalStore} over three Iceberg tables in one catalog (JDBC/SQLite embedded, or REST).
 *
 * <p>Every call loads the tables afresh from the catalog, so it sees commits of other stores and processes and shares
 * no mutable table state with concurrent calls; writes are serialized on one lock.
 */
final class IcebergEvalStore implements EvalStore {
    private final Catalog catalog;
    private final Closeable closer;
    private final Object writeLock = new Object();

    IcebergEvalStore(Catalog catalog, Closeable closer) {
        this.catalog = catalog;
        this.closer = closer;
        ensureTables();
    }

    private void ensureTables() {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(EvalTables.NAMESPACE)) {
            try {
                namespaces.createNamespace(EvalTables.NAMESPACE);
            } catch (AlreadyExistsException raced) {
                // another process created it between the check and the call
            }
        }
        for (TableIdentifier id : List.of(SET_ITEMS, RUNS, QUERY_RESULTS)) {
            if (!catalog.tableExists(id)) {
                try {
                    var schema = EvalTables.schema(id);
                    catalog.buildTable(id, schema)
                            .withPartitionSpec(EvalTables.spec(id, schema))
                            .withSortOrder(EvalTables.sortOrder(id, schema))
                            .withProperties(EvalTables.properties(id))
                            .create();
                } catch (AlreadyExistsException raced) {
                    // created by another process meanwhile
                }
            } else {
                evolve(id);
            }
        }
    }

    /** Adds the optional columns a newer schema has to a table created by an older one (rows are read by name). */
    private void evolve(TableIdentifier id) {
        Table table = catalog.loadTable(id);
        boolean missing = EvalTables.schema(id).columns().stream()
                .anyMatch(column -> table.schema().findField(column.name()) == null);
        if (missing) {
            table.updateSchema().unionByNameWith(EvalTables.schema(id)).commit();
        }
    }

    // ---- the contract: every failure leaves as a RagException (the store's own, or the caller's input) or, for a
    // programming error, an IllegalArgumentException

    @Override
    public EvalSetVersion createVersion(String name, List<EvalItem> items) {
        return guarded(() -> createVersionUnguarded(name, items));
    }

    @Override
    public List<String> sets() {
        return guarded(() -> setsUnguarded());
    }

    @Override
    public List<EvalSetVersion> versions(String name) {
        return guarded(() -> versionsUnguarded(name));
    }

    @Override
    public EvalSetVersion version(String name, int version) {
        return guarded(() -> versionUnguarded(name, version));
    }

    @Override
    public List<EvalItem> items(String name, int version) {
        return guarded(() -> itemsUnguarded(name, version));
    }

    @Override
    public SetDiff diff(String name, int v1, int v2) {
        return guarded(() -> diffUnguarded(name, v1, v2));
    }

    @Override
    public void saveRun(RunRecord run, List<QueryResultRecord> results) {
        guarded(() -> {
            saveRunUnguarded(run, results);
            return null;
        });
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        return guarded(() -> runUnguarded(runId));
    }

    @Override
    public List<RunRecord> runs(String set) {
        return guarded(() -> runsUnguarded(set));
    }

    @Override
    public List<QueryResultRecord> results(String runId) {
        return guarded(() -> resultsUnguarded(runId));
    }

    /**
     * Runs a call, turning Iceberg's and the file system's unchecked failures into {@link EvalStoreException}s; the
     * platform's own exceptions (a bad set name, a missing set) and argument errors pass unchanged.
     */
    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (RagException | IllegalArgumentException | NullPointerException e) {
            throw e;
        } catch (CommitStateUnknownException e) {
            // the commit may or may not have landed: retrying blindly could store the same data twice
            throw new EvalStoreException("an Iceberg commit's outcome is unknown; read the store before retrying", e);
        } catch (UncheckedIOException e) {
            throw new EvalStoreException("I/O failure in the Iceberg warehouse", e);
        } catch (RuntimeException e) {
            throw new EvalStoreException("Iceberg failure: " + e.getMessage(), e);
        }
    }

    // ---- eval sets

    private EvalSetVersion createVersionUnguarded(String name, List<EvalItem> items) {
        SetNames.check(name);
        if (items.isEmpty()) {
            throw RagException.invalid("invalid_eval_set", "an eval set version needs at least one item");
        }
        List<EvalItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(EvalItem::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw RagException.invalid(
                        "invalid_eval_set", "item id '" + sorted.get(i).id() + "' is listed twice");
            }
        }
        synchronized (writeLock) {
            Table table = catalog.loadTable(SET_ITEMS);
            int version = versionsOf(table, name).stream()
                            .mapToInt(EvalSetVersion::version)
                            .max()
                            .orElse(0)
                    + 1;
            String tag = EvalSetVersion.tag(name, version);
            List<Record> rows = new ArrayList<>(sorted.size());
            for (EvalItem item : sorted) {
                rows.add(EvalTables.toRow(table.schema(), name, version, item));
            }
            DataFile file = EvalTables.write(table, rows);
            Expression thisSet = Expressions.equal("set_name", name);
            long snapshotId;
            try {
                // one transaction: the set's rows are replaced and the new snapshot tagged, or neither happens
                Transaction txn = table.newTransaction();
                OverwriteFiles overwrite = txn.newOverwrite()
                        .overwriteByRowFilter(thisSet)
                        .addFile(file)
                        .validateAddedFilesMatchOverwriteFilter()
                        .conflictDetectionFilter(thisSet)
                        .validateNoConflictingData()
                        .validateNoConflictingDeletes()
                        .set(EvalTables.SUMMARY_SET, name)
                        .set(EvalTables.SUMMARY_VERSION, Integer.toString(version))
                        .set(EvalTables.SUMMARY_ITEMS, Integer.toString(rows.size()));
                Snapshot base = table.currentSnapshot();
                if (base != null) {
                    overwrite.validateFromSnapshot(base.snapshotId());
                }
                overwrite.commit();
                snapshotId = txn.table().currentSnapshot().snapshotId();
                txn.manageSnapshots().createTag(tag, snapshotId).commit();
                txn.commitTransaction();
            } catch (CommitFailedException | ValidationException e) {
                deleteQuietly(table, file, e);
                throw new EvalStoreException(
                        "another writer changed eval set '" + name + "' while version " + version + " was being stored",
                        e,
                        true);
            } catch (IllegalArgumentException e) {
                deleteQuietly(table, file, e);
                table.refresh();
                if (table.refs().containsKey(tag)) {
                    // the tag appeared meanwhile: another process stored the same version number first
                    throw new EvalStoreException(
                            "version " + version + " of eval set '" + name + "' was stored concurrently", e, true);
                }
                throw e;
            }
            table.refresh();
            return toVersion(name, version, table.snapshot(snapshotId));
        }
    }

    private List<String> setsUnguarded() {
        Table table = catalog.loadTable(SET_ITEMS);
        Set<String> names = new TreeSet<>();
        table.refs().forEach((tag, ref) -> {
            if (ref.isTag()) {
                Map<String, String> summary = table.snapshot(ref.snapshotId()).summary();
                String set = summary.get(EvalTables.SUMMARY_SET);
                String version = summary.get(EvalTables.SUMMARY_VERSION);
                if (set != null && version != null && tag.equals(set + "-v" + version)) {
                    names.add(set);
                }
            }
        });
        return List.copyOf(names);
    }

    private List<EvalSetVersion> versionsUnguarded(String name) {
        SetNames.check(name);
        List<EvalSetVersion> versions = versionsOf(catalog.loadTable(SET_ITEMS), name);
        if (versions.isEmpty()) {
            throw new EvalSetNotFoundException(name);
        }
        return versions;
    }

    private EvalSetVersion versionUnguarded(String name, int version) {
        SetNames.check(name);
        return find(catalog.loadTable(SET_ITEMS), name, version);
    }

    private List<EvalItem> itemsUnguarded(String name, int version) {
        SetNames.check(name);
        Table table = catalog.loadTable(SET_ITEMS);
        EvalSetVersion found = find(table, name, version);
        List<EvalItem> items = new ArrayList<>(found.items());
        read(table, found.snapshotId(), Expressions.equal("set_name", name), row -> {
            if (!name.equals(row.getField("set_name"))) {
                return;
            }
            if ((Integer) row.getField("set_version") != version) {
                throw new EvalStoreException(
                        "snapshot " + found.snapshotId() + " tagged " + found.tag()
                                + " holds rows of version " + row.getField("set_version") + "; the table was changed "
                                + "outside this store",
                        null);
            }
            items.add(EvalTables.toItem(row));
        });
        items.sort(Comparator.comparing(EvalItem::id));
        return List.copyOf(items);
    }

    private SetDiff diffUnguarded(String name, int v1, int v2) {
        Map<String, EvalItem> before = byId(items(name, v1));
        Map<String, EvalItem> after = byId(items(name, v2));
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String id : new TreeSet<>(after.keySet())) {
            EvalItem old = before.get(id);
            if (old == null) {
                added.add(id);
            } else if (!old.equals(after.get(id))) {
                changed.add(id);
            }
        }
        for (String id : new TreeSet<>(before.keySet())) {
            if (!after.containsKey(id)) {
                removed.add(id);
            }
        }
        return new SetDiff(added, removed, changed);
    }

    private static Map<String, EvalItem> byId(List<EvalItem> items) {
        Map<String, EvalItem> map = new HashMap<>();
        items.forEach(item -> map.put(item.id(), item));
        return map;
    }

    private static List<EvalSetVersion> versionsOf(Table table, String name) {
        String prefix = name + "-v";
        List<EvalSetVersion> versions = new ArrayList<>();
        for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
            String tag = ref.getKey();
            if (!ref.getValue().isTag() || !tag.startsWith(prefix)) {
                continue;
            }
            String suffix = tag.substring(prefix.length());
            // "<name>-v<digits>" only: set "a" must not claim the tags of set "a-v1" ("a-v1-v1")
            if (suffix.isEmpty()
                    || suffix.length() > 9
                    || !suffix.chars().allMatch(c -> c >= '0' && c <= '9')
                    || suffix.charAt(0) == '0') {
                continue;
            }
            versions.add(toVersion(
                    name,
                    Integer.parseInt(suffix),
                    table.snapshot(ref.getValue().snapshotId())));
        }
        versions.sort(Comparator.comparingInt(EvalSetVersion::version));
        return versions;
    }

    private static EvalSetVersion find(Table table, String name, int version) {
        SnapshotRef ref = version < 1 ? null : table.refs().get(EvalSetVersion.tag(name, version));
        if (ref == null || !ref.isTag()) {
            if (versionsOf(table, name).isEmpty()) {
                throw new EvalSetNotFoundException(name);
            }
            throw new EvalSetNotFoundException(name, version);
        }
        return toVersion(name, version, table.snapshot(ref.snapshotId()));
    }

    private static EvalSetVersion toVersion(String name, int version, Snapshot snapshot) {
        Map<String, String> summary = snapshot.summary();
        String items = summary.getOrDefault(EvalTables.SUMMARY_ITEMS, summary.getOrDefault("added-records", "0"));
        return new EvalSetVersion(
                name,
                version,
                snapshot.snapshotId(),
                Integer.parseInt(items),
                Instant.ofEpochMilli(snapshot.timestampMillis()).toString());
    }

    // ---- runs

    private void saveRunUnguarded(RunRecord run, List<QueryResultRecord> results) {
        Set<String> itemIds = new HashSet<>();
        List<QueryResultRecord> sorted = new ArrayList<>(results);
        for (QueryResultRecord result : sorted) {
            if (!result.runId().equals(run.runId())) {
                throw new IllegalArgumentException("result of item '" + result.itemId() + "' belongs to run '"
                        + result.runId() + "', not '" + run.runId() + "'");
            }
            if (!itemIds.add(result.itemId())) {
                throw new IllegalArgumentException(
                        "two results of run '" + run.runId() + "' for item '" + result.itemId() + "'");
            }
        }
        sorted.sort(Comparator.comparing(QueryResultRecord::itemId));
        synchronized (writeLock) {
            EvalSetVersion pinned = find(catalog.loadTable(SET_ITEMS), run.set(), run.setVersion());
            if (pinned.snapshotId() != run.setSnapshotId()) {
                throw new IllegalArgumentException("run '" + run.runId() + "' pins snapshot " + run.setSnapshotId()
                        + " but " + pinned.tag() + " is snapshot " + pinned.snapshotId());
            }
            Table runs = catalog.loadTable(RUNS);
            Expression thisRun = Expressions.equal("run_id", run.runId());
            if (readRun(runs, run.runId()).isPresent()) {
                throw new DuplicateRunException(run.runId());
            }
            Table resultsTable = catalog.loadTable(QUERY_RESULTS);
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
                            .set(EvalTables.SUMMARY_RUN, run.runId())
                            .commit();
                } catch (CommitFailedException e) {
                    deleteQuietly(resultsTable, resultsFile, e);
                    throw new EvalStoreException(
                            "the results of run '" + run.runId() + "' lost a commit race", e, true);
                }
            }
            DataFile runFile = EvalTables.write(runs, List.of(EvalTables.toRow(runs.schema(), run)));
            try {
                // an overwrite that only adds, so that a run of the same ID committed meanwhile fails validation
                OverwriteFiles add = runs.newOverwrite()
                        .addFile(runFile)
                        .conflictDetectionFilter(thisRun)
                        .validateNoConflictingData()
                        .set(EvalTables.SUMMARY_RUN, run.runId());
                Snapshot base = runs.currentSnapshot();
                if (base != null) {
                    add.validateFromSnapshot(base.snapshotId());
                }
                add.commit();
            } catch (CommitFailedException | ValidationException e) {
                deleteQuietly(runs, runFile, e);
                if (resultsFile != null) {
                    try {
                        resultsTable.newDelete().deleteFile(resultsFile).commit();
                    } catch (RuntimeException suppressed) {
                        // left as orphans; the next save of this run ID removes them
                        e.addSuppressed(suppressed);
                    }
                }
                throw new EvalStoreException(
                        "run '" + run.runId() + "' was stored concurrently or lost a commit race", e, true);
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

    private Optional<RunRecord> runUnguarded(String runId) {
        return readRun(catalog.loadTable(RUNS), runId);
    }

    private static Optional<RunRecord> readRun(Table runs, String runId) {
        Snapshot current = runs.currentSnapshot();
        if (current == null) {
            return Optional.empty();
        }
        List<RunRecord> found = new ArrayList<>(1);
        read(runs, current.snapshotId(), Expressions.equal("run_id", runId), row -> {
            if (runId.equals(row.getField("run_id"))) {
                found.add(EvalTables.toRun(row));
            }
        });
        return found.stream().findFirst();
    }

    private List<RunRecord> runsUnguarded(String set) {
        SetNames.check(set);
        Table runs = catalog.loadTable(RUNS);
        Snapshot current = runs.currentSnapshot();
        if (current == null) {
            return List.of();
        }
        List<RunRecord> found = new ArrayList<>();
        read(runs, current.snapshotId(), Expressions.equal("set_name", set), row -> {
            if (set.equals(row.getField("set_name"))) {
                found.add(EvalTables.toRun(row));
            }
        });
        found.sort(Comparator.comparing((RunRecord r) -> Instant.parse(r.createdAt()))
                .thenComparing(RunRecord::runId));
        return List.copyOf(found);
    }

    private List<QueryResultRecord> resultsUnguarded(String runId) {
        if (run(runId).isEmpty()) {
            return List.of();
        }
        Table table = catalog.loadTable(QUERY_RESULTS);
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return List.of();
        }
        List<QueryResultRecord> found = new ArrayList<>();
        read(table, current.snapshotId(), Expressions.equal("run_id", runId), row -> {
            if (runId.equals(row.getField("run_id"))) {
                found.add(EvalTables.toResult(row));
            }
        });
        found.sort(Comparator.comparing(QueryResultRecord::itemId));
        return List.copyOf(found);
    }

    // ---- helpers

    private static void read(Table table, long snapshotId, Expression filter, Consumer<Record> consumer) {
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
                .useSnapshot(snapshotId)
                .where(filter)
                .build()) {
            for (Record row : rows) {
                consumer.accept(row);
            }
        } catch (IOException e) {
            throw new EvalStoreException("cannot read " + table.name() + " at snapshot " + snapshotId, e);
        }
    }

    private static void deleteQuietly(Table table, DataFile file, Exception failure) {
        try {
            table.io().deleteFile(file.location());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (IOException e) {
            throw new EvalStoreException("cannot close the Iceberg catalog", e);
        }
    }
}
