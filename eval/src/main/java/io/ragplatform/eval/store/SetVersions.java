package io.ragplatform.eval.store;

import static io.ragplatform.eval.store.EvalTables.SET_ITEMS;

import io.ragplatform.error.RagException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The eval sets of an {@link IcebergEvalStore}: each version an immutable snapshot of {@code eval.set_items} tagged
 * {@code <name>-v<version>}, written in one transaction (rows replaced and tag created, or neither), read by time
 * travel to its tag. Writes hold the store's write lock.
 */
final class SetVersions {
    private final StoreTables tables;

    SetVersions(StoreTables tables) {
        this.tables = tables;
    }

    EvalSetVersion create(String name, List<EvalItem> items) {
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
        synchronized (tables.writeLock()) {
            Table table = tables.load(SET_ITEMS);
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
                IcebergIO.deleteQuietly(table, file, e);
                throw new EvalStoreException(
                        "another writer changed eval set '" + name + "' while version " + version + " was being stored",
                        e,
                        true);
            } catch (IllegalArgumentException e) {
                IcebergIO.deleteQuietly(table, file, e);
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

    List<String> sets() {
        Table table = tables.load(SET_ITEMS);
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

    List<EvalSetVersion> versions(String name) {
        SetNames.check(name);
        List<EvalSetVersion> versions = versionsOf(tables.load(SET_ITEMS), name);
        if (versions.isEmpty()) {
            throw new EvalSetNotFoundException(name);
        }
        return versions;
    }

    EvalSetVersion version(String name, int version) {
        SetNames.check(name);
        return find(tables.load(SET_ITEMS), name, version);
    }

    List<EvalItem> items(String name, int version) {
        SetNames.check(name);
        Table table = tables.load(SET_ITEMS);
        EvalSetVersion found = find(table, name, version);
        List<EvalItem> items = new ArrayList<>(found.items());
        IcebergIO.read(table, found.snapshotId(), Expressions.equal("set_name", name), row -> {
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

    SetDiff diff(String name, int v1, int v2) {
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

    static EvalSetVersion find(Table table, String name, int version) {
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
        return new EvalSetVersion(name, version, snapshot.snapshotId(), Integer.parseInt(items), createdAt(snapshot));
    }

    /**
     * When the set version a snapshot holds was created: its commit time, or for a snapshot an erasure rewrote, the
     * time it keeps of the snapshot it replaced.
     */
    static String createdAt(Snapshot snapshot) {
        String kept = snapshot.summary().get(EvalTables.SUMMARY_CREATED_AT);
        return kept != null
                ? kept
                : Instant.ofEpochMilli(snapshot.timestampMillis()).toString();
    }

    /**
     * Whether a run pinned to {@code snapshotId} evaluated this version: it is the version's snapshot, or one that an
     * erasure replaced by it ({@link EvalTables#SUMMARY_REPLACES}).
     */
    static boolean holdsPin(Table table, EvalSetVersion version, long snapshotId) {
        if (version.snapshotId() == snapshotId) {
            return true;
        }
        String replaced = table.snapshot(version.snapshotId()).summary().get(EvalTables.SUMMARY_REPLACES);
        return replaced != null && List.of(replaced.split(",")).contains(Long.toString(snapshotId));
    }
}
