package io.ragplatform.eval.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The governance audits beside the evaluation tables, in the same catalog: {@code governance.audits} (one row per
 * audit, sorted by time) and {@code governance.audit_documents} (the documents each audit saw, partitioned by audit).
 * Both are append-only: an audit is one commit of its documents, then one of its row, so a reader that finds the row
 * finds its documents. Writes hold the store's write lock.
 */
final class AuditHistory implements AuditTable {
    static final Namespace NAMESPACE = Namespace.of("governance");
    static final TableIdentifier AUDITS = TableIdentifier.of(NAMESPACE, "audits");
    static final TableIdentifier DOCUMENTS = TableIdentifier.of(NAMESPACE, "audit_documents");

    private static final Types.StringType STRING = Types.StringType.get();

    /** Totals ({@code documents, chunks, occurrences}) and changes ({@code added, updated, deleted, erased}). */
    static final Schema AUDITS_SCHEMA = new Schema(
            NestedField.required(1, "audit_id", STRING),
            NestedField.required(2, "created_at", Types.TimestampType.withZone()),
            NestedField.required(3, "trigger", STRING),
            NestedField.required(4, "index_version", Types.LongType.get()),
            NestedField.required(5, "totals", Types.MapType.ofRequired(6, 7, STRING, Types.LongType.get())),
            NestedField.required(8, "exact_duplicate_share", Types.DoubleType.get()),
            NestedField.required(
                    9,
                    "counts",
                    Types.MapType.ofRequired(
                            10, 11, STRING, Types.MapType.ofRequired(12, 13, STRING, Types.LongType.get()))),
            NestedField.required(14, "changes", Types.MapType.ofRequired(15, 16, STRING, Types.IntegerType.get())),
            NestedField.optional(17, "previous_audit_id", STRING));

    static final Schema DOCUMENTS_SCHEMA = new Schema(
            NestedField.required(1, "audit_id", STRING),
            NestedField.required(2, "document_id", STRING),
            NestedField.required(3, "source_id", STRING),
            NestedField.required(4, "version", Types.IntegerType.get()),
            NestedField.optional(5, "content_hash", STRING));

    private final StoreTables tables;

    AuditHistory(StoreTables tables) {
        this.tables = tables;
    }

    /** Creates the namespace and tables when missing (another process may race: its tables are as good). */
    static void ensureTables(Catalog catalog) {
        CatalogTables.ensureNamespace(catalog, NAMESPACE);
        create(catalog, AUDITS, AUDITS_SCHEMA, PartitionSpec.unpartitioned(), "created_at");
        create(
                catalog,
                DOCUMENTS,
                DOCUMENTS_SCHEMA,
                PartitionSpec.builderFor(DOCUMENTS_SCHEMA).identity("audit_id").build(),
                "document_id");
    }

    private static void create(Catalog catalog, TableIdentifier id, Schema schema, PartitionSpec spec, String sortBy) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TableProperties.FORMAT_VERSION, "2");
        properties.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
        properties.put(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + "audit_id", "full");
        CatalogTables.ensureTable(
                catalog,
                id,
                schema,
                spec,
                SortOrder.builderFor(schema).asc(sortBy).build(),
                properties);
    }

    @Override
    public void save(AuditRecord audit, List<AuditDocument> documents) {
        IcebergEvalStore.guarded(() -> saveGuarded(audit, documents));
    }

    private void saveGuarded(AuditRecord audit, List<AuditDocument> documents) {
        synchronized (tables.writeLock()) {
            if (find(audit.auditId()) != null) {
                throw new IllegalArgumentException("an audit with id '" + audit.auditId() + "' is stored already");
            }
            if (!documents.isEmpty()) {
                Table docs = tables.load(DOCUMENTS);
                List<Record> rows = new ArrayList<>(documents.size());
                documents.stream()
                        .sorted(Comparator.comparing(AuditDocument::documentId))
                        .forEach(d -> rows.add(toRow(docs.schema(), audit.auditId(), d)));
                DataFile file = EvalTables.write(docs, rows);
                try {
                    docs.newAppend().appendFile(file).commit();
                } catch (RuntimeException e) {
                    IcebergIO.deleteQuietly(docs, file, e);
                    throw e;
                }
            }
            Table audits = tables.load(AUDITS);
            DataFile file = EvalTables.write(audits, List.of(toRow(audits.schema(), audit)));
            try {
                audits.newAppend().appendFile(file).commit();
            } catch (RuntimeException e) {
                IcebergIO.deleteQuietly(audits, file, e);
                throw e;
            }
        }
    }

    @Override
    public List<AuditRecord> list() {
        return IcebergEvalStore.guarded(this::read);
    }

    private List<AuditRecord> read() {
        Table audits = tables.load(AUDITS);
        List<AuditRecord> out = new ArrayList<>();
        if (audits.currentSnapshot() != null) {
            IcebergIO.read(
                    audits,
                    audits.currentSnapshot().snapshotId(),
                    Expressions.alwaysTrue(),
                    row -> out.add(toAudit(row)));
        }
        out.sort(Comparator.comparing(AuditRecord::createdAt).thenComparing(AuditRecord::auditId));
        return out;
    }

    private AuditRecord find(String auditId) {
        List<AuditRecord> found =
                IcebergIO.readCurrent(tables.load(AUDITS), "audit_id", auditId, AuditHistory::toAudit);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<AuditDocument> documents(String auditId) {
        List<AuditDocument> out = IcebergEvalStore.guarded(
                () -> IcebergIO.readCurrent(tables.load(DOCUMENTS), "audit_id", auditId, AuditHistory::toDocument));
        out.sort(Comparator.comparing(AuditDocument::documentId));
        return out;
    }

    private static Record toRow(Schema schema, AuditRecord a) {
        Record row = GenericRecord.create(schema);
        row.setField("audit_id", a.auditId());
        row.setField("created_at", OffsetDateTime.ofInstant(Instant.parse(a.createdAt()), ZoneOffset.UTC));
        row.setField("trigger", a.trigger());
        row.setField("index_version", a.indexVersion());
        row.setField(
                "totals", Map.of("documents", a.documents(), "chunks", a.chunks(), "occurrences", a.occurrences()));
        row.setField("exact_duplicate_share", a.exactDuplicateShare());
        row.setField("counts", a.counts());
        AuditRecord.Changes c = a.changes();
        row.setField(
                "changes",
                Map.of("added", c.added(), "updated", c.updated(), "deleted", c.deleted(), "erased", c.erased()));
        row.setField("previous_audit_id", a.previousAuditId());
        return row;
    }

    private static AuditRecord toAudit(Record row) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        ((Map<?, ?>) row.getField("counts")).forEach((dimension, values) -> {
            Map<String, Long> m = new LinkedHashMap<>();
            ((Map<?, ?>) values).forEach((k, v) -> m.put(k.toString(), (Long) v));
            counts.put(dimension.toString(), m);
        });
        Map<?, ?> totals = (Map<?, ?>) row.getField("totals");
        Map<?, ?> changes = (Map<?, ?>) row.getField("changes");
        Object previous = row.getField("previous_audit_id");
        return new AuditRecord(
                row.getField("audit_id").toString(),
                ((OffsetDateTime) row.getField("created_at")).toInstant().toString(),
                row.getField("trigger").toString(),
                (Long) row.getField("index_version"),
                (Long) totals.get("documents"),
                (Long) totals.get("chunks"),
                (Long) totals.get("occurrences"),
                counts,
                new AuditRecord.Changes(
                        (Integer) changes.get("added"),
                        (Integer) changes.get("updated"),
                        (Integer) changes.get("deleted"),
                        (Integer) changes.get("erased")),
                previous == null ? null : previous.toString());
    }

    private static Record toRow(Schema schema, String auditId, AuditDocument d) {
        Record row = GenericRecord.create(schema);
        row.setField("audit_id", auditId);
        row.setField("document_id", d.documentId());
        row.setField("source_id", d.sourceId());
        row.setField("version", d.version());
        row.setField("content_hash", d.contentHash());
        return row;
    }

    private static AuditDocument toDocument(Record row) {
        Object hash = row.getField("content_hash");
        return new AuditDocument(
                row.getField("document_id").toString(),
                row.getField("source_id").toString(),
                (Integer) row.getField("version"),
                hash == null ? null : hash.toString());
    }
}
