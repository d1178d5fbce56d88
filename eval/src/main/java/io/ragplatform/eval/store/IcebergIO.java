package io.ragplatform.eval.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;

/** Reading rows of one snapshot or one data file, and deleting a data file that did not make it into a commit. */
final class IcebergIO {
    private IcebergIO() {}

    static void read(Table table, long snapshotId, Expression filter, Consumer<Record> consumer) {
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

    /**
     * The rows of the table's current snapshot whose string column holds that value, each mapped; none when the table
     * has no snapshot yet. The rows are checked again after the scan, since its filter only prunes files.
     */
    static <T> List<T> readCurrent(Table table, String column, String value, Function<Record, T> mapping) {
        Snapshot current = table.currentSnapshot();
        List<T> found = new ArrayList<>();
        if (current != null) {
            read(table, current.snapshotId(), Expressions.equal(column, value), row -> {
                if (value.equals(row.getField(column))) {
                    found.add(mapping.apply(row));
                }
            });
        }
        return found;
    }

    /** Every row of one data file of the table, read with the table's current schema. */
    static List<Record> readFile(Table table, DataFile file) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = FormatModelRegistry.<Record, Object>readBuilder(
                        file.format(), Record.class, table.io().newInputFile(file.location()))
                .project(table.schema())
                .build()) {
            read.forEach(rows::add);
        } catch (IOException e) {
            throw new EvalStoreException("cannot read " + file.location(), e);
        }
        return rows;
    }

    static void deleteQuietly(Table table, DataFile file, Exception failure) {
        try {
            table.io().deleteFile(file.location());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
