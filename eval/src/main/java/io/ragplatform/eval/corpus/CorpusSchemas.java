package io.ragplatform.eval.corpus;

import io.ragplatform.eval.store.CatalogTables;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.CorpusChunk;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.ingest.MetadataKeys;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The four corpus tables' definitions (schema, partitioning, sort order, properties) and how index entries become their
 * rows. Documented in {@code docs/ICEBERG.md}, "Corpus tables"; change both together.
 */
final class CorpusSchemas {
    static final Namespace NAMESPACE = Namespace.of(CorpusTables.NAMESPACE);
    static final TableIdentifier DOCUMENTS = TableIdentifier.of(NAMESPACE, "documents");
    static final TableIdentifier CHUNKS = TableIdentifier.of(NAMESPACE, "chunks");
    static final TableIdentifier OCCURRENCES = TableIdentifier.of(NAMESPACE, "occurrences");
    static final TableIdentifier EMBEDDINGS = TableIdentifier.of(NAMESPACE, "embeddings");

    /** In commit order: what a row of a later table names is committed before it (documents last: the export is done). */
    static final List<TableIdentifier> TABLES = List.of(CHUNKS, EMBEDDINGS, OCCURRENCES, DOCUMENTS);

    /** Snapshot summary keys of an export's commits. */
    static final String SUMMARY_VERSION = "rag.index.version";

    static final String SUMMARY_COMMITTED_AT = "rag.index.committed-at";
    static final String SUMMARY_MODEL = "rag.index.model";

    /** Buckets of {@code chunk_id}: a chunk's rows in all three chunk-keyed tables are in the bucket of the same number. */
    static final int CHUNK_BUCKETS = 16;

    private static final Type STRING = Types.StringType.get();
    private static final Type INT = Types.IntegerType.get();
    private static final Type LONG = Types.LongType.get();
    private static final Type TIMESTAMP = Types.TimestampType.withZone();

    /** One reference of a document to a chunk: a row of {@code occurrences}. */
    private record Reference(DocumentRecord document, int ordinal, ChunkRef chunk) {}

    /** One vector of a chunk: a row of {@code embeddings}. */
    private record Embedding(String chunkId, String modelId, float[] vector) {}

    /** One chunk's text and languages: a row of {@code chunks}. */
    private record ChunkText(String chunkId, String text, List<String> languages) {}

    static final List<Column<DocumentRecord>> DOCUMENT_COLUMNS = List.of(
            Column.required(1, "document_id", STRING, DocumentRecord::documentId),
            Column.required(2, "source_id", STRING, DocumentRecord::sourceId),
            Column.required(3, "path", STRING, d -> d.path() == null ? "" : d.path()),
            Column.optional(4, "parent_document_id", STRING, DocumentRecord::parentDocumentId),
            Column.required(5, "version", INT, DocumentRecord::version),
            Column.optional(6, "content_hash", STRING, DocumentRecord::contentHash),
            Column.optional(7, "metadata_hash", STRING, DocumentRecord::metadataHash),
            Column.optional(8, "content_type", STRING, DocumentRecord::contentType),
            Column.optional(9, "language", STRING, DocumentRecord::language),
            Column.optional(10, "title", STRING, d -> d.properties().get(MetadataKeys.TITLE)),
            Column.optional(11, "pages", INT, d -> pages(d.properties().get(MetadataKeys.PAGES))),
            Column.required(12, "text_length", INT, DocumentRecord::textLength),
            Column.required(13, "properties", stringMap(14), d -> new TreeMap<>(d.properties())),
            Column.required(16, "metadata", stringMap(17), d -> new TreeMap<>(d.metadata())),
            Column.required(19, "acl", Types.ListType.ofRequired(20, STRING), d -> List.copyOf(d.acl())),
            Column.required(21, "license", STRING, DocumentRecord::license),
            Column.required(22, "pii", Types.MapType.ofRequired(23, 24, STRING, INT), d -> new TreeMap<>(d.pii())),
            Column.optional(25, "file_hash", STRING, DocumentRecord::fileHash),
            Column.required(26, "file_size", LONG, DocumentRecord::fileSize),
            Column.optional(27, "pipeline", STRING, DocumentRecord::pipeline),
            Column.optional(28, "ingested_at", TIMESTAMP, d -> time(d.ingestedAt())),
            Column.optional(29, "updated_at", TIMESTAMP, d -> time(d.updatedAt())),
            Column.optional(30, "signature", STRING, DocumentRecord::signature));

    private static final List<Column<ChunkText>> CHUNK_COLUMNS = List.of(
            Column.required(1, "chunk_id", STRING, ChunkText::chunkId),
            Column.required(2, "text", STRING, ChunkText::text),
            Column.required(3, "languages", Types.ListType.ofRequired(4, STRING), c -> List.copyOf(c.languages())));

    private static final List<Column<Embedding>> EMBEDDING_COLUMNS = List.of(
            Column.required(1, "chunk_id", STRING, Embedding::chunkId),
            Column.required(2, "model_id", STRING, Embedding::modelId),
            Column.required(3, "vector", Types.ListType.ofRequired(4, Types.FloatType.get()), e -> floats(e.vector())));

    private static final List<Column<Reference>> OCCURRENCE_COLUMNS = List.of(
            Column.required(1, "document_id", STRING, r -> r.document().documentId()),
            Column.required(2, "source_id", STRING, r -> r.document().sourceId()),
            Column.required(3, "version", INT, r -> r.document().version()),
            Column.required(4, "chunk_id", STRING, r -> r.chunk().chunkId()),
            Column.required(5, "ordinal", INT, Reference::ordinal),
            Column.required(6, "char_start", INT, r -> r.chunk().charStart()),
            Column.required(7, "char_end", INT, r -> r.chunk().charEnd()),
            Column.required(8, "page", INT, r -> r.chunk().page()),
            Column.optional(9, "pipeline", STRING, r -> r.document().pipeline()));

    static final Schema DOCUMENTS_SCHEMA = Column.schema(DOCUMENT_COLUMNS);
    static final Schema CHUNKS_SCHEMA = Column.schema(CHUNK_COLUMNS);
    static final Schema EMBEDDINGS_SCHEMA = Column.schema(EMBEDDING_COLUMNS);
    static final Schema OCCURRENCES_SCHEMA = Column.schema(OCCURRENCE_COLUMNS);

    private CorpusSchemas() {}

    static Schema schema(TableIdentifier table) {
        if (table.equals(DOCUMENTS)) {
            return DOCUMENTS_SCHEMA;
        } else if (table.equals(CHUNKS)) {
            return CHUNKS_SCHEMA;
        } else if (table.equals(OCCURRENCES)) {
            return OCCURRENCES_SCHEMA;
        }
        return EMBEDDINGS_SCHEMA;
    }

    /** Documents are not partitioned; the three chunk-keyed tables are bucketed by chunk ID. */
    static PartitionSpec spec(TableIdentifier table, Schema schema) {
        return table.equals(DOCUMENTS)
                ? PartitionSpec.unpartitioned()
                : PartitionSpec.builderFor(schema)
                        .bucket("chunk_id", CHUNK_BUCKETS)
                        .build();
    }

    /** The order rows are written in: the index's visit order (by document ID, by chunk ID), see CorpusVisitor. */
    static SortOrder sortOrder(TableIdentifier table, Schema schema) {
        SortOrder.Builder order = SortOrder.builderFor(schema);
        if (table.equals(DOCUMENTS)) {
            return order.asc("document_id").build();
        } else if (table.equals(OCCURRENCES)) {
            return order.asc("document_id").asc("ordinal").build();
        } else if (table.equals(EMBEDDINGS)) {
            return order.asc("chunk_id").asc("model_id").build();
        }
        return order.asc("chunk_id").build();
    }

    static Map<String, String> properties(TableIdentifier table) {
        Map<String, String> properties = CatalogTables.standardProperties();
        // exact bounds on the keys, so that a lookup by ID prunes files by them
        String key = table.equals(DOCUMENTS) ? "document_id" : "chunk_id";
        properties.put(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + key, "full");
        return properties;
    }

    // ---- rows

    static Record document(Schema schema, DocumentRecord d) {
        return Column.row(schema, DOCUMENT_COLUMNS, d);
    }

    /** One row per chunk reference of the document, in document order ({@code ordinal} 0, 1, ...). */
    static List<Record> occurrences(Schema schema, DocumentRecord d) {
        List<Record> rows = new ArrayList<>(d.chunks().size());
        for (int i = 0; i < d.chunks().size(); i++) {
            rows.add(Column.row(
                    schema, OCCURRENCE_COLUMNS, new Reference(d, i, d.chunks().get(i))));
        }
        return rows;
    }

    static Record chunk(Schema schema, CorpusChunk c) {
        return chunk(schema, c.chunkId(), c.text(), c.languages());
    }

    static Record chunk(Schema schema, String chunkId, String text, List<String> languages) {
        return Column.row(schema, CHUNK_COLUMNS, new ChunkText(chunkId, text, languages));
    }

    /** One row per model that embedded the chunk, by model ID. */
    static List<Record> embeddings(Schema schema, CorpusChunk c) {
        List<Record> rows = new ArrayList<>();
        c.vectors().forEach((model, vector) -> rows.add(embedding(schema, c.chunkId(), model, vector)));
        return rows;
    }

    static Record embedding(Schema schema, String chunkId, String modelId, float[] vector) {
        return Column.row(schema, EMBEDDING_COLUMNS, new Embedding(chunkId, modelId, vector));
    }

    private static Types.MapType stringMap(int keyId) {
        return Types.MapType.ofRequired(keyId, keyId + 1, STRING, STRING);
    }

    private static List<Float> floats(float[] vector) {
        List<Float> values = new ArrayList<>(vector.length);
        for (float v : vector) {
            values.add(v);
        }
        return values;
    }

    /** The page count an extractor recorded, when it is a number. */
    private static Integer pages(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OffsetDateTime time(String iso) {
        return iso == null ? null : OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
    }
}
