package io.ragplatform.spark;

import static io.ragplatform.spark.TableMerge.columns;
import static io.ragplatform.spark.TableMerge.comparable;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The driver's half of a run, in Spark SQL over the corpus tables: what the source's files change, decided as the
 * index decides it ({@code UpsertPlanner}), and each table brought to that state by one {@link TableMerge}.
 *
 * <p>The stored state is read at the snapshots current when the run starts. A document's version is 1 when new, its
 * stored version + 1 when its content hash or its list of chunk IDs changed, else the stored one; it is updated (new
 * {@code updated_at}) when its content or its metadata (metadata hash, acl, licence, parent) changed. Its stored chunk
 * list is read from the occurrences <em>of its stored version</em>: a retry after a run that committed the occurrences
 * but not the documents sees no list of the old version, counts the content as changed, and so gives the same version
 * the failed run gave.
 *
 * <p>Deleted: the stored documents of a prepared file that the file no longer holds (embedded ones), and those of
 * files no longer listed (unless kept); a failed or unchanged file keeps what is stored. Commit order: new chunks and
 * their vectors first, then occurrences, then documents (what a row names exists before it), then the chunks no
 * occurrence names any more and their vectors.
 */
final class CorpusMerge {
    private static final String EMPTY = "CAST(array() AS ARRAY<STRING>)";

    private final SparkSession spark;
    private final String prefix;
    private final String now;
    private final boolean keepMissing;
    private final Map<String, String> commitProperties;

    CorpusMerge(
            SparkSession spark,
            String source,
            long nowMicros,
            boolean keepMissing,
            Map<String, String> commitProperties) {
        this.spark = spark;
        this.prefix = source + "/";
        this.now = "timestamp_micros(" + nowMicros + "L)";
        this.keepMissing = keepMissing;
        this.commitProperties = Map.copyOf(commitProperties);
    }

    /** Reads the source's stored documents and occurrences at the tables' current snapshots, and keeps them. */
    void readStoredState() {
        stored("documents").createOrReplaceTempView("rag_stored_docs");
        stored("occurrences").createOrReplaceTempView("rag_stored_occ");
    }

    private Dataset<Row> stored(String table) {
        Snapshot current = SparkCorpus.icebergCatalog(spark)
                .loadTable(TableIdentifier.of("corpus", table))
                .currentSnapshot();
        String from =
                SparkCorpus.TABLES + "." + table + (current == null ? "" : " VERSION AS OF " + current.snapshotId());
        Dataset<Row> rows = spark.sql("SELECT " + String.join(", ", SparkRows.columns(table)) + " FROM " + from
                + " WHERE startswith(source_id, '" + prefix + "')");
        return Materialized.of(rows);
    }

    /** The listed files ({@code rag_listing}) with what is stored of each one's own document. */
    Dataset<Row> inputs() {
        return spark.sql("SELECT f.source_id, f.file_name, f.location, f.size, s.file_hash AS stored_file_hash,"
                + " s.file_size AS stored_file_size, s.pipeline AS stored_pipeline, s.metadata AS stored_metadata,"
                + " s.acl AS stored_acl, s.license AS stored_license FROM rag_listing f"
                + " LEFT JOIN (SELECT * FROM rag_stored_docs WHERE path = '') s ON s.source_id = f.source_id");
    }

    /** What the merges of occurrences and documents did, by operation. */
    record Changes(Map<String, Long> occurrences, Map<String, Long> documents) {}

    /**
     * Steps 3 and 4: the occurrences and documents of the prepared outcomes ({@code rag_files}); nothing to do (no
     * statement, no job) when no file was prepared and no stored document is to go.
     */
    Changes documents(long prepared) {
        spark.sql("SELECT inline(documents) FROM rag_files WHERE outcome = 'prepared'")
                .createOrReplaceTempView("rag_new_docs");
        spark.sql("SELECT inline(occurrences) FROM rag_files WHERE outcome = 'prepared'")
                .createOrReplaceTempView("rag_new_occ");
        Dataset<Row> deleted = Materialized.of(spark.sql("SELECT " + columns("documents", "s")
                + " FROM rag_stored_docs s LEFT JOIN rag_files f ON f.source_id = s.source_id"
                + " LEFT JOIN (SELECT document_id FROM rag_new_docs) n ON n.document_id = s.document_id"
                + " WHERE (f.outcome = 'prepared' AND n.document_id IS NULL)"
                + (keepMissing ? "" : " OR f.source_id IS NULL")));
        deleted.createOrReplaceTempView("rag_deleted_docs");
        if (prepared == 0 && deleted.isEmpty()) {
            Map<String, Long> none = Map.of(TableMerge.INSERT, 0L, TableMerge.UPDATE, 0L, TableMerge.DELETE, 0L);
            return new Changes(none, none);
        }
        chunkLists("SELECT o.document_id, o.ordinal, o.chunk_id FROM rag_stored_occ o JOIN rag_stored_docs d"
                        + " ON o.document_id = d.document_id AND o.version = d.version")
                .createOrReplaceTempView("rag_stored_lists");
        chunkLists("SELECT document_id, ordinal, chunk_id FROM rag_new_occ").createOrReplaceTempView("rag_new_lists");
        Dataset<Row> desired = Materialized.of(spark.sql(desiredDocumentsSql()));
        desired.createOrReplaceTempView("rag_desired_docs");
        spark.sql("SELECT " + occurrenceColumnsWithVersion() + " FROM rag_new_occ o"
                        + " JOIN rag_desired_docs d ON d.document_id = o.document_id")
                .createOrReplaceTempView("rag_desired_occ");
        spark.sql("SELECT " + columns("occurrences", "o") + " FROM rag_stored_occ o LEFT SEMI JOIN"
                        + " (SELECT document_id FROM rag_desired_docs UNION SELECT document_id FROM rag_deleted_docs) a"
                        + " ON a.document_id = o.document_id")
                .createOrReplaceTempView("rag_target_occ");
        Map<String, Long> occurrences = TableMerge.apply(
                spark,
                "occurrences",
                spark.sql(
                        opsSql("occurrences", "rag_desired_occ", "rag_target_occ", List.of("document_id", "ordinal"))),
                List.of("document_id", "ordinal"),
                commitProperties);
        Map<String, Long> documents = TableMerge.apply(
                spark, "documents", spark.sql(documentOpsSql()), List.of("document_id"), commitProperties);
        return new Changes(occurrences, documents);
    }

    /** Step 1: the prepared files' chunks that the table lacks (none when no file was prepared). */
    Map<String, Long> newChunks(long prepared) {
        if (prepared == 0) {
            return Map.of(TableMerge.INSERT, 0L, TableMerge.UPDATE, 0L, TableMerge.DELETE, 0L);
        }
        return TableMerge.apply(
                spark,
                "chunks",
                spark.sql("SELECT '" + TableMerge.INSERT + "' AS " + TableMerge.OP + ", " + columns("chunks", "n")
                                + " FROM (SELECT inline(chunks) FROM rag_files WHERE outcome = 'prepared') n"
                                + " LEFT ANTI JOIN " + SparkCorpus.TABLES + ".chunks c ON c.chunk_id = n.chunk_id")
                        .dropDuplicates("chunk_id"),
                List.of("chunk_id"),
                commitProperties);
    }

    /** Step 5: chunks that no occurrence names any more (of any source), and step 6: vectors of chunks gone. */
    Map<String, Long> orphanChunks() {
        return TableMerge.apply(
                spark,
                "chunks",
                spark.sql("SELECT '" + TableMerge.DELETE + "' AS " + TableMerge.OP + ", " + columns("chunks", "c")
                        + " FROM " + SparkCorpus.TABLES + ".chunks c LEFT ANTI JOIN "
                        + SparkCorpus.TABLES + ".occurrences o ON o.chunk_id = c.chunk_id"),
                List.of("chunk_id"),
                commitProperties);
    }

    Map<String, Long> orphanEmbeddings() {
        return TableMerge.apply(
                spark,
                "embeddings",
                spark.sql("SELECT '" + TableMerge.DELETE + "' AS " + TableMerge.OP + ", " + columns("embeddings", "e")
                        + " FROM " + SparkCorpus.TABLES + ".embeddings e LEFT ANTI JOIN "
                        + SparkCorpus.TABLES + ".chunks c ON c.chunk_id = e.chunk_id"),
                List.of("chunk_id", "model_id"),
                commitProperties);
    }

    /** The chunks of the table without a vector of {@code modelId} (of those holding {@code language}, if given). */
    Dataset<Row> missingVectors(String modelId, String language) {
        return spark.sql("SELECT c.chunk_id, c.text, '" + modelId + "' AS model_id FROM " + SparkCorpus.TABLES
                + ".chunks c LEFT ANTI JOIN (SELECT chunk_id FROM " + SparkCorpus.TABLES
                + ".embeddings WHERE model_id = '"
                + modelId + "') e ON e.chunk_id = c.chunk_id"
                + (language == null ? "" : " WHERE array_contains(c.languages, '" + language + "')"));
    }

    /** Per document, its chunk IDs in ordinal order, from rows {@code (document_id, ordinal, chunk_id)}. */
    private Dataset<Row> chunkLists(String rows) {
        return spark.sql("SELECT document_id, transform(array_sort(collect_list(struct(ordinal, chunk_id))),"
                + " x -> x.chunk_id) AS chunk_ids FROM (" + rows + ") GROUP BY document_id");
    }

    private String desiredDocumentsSql() {
        String contentChanged = "(s.document_id IS NULL OR NOT (s.content_hash <=> n.content_hash)"
                + " OR NOT (coalesce(sl.chunk_ids, " + EMPTY + ") = coalesce(nl.chunk_ids, " + EMPTY + ")))";
        String metadataChanged = "(s.document_id IS NULL OR NOT (s.metadata_hash <=> n.metadata_hash)"
                + " OR NOT (s.acl = n.acl) OR NOT (s.license = n.license)"
                + " OR NOT (s.parent_document_id <=> n.parent_document_id))";
        String select = SparkRows.columns("documents").stream()
                .map(c -> switch (c) {
                    case "version" ->
                        "CASE WHEN s.document_id IS NULL THEN 1 WHEN " + contentChanged
                                + " THEN s.version + 1 ELSE s.version END AS version";
                    case "ingested_at" ->
                        "CASE WHEN s.document_id IS NULL THEN " + now + " ELSE s.ingested_at END AS ingested_at";
                    case "updated_at" ->
                        "CASE WHEN " + contentChanged + " OR " + metadataChanged + " THEN " + now
                                + " ELSE s.updated_at END AS updated_at";
                    default -> "n." + c;
                })
                .collect(Collectors.joining(", "));
        return "SELECT " + select + " FROM rag_new_docs n"
                + " LEFT JOIN rag_stored_docs s ON s.document_id = n.document_id"
                + " LEFT JOIN rag_stored_lists sl ON sl.document_id = n.document_id"
                + " LEFT JOIN rag_new_lists nl ON nl.document_id = n.document_id";
    }

    private static String occurrenceColumnsWithVersion() {
        return SparkRows.columns("occurrences").stream()
                .map(c -> c.equals("version") ? "d.version" : "o." + c)
                .collect(Collectors.joining(", "));
    }

    private String documentOpsSql() {
        return opsSql("documents", "rag_desired_docs", "rag_stored_docs", List.of("document_id"))
                + " UNION ALL SELECT '" + TableMerge.DELETE + "' AS " + TableMerge.OP + ", "
                + columns("documents", "x") + " FROM rag_deleted_docs x";
    }

    /**
     * Inserts (desired rows without a target row), updates (both, different in some column) and, for occurrences,
     * deletes (target rows without a desired one) by key.
     */
    private static String opsSql(String table, String desired, String target, List<String> keys) {
        String on = keys.stream().map(k -> "d." + k + " = t." + k).collect(Collectors.joining(" AND "));
        String sql = "SELECT '" + TableMerge.INSERT + "' AS " + TableMerge.OP + ", " + columns(table, "d") + " FROM "
                + desired + " d LEFT ANTI JOIN " + target + " t ON " + on
                + " UNION ALL SELECT '" + TableMerge.UPDATE + "' AS " + TableMerge.OP + ", " + columns(table, "d")
                + " FROM " + desired + " d JOIN " + target + " t ON " + on + " WHERE NOT (" + comparable(table, "d")
                + " <=> " + comparable(table, "t") + ")";
        if (table.equals("occurrences")) {
            sql += " UNION ALL SELECT '" + TableMerge.DELETE + "' AS " + TableMerge.OP + ", " + columns(table, "t")
                    + " FROM " + target + " t LEFT ANTI JOIN " + desired + " d ON " + on;
        }
        return sql;
    }
}
