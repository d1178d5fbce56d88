package io.ragplatform.eval.store;

import io.ragplatform.eval.grounded.ClaimScore;
import io.ragplatform.eval.metrics.ConfidenceInterval;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The three tables' definitions (schema, partitioning, sort order, properties) and the mapping between the store's
 * records and Iceberg rows. The schemas are documented in {@code docs/ICEBERG.md}; change both together.
 */
final class EvalTables {
    static final Namespace NAMESPACE = Namespace.of("eval");
    static final TableIdentifier SET_ITEMS = TableIdentifier.of(NAMESPACE, "set_items");
    static final TableIdentifier RUNS = TableIdentifier.of(NAMESPACE, "runs");
    static final TableIdentifier QUERY_RESULTS = TableIdentifier.of(NAMESPACE, "query_results");

    /** Snapshot summary keys of a set version's commit. */
    static final String SUMMARY_SET = "rag.eval.set";

    static final String SUMMARY_VERSION = "rag.eval.version";
    static final String SUMMARY_ITEMS = "rag.eval.items";
    static final String SUMMARY_RUN = "rag.eval.run";

    /** Snapshot summary keys of an erasure's rewrite (see {@code docs/ICEBERG.md}, "Erasure"). */
    static final String SUMMARY_ERASURE = "rag.eval.erasure";

    /** The snapshots, comma-separated and oldest first, that a set version had before erasures rewrote it. */
    static final String SUMMARY_REPLACES = "rag.eval.replaces";

    /** When the set version a rewritten snapshot holds was created, ISO-8601 UTC. */
    static final String SUMMARY_CREATED_AT = "rag.eval.created-at";

    static final Schema SET_ITEMS_SCHEMA = new Schema(
            NestedField.required(1, "set_name", Types.StringType.get()),
            NestedField.required(2, "set_version", Types.IntegerType.get()),
            NestedField.required(3, "item_id", Types.StringType.get()),
            NestedField.required(4, "query", Types.StringType.get()),
            NestedField.required(
                    5,
                    "relevant",
                    Types.ListType.ofRequired(
                            6,
                            Types.StructType.of(
                                    NestedField.optional(7, "source_id", Types.StringType.get()),
                                    NestedField.optional(8, "chunk_id", Types.StringType.get()),
                                    NestedField.required(9, "grade", Types.IntegerType.get())))),
            NestedField.optional(10, "answer", Types.StringType.get()),
            NestedField.optional(11, "contexts", Types.ListType.ofRequired(12, Types.StringType.get())),
            NestedField.optional(13, "label", Types.BooleanType.get()));

    static final Schema RUNS_SCHEMA = new Schema(
            NestedField.required(1, "run_id", Types.StringType.get()),
            NestedField.required(2, "set_name", Types.StringType.get()),
            NestedField.required(3, "set_version", Types.IntegerType.get()),
            NestedField.required(4, "set_snapshot_id", Types.LongType.get()),
            NestedField.required(5, "index_version", Types.LongType.get()),
            NestedField.required(6, "mode", Types.StringType.get()),
            NestedField.required(7, "k", Types.IntegerType.get()),
            NestedField.optional(8, "model_id", Types.StringType.get()),
            NestedField.optional(9, "pipeline", Types.StringType.get()),
            NestedField.optional(10, "config_json", Types.StringType.get()),
            NestedField.required(11, "created_at", Types.TimestampType.withZone()),
            NestedField.required(
                    12, "metrics", Types.MapType.ofRequired(13, 14, Types.StringType.get(), Types.DoubleType.get())),
            NestedField.required(
                    15,
                    "ci",
                    Types.MapType.ofRequired(
                            16,
                            17,
                            Types.StringType.get(),
                            Types.StructType.of(
                                    NestedField.required(18, "mean", Types.DoubleType.get()),
                                    NestedField.required(19, "low", Types.DoubleType.get()),
                                    NestedField.required(20, "high", Types.DoubleType.get())))));

    static final Schema QUERY_RESULTS_SCHEMA = new Schema(
            NestedField.required(1, "run_id", Types.StringType.get()),
            NestedField.required(2, "item_id", Types.StringType.get()),
            NestedField.required(3, "query", Types.StringType.get()),
            NestedField.required(4, "retrieved_chunk_ids", Types.ListType.ofRequired(5, Types.StringType.get())),
            NestedField.required(6, "retrieved_source_ids", Types.ListType.ofRequired(7, Types.StringType.get())),
            NestedField.required(
                    8, "metrics", Types.MapType.ofRequired(9, 10, Types.StringType.get(), Types.DoubleType.get())),
            NestedField.optional(11, "groundedness", Types.DoubleType.get()),
            NestedField.optional(12, "unsupported_claims", Types.ListType.ofRequired(13, Types.StringType.get())),
            NestedField.optional(14, "retrieved_scores", Types.ListType.ofRequired(15, Types.DoubleType.get())),
            NestedField.optional(
                    16,
                    "claims",
                    Types.ListType.ofRequired(
                            17,
                            Types.StructType.of(
                                    NestedField.required(18, "claim", Types.StringType.get()),
                                    NestedField.required(19, "score", Types.DoubleType.get()),
                                    NestedField.required(20, "supported", Types.BooleanType.get())))),
            NestedField.optional(21, "evidence", Types.StringType.get()),
            NestedField.optional(22, "support", Types.DoubleType.get()));

    private EvalTables() {}

    /** Set items and runs are partitioned by set, query results by run. */
    static PartitionSpec spec(TableIdentifier table, Schema schema) {
        String column = table.equals(QUERY_RESULTS) ? "run_id" : "set_name";
        return PartitionSpec.builderFor(schema).identity(column).build();
    }

    /** Runs are sorted by run, set items and query results by item. */
    static SortOrder sortOrder(TableIdentifier table, Schema schema) {
        return SortOrder.builderFor(schema)
                .asc(table.equals(RUNS) ? "run_id" : "item_id")
                .build();
    }

    static Schema schema(TableIdentifier table) {
        if (table.equals(SET_ITEMS)) {
            return SET_ITEMS_SCHEMA;
        } else if (table.equals(RUNS)) {
            return RUNS_SCHEMA;
        } else {
            return QUERY_RESULTS_SCHEMA;
        }
    }

    static Map<String, String> properties(TableIdentifier table) {
        Map<String, String> properties = CatalogTables.standardProperties();
        if (!table.equals(SET_ITEMS)) {
            // exact (untruncated) bounds on run_id: a run's duplicate check and lookups prune files by them
            properties.put(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + "run_id", "full");
        }
        return properties;
    }

    // ---- eval.set_items

    static Record toRow(Schema schema, String set, int version, EvalItem item) {
        List<Record> relevant = structs(schema, "relevant", item.relevant(), (rel, r) -> {
            rel.setField("source_id", r.sourceId());
            rel.setField("chunk_id", r.chunkId());
            rel.setField("grade", r.grade());
        });
        Record row = GenericRecord.create(schema);
        row.setField("set_name", set);
        row.setField("set_version", version);
        row.setField("item_id", item.id());
        row.setField("query", item.query());
        row.setField("relevant", relevant);
        row.setField("answer", item.answer());
        row.setField("contexts", item.contexts());
        row.setField("label", item.label());
        return row;
    }

    static EvalItem toItem(Record row) {
        List<Relevance> relevant = list(row.getField("relevant"), element -> {
            Record rel = (Record) element;
            return new Relevance(string(rel.getField("source_id")), string(rel.getField("chunk_id")), (Integer)
                    rel.getField("grade"));
        });
        return new EvalItem(
                string(row.getField("item_id")),
                string(row.getField("query")),
                relevant,
                string(row.getField("answer")),
                strings(row.getField("contexts")),
                (Boolean) row.getField("label"));
    }

    // ---- eval.runs

    static Record toRow(Schema schema, RunRecord run) {
        Types.StructType ciType =
                schema.findField("ci").type().asMapType().valueType().asStructType();
        Map<String, Record> ci = new LinkedHashMap<>();
        run.ci().forEach((metric, interval) -> {
            Record value = GenericRecord.create(ciType);
            value.setField("mean", interval.mean());
            value.setField("low", interval.low());
            value.setField("high", interval.high());
            ci.put(metric, value);
        });
        RunPins pins = run.pins();
        Record row = GenericRecord.create(schema);
        row.setField("run_id", pins.runId());
        row.setField("set_name", pins.set());
        row.setField("set_version", pins.setVersion());
        row.setField("set_snapshot_id", pins.setSnapshotId());
        row.setField("index_version", pins.indexVersion());
        row.setField("mode", pins.mode());
        row.setField("k", pins.k());
        row.setField("model_id", pins.modelId());
        row.setField("pipeline", pins.pipeline());
        row.setField("config_json", pins.configJson());
        row.setField("created_at", OffsetDateTime.ofInstant(Instant.parse(pins.createdAt()), ZoneOffset.UTC));
        row.setField("metrics", new LinkedHashMap<>(run.metrics()));
        row.setField("ci", ci);
        return row;
    }

    static RunRecord toRun(Record row) {
        Map<String, ConfidenceInterval> ci = new LinkedHashMap<>();
        ((Map<?, ?>) row.getField("ci")).forEach((metric, value) -> {
            Record interval = (Record) value;
            ci.put(
                    string(metric),
                    new ConfidenceInterval(
                            (Double) interval.getField("mean"), (Double) interval.getField("low"), (Double)
                                    interval.getField("high")));
        });
        return new RunRecord(
                new RunPins(
                        string(row.getField("run_id")),
                        string(row.getField("set_name")),
                        (Integer) row.getField("set_version"),
                        (Long) row.getField("set_snapshot_id"),
                        (Long) row.getField("index_version"),
                        string(row.getField("mode")),
                        (Integer) row.getField("k"),
                        string(row.getField("model_id")),
                        string(row.getField("pipeline")),
                        ((OffsetDateTime) row.getField("created_at"))
                                .toInstant()
                                .toString(),
                        string(row.getField("config_json"))),
                doubles(row.getField("metrics")),
                ci);
    }

    // ---- eval.query_results

    static Record toRow(Schema schema, QueryResultRecord result) {
        Record row = GenericRecord.create(schema);
        row.setField("run_id", result.runId());
        row.setField("item_id", result.itemId());
        row.setField("query", result.query());
        row.setField("retrieved_chunk_ids", result.retrievedChunkIds());
        row.setField("retrieved_source_ids", result.retrievedSourceIds());
        row.setField("metrics", new LinkedHashMap<>(result.metrics()));
        row.setField("groundedness", result.groundedness());
        row.setField("unsupported_claims", result.unsupportedClaims());
        row.setField("retrieved_scores", result.retrievedScores());
        if (result.claims() != null) {
            row.setField("claims", structs(schema, "claims", result.claims(), (claim, c) -> {
                claim.setField("claim", c.claim());
                claim.setField("score", c.score());
                claim.setField("supported", c.supported());
            }));
        }
        row.setField("evidence", result.evidence());
        row.setField("support", result.support());
        return row;
    }

    static QueryResultRecord toResult(Record row) {
        return new QueryResultRecord(
                string(row.getField("run_id")),
                string(row.getField("item_id")),
                string(row.getField("query")),
                strings(row.getField("retrieved_chunk_ids")),
                strings(row.getField("retrieved_source_ids")),
                doubles(row.getField("metrics")),
                (Double) row.getField("groundedness"),
                strings(row.getField("unsupported_claims")),
                doubleList(row.getField("retrieved_scores")),
                claims(row.getField("claims")),
                string(row.getField("evidence")),
                (Double) row.getField("support"));
    }

    /** The values as the struct elements of a list column, each filled in by {@code fill}. */
    private static <T> List<Record> structs(Schema schema, String column, List<T> values, BiConsumer<Record, T> fill) {
        Types.StructType type =
                schema.findField(column).type().asListType().elementType().asStructType();
        List<Record> out = new ArrayList<>(values.size());
        for (T value : values) {
            Record element = GenericRecord.create(type);
            fill.accept(element, value);
            out.add(element);
        }
        return out;
    }

    private static List<ClaimScore> claims(Object value) {
        return list(value, element -> {
            Record c = (Record) element;
            return new ClaimScore(
                    string(c.getField("claim")), (Double) c.getField("score"), (Boolean) c.getField("supported"));
        });
    }

    private static List<Double> doubleList(Object value) {
        return list(value, element -> (Double) element);
    }

    // ---- writing

    /**
     * Writes rows that share one partition value to one new Parquet data file of the table and returns it, not yet
     * committed. The file is deleted again if writing fails.
     */
    static DataFile write(Table table, List<Record> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to write");
        }
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(rows.get(0));
        GenericFileWriterFactory writers = CatalogTables.parquetWriters(table);
        OutputFileFactory files = CatalogTables.parquetFiles(table);
        EncryptedOutputFile out = files.newOutputFile(table.spec(), partition);
        DataWriter<Record> writer = writers.newDataWriter(out, table.spec(), partition);
        try {
            try (writer) {
                PartitionKey check = partition.copy();
                for (Record row : rows) {
                    check.partition(row);
                    if (!check.equals(partition)) {
                        throw new IllegalArgumentException("rows of one data file span two partitions");
                    }
                    writer.write(row);
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                table.io().deleteFile(out.encryptingOutputFile().location());
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof IOException io
                    ? new EvalStoreException("cannot write a data file of " + table.name(), io)
                    : (RuntimeException) e;
        }
        return writer.toDataFile();
    }

    // ---- value helpers

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object value) {
        return list(value, Object::toString);
    }

    /** A list column's value with each element mapped, or null for a null column. */
    private static <T> List<T> list(Object value, Function<Object, T> element) {
        if (value == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (Object e : (List<?>) value) {
            out.add(element.apply(e));
        }
        return out;
    }

    private static Map<String, Double> doubles(Object value) {
        Map<String, Double> doubles = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((key, v) -> doubles.put(key.toString(), (Double) v));
        return doubles;
    }
}
