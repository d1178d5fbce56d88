package io.ragplatform.eval.corpus;

import static io.ragplatform.eval.corpus.CorpusSchemas.SUMMARY_COMMITTED_AT;
import static io.ragplatform.eval.corpus.CorpusSchemas.SUMMARY_MODEL;
import static io.ragplatform.eval.corpus.CorpusSchemas.SUMMARY_VERSION;
import static io.ragplatform.eval.corpus.CorpusSchemas.TABLES;
import static io.ragplatform.eval.corpus.CorpusSchemas.properties;

import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.CatalogTables;
import io.ragplatform.index.IndexVersion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.VersionNotRetainedException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;

/**
 * {@link CorpusTables} in one Iceberg catalog. An export is a full replace per version: every row a table holds is
 * removed and the version's rows added in one overwrite, tagged in the same transaction. Tables are loaded afresh for
 * every export, so it sees other processes' commits; a commit validates that nobody committed to its table since it
 * was loaded.
 */
final class IcebergCorpusTables implements CorpusTables {
    private final Catalog catalog;
    private final Closeable closer;
    private final Object exportLock = new Object();

    IcebergCorpusTables(Catalog catalog, Closeable closer) {
        this.catalog = catalog;
        this.closer = closer;
        CatalogTables.ensureNamespace(catalog, CorpusSchemas.NAMESPACE);
        for (TableIdentifier id : TABLES) {
            Schema schema = CorpusSchemas.schema(id);
            SortOrder order = CorpusSchemas.sortOrder(id, schema);
            CatalogTables.ensureTable(catalog, id, schema, CorpusSchemas.spec(id, schema), order, properties(id));
        }
    }

    @Override
    public CorpusExport export(RagIndex index, long version) {
        Objects.requireNonNull(index, "index");
        IndexVersion manifest = index.versions().stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow(() -> new VersionNotRetainedException(
                        version, "index version " + version + " is not retained by the index; it cannot be exported"));
        synchronized (exportLock) {
            try {
                return exportLocked(index, manifest);
            } catch (RagException | IllegalArgumentException | NullPointerException e) {
                throw e;
            } catch (CommitFailedException | ValidationException e) {
                throw CorpusTablesException.unavailable(
                        "another writer committed to the corpus tables during the export of index version " + version
                                + "; export it again",
                        e,
                        true);
            } catch (CommitStateUnknownException e) {
                // an export is idempotent: making it again finishes or repeats it, never doubles it
                throw CorpusTablesException.unavailable(
                        "an Iceberg commit's outcome is unknown; export index version " + version + " again", e, true);
            } catch (UncheckedIOException e) {
                throw CorpusTablesException.unavailable("I/O failure in the Iceberg warehouse", e, false);
            } catch (RuntimeException e) {
                throw CorpusTablesException.unavailable("Iceberg failure: " + e.getMessage(), e, false);
            }
        }
    }

    private CorpusExport exportLocked(RagIndex index, IndexVersion manifest) {
        long version = manifest.version();
        String tag = CorpusTables.tag(version);
        SortedMap<String, CorpusExport.Table> result = new TreeMap<>();
        Map<TableIdentifier, Table> toWrite = new LinkedHashMap<>();
        for (TableIdentifier id : TABLES) {
            Table table = catalog.loadTable(id);
            SnapshotRef ref = table.refs().get(tag);
            if (ref != null && ref.isTag()) {
                Snapshot held = table.snapshot(ref.snapshotId());
                requireSameCommit(id, held, manifest);
                result.put(id.name(), new CorpusExport.Table(held.snapshotId(), totalRows(held), false));
            } else {
                requireNotNewer(id, table, version);
                toWrite.put(id, table);
            }
        }
        if (toWrite.isEmpty()) {
            return new CorpusExport(version, tag, result);
        }
        CorpusFiles files = new CorpusFiles(toWrite);
        List<TableIdentifier> uncommitted = new ArrayList<>(toWrite.keySet());
        try {
            index.forEachEntry(version, files);
            files.finish();
            for (TableIdentifier id : TABLES) {
                if (toWrite.containsKey(id)) {
                    long snapshot;
                    try {
                        snapshot = commit(toWrite.get(id), files.files(id), manifest, tag);
                    } catch (CommitStateUnknownException e) {
                        // the commit may have landed: its files may be the table's now, and must stay
                        uncommitted.remove(id);
                        throw e;
                    }
                    uncommitted.remove(id);
                    result.put(id.name(), new CorpusExport.Table(snapshot, files.rows(id), true));
                }
            }
        } catch (RuntimeException e) {
            files.discard(uncommitted, e);
            throw e;
        }
        return new CorpusExport(version, tag, result);
    }

    /** Replaces every row of the table with the files, and tags the snapshot, in one transaction. */
    private static long commit(Table table, List<DataFile> files, IndexVersion manifest, String tag) {
        Snapshot base = table.currentSnapshot();
        Transaction txn = table.newTransaction();
        OverwriteFiles overwrite = txn.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
        files.forEach(overwrite::addFile);
        overwrite
                .set(SUMMARY_VERSION, Long.toString(manifest.version()))
                .set(SUMMARY_COMMITTED_AT, String.valueOf(manifest.committedAt()))
                .set(SUMMARY_MODEL, String.valueOf(manifest.modelId()));
        if (base != null) {
            overwrite
                    .validateFromSnapshot(base.snapshotId())
                    .validateNoConflictingData()
                    .validateNoConflictingDeletes();
        }
        overwrite.commit();
        long snapshotId = txn.table().currentSnapshot().snapshotId();
        txn.manageSnapshots().createTag(tag, snapshotId).commit();
        txn.commitTransaction();
        return snapshotId;
    }

    /** A tag of this number made from another index's commit (a new index directory, a restored backup) is refused. */
    private static void requireSameCommit(TableIdentifier id, Snapshot held, IndexVersion manifest) {
        String committedAt = held.summary().get(SUMMARY_COMMITTED_AT);
        if (!String.valueOf(manifest.committedAt()).equals(committedAt)) {
            throw CorpusTablesException.versionConflict(id + " holds a tag " + CorpusTables.tag(manifest.version())
                    + " of an index commit made at " + committedAt + ", not of this index's (made at "
                    + manifest.committedAt() + ")");
        }
    }

    /** The current state only moves forward: an untagged version older than the one a table holds is refused. */
    private static void requireNotNewer(TableIdentifier id, Table table, long version) {
        Snapshot current = table.currentSnapshot();
        String held = current == null ? null : current.summary().get(SUMMARY_VERSION);
        if (held != null && Long.parseLong(held) > version) {
            throw CorpusTablesException.versionConflict(
                    id + " holds index version " + held + "; the older version " + version + " cannot replace it");
        }
    }

    private static long totalRows(Snapshot snapshot) {
        String total = snapshot.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP);
        return total == null ? 0 : Long.parseLong(total);
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (IOException e) {
            throw CorpusTablesException.unavailable("cannot close the Iceberg catalog", e, false);
        }
    }
}
