package io.ragplatform.eval.store;

import static io.ragplatform.eval.store.EvalTables.QUERY_RESULTS;
import static io.ragplatform.eval.store.EvalTables.SET_ITEMS;

import io.ragplatform.ingest.Hashing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The erasure of an {@link IcebergEvalStore} ({@link EvalStore#erase}): in {@code eval.set_items} and
 * {@code eval.query_results}, every data file that some branch or tag still reads and that holds erased text is
 * replaced by a copy whose matching fields read {@link EvalStore#ERASED}; then every snapshot no branch or tag points
 * at is expired, and the files only it reached are deleted.
 *
 * <p>Per table, all of it is one Iceberg transaction: {@code main} is rewritten in place, a tag on another snapshot on a
 * temporary branch made at its snapshot, moved to the result and the branch removed again. So a table is either wholly
 * rewritten or untouched, and a failure before the expiry leaves nothing a re-run would not finish. A file shared by
 * several snapshots is read and rewritten once. The new snapshots carry {@link EvalTables#SUMMARY_ERASURE} and
 * {@link EvalTables#SUMMARY_REPLACES} (the snapshots a set version had before, so runs pinned to them stay valid), and
 * keep the set-version keys and creation time of the one they replace.
 */
final class StoreErasure {
    /** Prefix of the temporary branches, which live only inside one transaction. */
    static final String BRANCH_PREFIX = "rag-erasure-";

    private final StoreTables tables;
    private final StoredRuns runs;

    StoreErasure(StoreTables tables, StoredRuns runs) {
        this.tables = tables;
        this.runs = runs;
    }

    /** What the text fields of one table are, and which run or set version a row belongs to. */
    private record TextColumns(TableIdentifier table, Function<Record, String> owner, RowScrubber scrubber) {}

    @FunctionalInterface
    private interface RowScrubber {
        /** Replaces the row's fields that hold erased text; returns how many it replaced. */
        int scrub(Record row, ErasedSpans spans);
    }

    private static final TextColumns ITEM_TEXT = new TextColumns(
            SET_ITEMS,
            row -> EvalSetVersion.tag(row.getField("set_name").toString(), (Integer) row.getField("set_version")),
            (row, spans) -> scrubString(row, "query", spans)
                    + scrubString(row, "answer", spans)
                    + scrubStrings(row, "contexts", spans));

    private static final TextColumns RESULT_TEXT = new TextColumns(
            QUERY_RESULTS,
            row -> row.getField("run_id").toString(),
            (row, spans) -> scrubString(row, "query", spans)
                    + scrubStrings(row, "unsupported_claims", spans)
                    + scrubClaims(row, spans));

    /** One data file read: its replacement (null when nothing in it matched) and what was replaced. */
    private record FileScrub(DataFile replacement, int fields, int rows, Set<String> owners) {}

    /** What the rewrite of one table did. */
    private record TableScrub(Set<String> owners, Set<String> scrubbedTags, int fields, int rows, int files) {}

    ErasureResult erase(ErasedText erased) {
        ErasedSpans spans = new ErasedSpans(erased.texts());
        String erasureId = Hashing.id128(erased.ids().toArray(String[]::new));
        synchronized (tables.writeLock()) {
            TableScrub items = rewrite(ITEM_TEXT, spans, erasureId);
            TableScrub results = rewrite(RESULT_TEXT, spans, erasureId);
            int[] removed = new int[1];
            int expired = expireUnreferenced(SET_ITEMS, removed) + expireUnreferenced(QUERY_RESULTS, removed);

            Map<String, SortedSet<String>> affected = holding(erased.ids());
            for (RunRecord run : runs.all()) {
                String runId = run.pins().runId();
                String tag = EvalSetVersion.tag(run.pins().set(), run.pins().setVersion());
                if (results.owners().contains(runId) || items.owners().contains(tag)) {
                    affected.computeIfAbsent(runId, id -> new TreeSet<>());
                }
            }
            Map<String, List<String>> affectedRuns = new TreeMap<>();
            affected.forEach((run, ids) -> affectedRuns.put(run, List.copyOf(ids)));
            return new ErasureResult(
                    List.copyOf(new TreeSet<>(results.owners())),
                    List.copyOf(new TreeSet<>(items.scrubbedTags())),
                    affectedRuns,
                    items.fields() + results.fields(),
                    items.rows() + results.rows(),
                    items.files() + results.files(),
                    removed[0],
                    expired);
        }
    }

    /**
     * The stored runs that hold any of the IDs: retrieved it (a chunk or source ID of their results) or evaluated a set
     * version that judged it; each with the IDs it holds, sorted.
     */
    Map<String, SortedSet<String>> holding(Set<String> ids) {
        Map<String, SortedSet<String>> found = new TreeMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<RunRecord> all = runs.all();
        Set<String> runIds = new HashSet<>();
        all.forEach(run -> runIds.add(run.pins().runId()));
        Table results = tables.load(QUERY_RESULTS);
        Snapshot current = results.currentSnapshot();
        if (current != null) {
            IcebergIO.read(results, current.snapshotId(), Expressions.alwaysTrue(), row -> {
                String runId = row.getField("run_id").toString();
                if (runIds.contains(runId)) {
                    for (String column : List.of("retrieved_chunk_ids", "retrieved_source_ids")) {
                        for (Object id : (List<?>) row.getField(column)) {
                            if (ids.contains(id.toString())) {
                                found.computeIfAbsent(runId, r -> new TreeSet<>())
                                        .add(id.toString());
                            }
                        }
                    }
                }
            });
        }
        Table items = tables.load(SET_ITEMS);
        Map<String, Set<String>> judgedByVersion = new HashMap<>();
        for (RunRecord run : all) {
            RunPins pins = run.pins();
            Set<String> judged = judgedByVersion.computeIfAbsent(
                    EvalSetVersion.tag(pins.set(), pins.setVersion()),
                    tag -> judged(items, pins.set(), pins.setVersion(), ids));
            if (!judged.isEmpty()) {
                found.computeIfAbsent(pins.runId(), r -> new TreeSet<>()).addAll(judged);
            }
        }
        return found;
    }

    /** The IDs among {@code ids} that a set version's judgments name. */
    private static Set<String> judged(Table items, String set, int version, Set<String> ids) {
        Set<String> judged = new HashSet<>();
        EvalSetVersion found;
        try {
            found = SetVersions.find(items, set, version);
        } catch (EvalSetNotFoundException gone) {
            // the tag was removed outside this store: nothing to read
            return judged;
        }
        IcebergIO.read(items, found.snapshotId(), Expressions.equal("set_name", set), row -> {
            if (set.equals(row.getField("set_name").toString())) {
                for (Relevance relevance : EvalTables.toItem(row).relevant()) {
                    String id = relevance.chunkId() != null ? relevance.chunkId() : relevance.sourceId();
                    if (ids.contains(id)) {
                        judged.add(id);
                    }
                }
            }
        });
        return judged;
    }

    /**
     * Rewrites, in one transaction, the files of every ref's snapshot that hold erased text; once anything in the table
     * was rewritten, also the manifests of every ref's snapshot that still list removed files.
     */
    private TableScrub rewrite(TextColumns columns, ErasedSpans spans, String erasureId) {
        Table table = tables.load(columns.table());
        Set<String> owners = new HashSet<>();
        Set<String> scrubbedTags = new HashSet<>();
        int[] counts = new int[3];
        if (spans.isEmpty()) {
            return new TableScrub(owners, scrubbedTags, 0, 0, 0);
        }
        Map<String, FileScrub> byFile = new HashMap<>();
        try {
            Map<Long, List<DataFile>> filesBySnapshot = new LinkedHashMap<>();
            Map<Long, List<Map.Entry<String, SnapshotRef>>> groups = refsBySnapshot(table);
            for (Map.Entry<Long, List<Map.Entry<String, SnapshotRef>>> group : groups.entrySet()) {
                List<DataFile> files = dataFiles(table, group.getKey());
                Set<String> ownersHere = new HashSet<>();
                for (DataFile file : files) {
                    FileScrub scrub = byFile.get(file.location());
                    if (scrub == null) {
                        scrub = scrubFile(table, file, columns, spans);
                        byFile.put(file.location(), scrub);
                        if (scrub.replacement() != null) {
                            counts[0] += scrub.fields();
                            counts[1] += scrub.rows();
                            counts[2]++;
                        }
                    }
                    ownersHere.addAll(scrub.owners());
                }
                filesBySnapshot.put(group.getKey(), files);
                owners.addAll(ownersHere);
                for (Map.Entry<String, SnapshotRef> ref : group.getValue()) {
                    if (ref.getValue().isTag() && ownersHere.contains(ref.getKey())) {
                        scrubbedTags.add(ref.getKey());
                    }
                }
            }
            if (counts[2] > 0) {
                Transaction txn = table.newTransaction();
                groups.forEach((snapshotId, refs) -> replaceIn(
                        txn, table.snapshot(snapshotId), refs, filesBySnapshot.get(snapshotId), byFile, erasureId));
                txn.commitTransaction();
            }
        } catch (CommitStateUnknownException e) {
            // the files may be in the committed table now: keep them
            throw e;
        } catch (CommitFailedException | ValidationException e) {
            deleteReplacements(table, byFile, e);
            throw new EvalStoreException("another writer changed " + table.name() + " during an erasure", e, true);
        } catch (RuntimeException e) {
            deleteReplacements(table, byFile, e);
            throw e;
        }
        return new TableScrub(owners, scrubbedTags, counts[0], counts[1], counts[2]);
    }

    /**
     * Within the transaction: gives the snapshot's refs a snapshot of the same files, with the scrubbed copies in place
     * of those that held erased text, {@code main} in place and the other refs (tags) via a temporary branch made at
     * the snapshot. It takes two commits: one removes every file, one adds them back. A single {@link
     * org.apache.iceberg.RewriteFiles} would leave each replaced file listed as removed in a manifest the new snapshot
     * keeps, with the file's column bounds (up to 16 characters of each text column); the second commit drops the
     * manifests that list nothing live. Also done, once this erasure replaced any file of the table, for a snapshot
     * whose manifests list files removed earlier (they may be replaced ones). Every ref of the snapshot then points at
     * the one new snapshot.
     */
    private static void replaceIn(
            Transaction txn,
            Snapshot old,
            List<Map.Entry<String, SnapshotRef>> refs,
            List<DataFile> files,
            Map<String, FileScrub> byFile,
            String erasureId) {
        boolean replaces =
                files.stream().anyMatch(file -> byFile.get(file.location()).replacement() != null);
        if (files.isEmpty() || !replaces && !listsRemovedFiles(txn.table(), old)) {
            return;
        }
        boolean onMain = refs.stream().anyMatch(ref -> ref.getKey().equals(SnapshotRef.MAIN_BRANCH));
        String branch = onMain ? SnapshotRef.MAIN_BRANCH : BRANCH_PREFIX + old.snapshotId();
        if (!onMain) {
            txn.manageSnapshots().createBranch(branch, old.snapshotId()).commit();
        }
        Map<String, String> summary = erasureSummary(old, erasureId);
        DeleteFiles remove = txn.newDelete().validateFilesExist().toBranch(branch);
        files.forEach(remove::deleteFile);
        summary.forEach(remove::set);
        remove.commit();
        AppendFiles add = txn.newAppend().toBranch(branch);
        for (DataFile file : files) {
            DataFile replacement = byFile.get(file.location()).replacement();
            add.appendFile(replacement != null ? replacement : file);
        }
        summary.forEach(add::set);
        add.commit();
        long replacement = txn.table().refs().get(branch).snapshotId();
        ManageSnapshots move = txn.manageSnapshots();
        boolean moved = false;
        for (Map.Entry<String, SnapshotRef> ref : refs) {
            if (ref.getKey().equals(branch)) {
                continue;
            }
            if (ref.getValue().isTag()) {
                move.replaceTag(ref.getKey(), replacement);
            } else {
                move.replaceBranch(ref.getKey(), replacement);
            }
            moved = true;
        }
        if (!onMain) {
            move.removeBranch(branch);
            moved = true;
        }
        if (moved) {
            move.commit();
        }
    }

    /** Whether one of the snapshot's data manifests keeps entries of files it removed. */
    private static boolean listsRemovedFiles(Table table, Snapshot snapshot) {
        return snapshot.dataManifests(table.io()).stream().anyMatch(ManifestFile::hasDeletedFiles);
    }

    /**
     * The summary of a snapshot that replaces {@code old}: old's set-version keys and creation time (so the version
     * reads as before), the erasure's ID, and every snapshot the version had before, oldest first.
     */
    static Map<String, String> erasureSummary(Snapshot old, String erasureId) {
        Map<String, String> summary = new LinkedHashMap<>();
        for (String key : List.of(EvalTables.SUMMARY_SET, EvalTables.SUMMARY_VERSION, EvalTables.SUMMARY_ITEMS)) {
            String value = old.summary().get(key);
            if (value != null) {
                summary.put(key, value);
            }
        }
        summary.put(EvalTables.SUMMARY_CREATED_AT, SetVersions.createdAt(old));
        summary.put(EvalTables.SUMMARY_ERASURE, erasureId);
        String before = old.summary().get(EvalTables.SUMMARY_REPLACES);
        summary.put(
                EvalTables.SUMMARY_REPLACES,
                before == null ? Long.toString(old.snapshotId()) : before + "," + old.snapshotId());
        return summary;
    }

    /** The snapshots the table's refs point at, {@code main}'s first, each with its refs. */
    private static Map<Long, List<Map.Entry<String, SnapshotRef>>> refsBySnapshot(Table table) {
        Map<Long, List<Map.Entry<String, SnapshotRef>>> groups = new LinkedHashMap<>();
        SnapshotRef main = table.refs().get(SnapshotRef.MAIN_BRANCH);
        if (main != null) {
            groups.put(main.snapshotId(), new ArrayList<>());
        }
        new TreeMap<>(table.refs())
                .entrySet()
                .forEach(ref -> groups.computeIfAbsent(ref.getValue().snapshotId(), id -> new ArrayList<>())
                        .add(ref));
        return groups;
    }

    /** The data files of one snapshot; row-level deletes are refused (this store never writes them). */
    private static List<DataFile> dataFiles(Table table, long snapshotId) {
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks =
                table.newScan().useSnapshot(snapshotId).includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                if (!task.deletes().isEmpty()) {
                    throw new EvalStoreException(
                            table.name() + " has row-level deletes (written outside this store); erasure cannot "
                                    + "rewrite " + task.file().location() + " safely",
                            null);
                }
                files.add(task.file());
            }
        } catch (IOException e) {
            throw new EvalStoreException("cannot plan a scan of " + table.name() + " at snapshot " + snapshotId, e);
        }
        return files;
    }

    /** Reads a data file and, when any row holds erased text, writes its scrubbed copy (not yet committed). */
    private static FileScrub scrubFile(Table table, DataFile file, TextColumns columns, ErasedSpans spans) {
        List<Record> rows = IcebergIO.readFile(table, file);
        int fields = 0;
        int scrubbedRows = 0;
        Set<String> owners = new HashSet<>();
        for (Record row : rows) {
            int n = columns.scrubber().scrub(row, spans);
            if (n > 0) {
                fields += n;
                scrubbedRows++;
                owners.add(columns.owner().apply(row));
            }
        }
        if (fields == 0) {
            return new FileScrub(null, 0, 0, Set.of());
        }
        return new FileScrub(EvalTables.write(table, rows), fields, scrubbedRows, owners);
    }

    private static void deleteReplacements(Table table, Map<String, FileScrub> byFile, Exception failure) {
        for (FileScrub scrub : byFile.values()) {
            if (scrub.replacement() != null) {
                IcebergIO.deleteQuietly(table, scrub.replacement(), failure);
            }
        }
    }

    /**
     * Expires every snapshot that no branch or tag points at, deleting the files only they reached; adds the deleted
     * files to {@code removed[0]} and returns how many snapshots went. Nothing is committed when there are none.
     */
    private int expireUnreferenced(TableIdentifier id, int[] removed) {
        Table table = tables.load(id);
        Set<Long> needed = new HashSet<>();
        table.refs().values().forEach(ref -> needed.add(ref.snapshotId()));
        List<Long> unneeded = new ArrayList<>();
        for (Snapshot snapshot : table.snapshots()) {
            if (!needed.contains(snapshot.snapshotId())) {
                unneeded.add(snapshot.snapshotId());
            }
        }
        if (unneeded.isEmpty()) {
            return 0;
        }
        var expire = table.expireSnapshots().cleanExpiredFiles(true).deleteWith(location -> {
            table.io().deleteFile(location);
            removed[0]++;
        });
        unneeded.forEach(expire::expireSnapshotId);
        expire.commit();
        return unneeded.size();
    }

    // ---- the fields

    private static int scrubString(Record row, String column, ErasedSpans spans) {
        Object value = row.getField(column);
        if (value != null && !EvalStore.ERASED.equals(value.toString()) && spans.holds(value.toString())) {
            row.setField(column, EvalStore.ERASED);
            return 1;
        }
        return 0;
    }

    private static int scrubStrings(Record row, String column, ErasedSpans spans) {
        Object value = row.getField(column);
        if (value == null) {
            return 0;
        }
        List<Object> copy = new ArrayList<>((List<?>) value);
        int n = 0;
        for (int i = 0; i < copy.size(); i++) {
            String text = copy.get(i).toString();
            if (!EvalStore.ERASED.equals(text) && spans.holds(text)) {
                copy.set(i, EvalStore.ERASED);
                n++;
            }
        }
        if (n > 0) {
            row.setField(column, copy);
        }
        return n;
    }

    private static int scrubClaims(Record row, ErasedSpans spans) {
        Object value = row.getField("claims");
        if (value == null) {
            return 0;
        }
        List<Record> copy = new ArrayList<>();
        int n = 0;
        for (Object element : (List<?>) value) {
            Record claim = ((Record) element).copy();
            n += scrubString(claim, "claim", spans);
            copy.add(claim);
        }
        if (n > 0) {
            row.setField("claims", copy);
        }
        return n;
    }
}
