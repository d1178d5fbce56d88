package io.ragplatform.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;

/**
 * One table's change as a set of operations by key, applied by one {@code MERGE INTO}: the rows to insert, to update
 * (every column) and to delete, each tagged in column {@code _op}. Nothing is committed when there is no operation, so
 * a run that changes nothing makes no snapshot. The statement's columns are the table's, from {@link SparkRows}.
 */
final class TableMerge {
    static final String OP = "_op";
    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String DELETE = "delete";

    private TableMerge() {}

    /**
     * Applies the operations to {@code rag.corpus.<table>} and says how many of each there were.
     *
     * @param ops rows of the table's columns (by name) plus {@value #OP}; one row per key at most
     * @param keys the columns that identify a row
     * @param commitProperties added to the snapshot summary
     */
    static Map<String, Long> apply(
            SparkSession spark,
            String table,
            Dataset<Row> ops,
            List<String> keys,
            Map<String, String> commitProperties) {
        Dataset<Row> materialized = Materialized.of(ops);
        Map<String, Long> counts = new HashMap<>(Map.of(INSERT, 0L, UPDATE, 0L, DELETE, 0L));
        for (Row r : materialized.groupBy(OP).count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        if (counts.values().stream().allMatch(n -> n == 0)) {
            return counts;
        }
        String view = "rag_ops_" + table;
        materialized.createOrReplaceTempView(view);
        String sql = mergeSql(table, view, keys, counts);
        CommitMetadata.withCommitProperties(commitProperties, () -> spark.sql(sql), RuntimeException.class);
        spark.catalog().dropTempView(view);
        return counts;
    }

    /**
     * The statement, with the clauses of the operations present only: inserts alone make an append (Spark plans a
     * {@code MERGE} of {@code NOT MATCHED} clauses only as an anti-join), and no data file is rewritten for them.
     */
    static String mergeSql(String table, String view, List<String> keys, Map<String, Long> counts) {
        List<String> columns = SparkRows.columns(table);
        StringBuilder sql = new StringBuilder("MERGE INTO ")
                .append(SparkCorpus.TABLES)
                .append('.')
                .append(table)
                .append(" t USING ")
                .append(view)
                .append(" s ON ")
                .append(keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND ")));
        if (counts.getOrDefault(DELETE, 0L) > 0) {
            sql.append(" WHEN MATCHED AND s.")
                    .append(OP)
                    .append(" = '")
                    .append(DELETE)
                    .append("' THEN DELETE");
        }
        if (counts.getOrDefault(UPDATE, 0L) > 0) {
            sql.append(" WHEN MATCHED AND s.")
                    .append(OP)
                    .append(" = '")
                    .append(UPDATE)
                    .append("' THEN UPDATE SET ")
                    .append(columns.stream()
                            .filter(c -> !keys.contains(c))
                            .map(c -> "t." + c + " = s." + c)
                            .collect(Collectors.joining(", ")));
        }
        if (counts.getOrDefault(INSERT, 0L) > 0) {
            sql.append(" WHEN NOT MATCHED AND s.")
                    .append(OP)
                    .append(" = '")
                    .append(INSERT)
                    .append("' THEN INSERT (")
                    .append(String.join(", ", columns))
                    .append(") VALUES (")
                    .append(columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")))
                    .append(')');
        }
        return sql.toString();
    }

    /** The table's columns qualified by {@code alias}, in the table's order: a select list. */
    static String columns(String table, String alias) {
        return SparkRows.columns(table).stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    /**
     * A value of every column of the row {@code alias} that {@code <=>} compares: maps (which Spark SQL cannot compare)
     * as their entries sorted by key.
     */
    static String comparable(String table, String alias) {
        return Arrays.stream(SparkRows.schema(table).fields())
                .map(f -> f.dataType() instanceof MapType
                        ? "array_sort(map_entries(" + alias + "." + f.name() + "))"
                        : alias + "." + f.name())
                .collect(Collectors.joining(", ", "struct(", ")"));
    }
}
