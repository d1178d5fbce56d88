package io.ragplatform.spark;

import io.ragplatform.eval.corpus.CorpusTables;
import io.ragplatform.eval.store.EvalStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;

/**
 * A warehouse's corpus tables read back the way the service reads them: its own embedded catalog and Iceberg's generic
 * reader (not Spark), so that what the job wrote is checked to be readable by the service.
 */
final class WarehouseRows {
    /** Columns that legitimately differ between two writers of the same corpus: when each one stored the rows. */
    static final Set<String> TIMES = Set.of("ingested_at", "updated_at");

    private WarehouseRows() {}

    /** The table's current rows as sorted {@code column=value} lines, without the {@code ignored} columns. */
    static List<String> rows(Path warehouse, String table, Set<String> ignored) {
        List<String> rows = new ArrayList<>();
        for (Record r : records(warehouse, table)) {
            StringBuilder line = new StringBuilder();
            for (Types.NestedField f : r.struct().fields()) {
                if (!ignored.contains(f.name())) {
                    line.append(f.name())
                            .append('=')
                            .append(canonical(r.getField(f.name())))
                            .append(' ');
                }
            }
            rows.add(line.toString().strip());
        }
        rows.sort(null);
        return rows;
    }

    static List<Record> records(Path warehouse, String table) {
        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            Table t = catalog.loadTable(TableIdentifier.of(CorpusTables.NAMESPACE, table));
            List<Record> rows = new ArrayList<>();
            if (t.currentSnapshot() == null) {
                return rows;
            }
            try (CloseableIterable<Record> read = IcebergGenerics.read(t).build()) {
                read.forEach(r -> rows.add(r.copy()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's snapshots, oldest first. */
    static List<Snapshot> snapshots(Path warehouse, String table) {
        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            List<Snapshot> out = new ArrayList<>();
            catalog.loadTable(TableIdentifier.of(CorpusTables.NAMESPACE, table))
                    .snapshots()
                    .forEach(out::add);
            return out;
        }
    }

    private static String canonical(Object value) {
        return value instanceof Map<?, ?> m ? new TreeMap<>(m).toString() : String.valueOf(value);
    }
}
