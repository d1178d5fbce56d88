package io.ragplatform.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A dataset computed once and kept on the executors (memory, then disk) for the rest of the run: the prepared files,
 * the stored state read at the run's start, each table's operations. A local checkpoint, not {@code persist}: a cached
 * plan that reads a corpus table is refreshed by Spark after every write to that table (and so recomputed, and no
 * longer found by {@code unpersist}), while a checkpoint's plan reads only its own blocks, which Spark's cleaner
 * frees once the dataset is unreachable.
 */
final class Materialized {
    private Materialized() {}

    static Dataset<Row> of(Dataset<Row> rows) {
        return rows.localCheckpoint(true);
    }
}
