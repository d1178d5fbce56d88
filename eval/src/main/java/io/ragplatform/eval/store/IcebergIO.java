package io.ragplatform.eval.store;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;

/** Reading rows of one snapshot, and deleting a data file that did not make it into a commit. */
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

    static void deleteQuietly(Table table, DataFile file, Exception failure) {
        try {
            table.io().deleteFile(file.location());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
