package io.ragplatform.eval.corpus;

import io.ragplatform.index.DocumentRecord;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/**
 * The rows that index entries make in the corpus tables, as Iceberg generic records of the tables' schemas: what an
 * {@link CorpusTables#export export} writes, for another writer of the same tables (the Spark ingestion job) to write
 * the same rows without a second definition of them. Stateless and thread-safe.
 */
public final class CorpusRows {
    /** The four tables by name ({@code chunks}, {@code documents}, {@code embeddings}, {@code occurrences}). */
    public static final List<String> TABLES =
            CorpusSchemas.TABLES.stream().map(TableIdentifier::name).sorted().toList();

    private static final Map<String, TableIdentifier> BY_NAME = Map.of(
            "documents", CorpusSchemas.DOCUMENTS,
            "chunks", CorpusSchemas.CHUNKS,
            "occurrences", CorpusSchemas.OCCURRENCES,
            "embeddings", CorpusSchemas.EMBEDDINGS);

    private CorpusRows() {}

    /**
     * The schema a new table of that name gets (field IDs, types, required columns), as {@code docs/ICEBERG.md} lists
     * it.
     *
     * @throws IllegalArgumentException for a name that is not one of {@link #TABLES}
     */
    public static Schema schema(String table) {
        TableIdentifier id = BY_NAME.get(table);
        if (id == null) {
            throw new IllegalArgumentException("no corpus table '" + table + "'; the tables are " + TABLES);
        }
        return CorpusSchemas.schema(id);
    }

    /** The record's row of {@code documents}. */
    public static Record document(DocumentRecord record) {
        return CorpusSchemas.document(CorpusSchemas.DOCUMENTS_SCHEMA, record);
    }

    /** The record's rows of {@code occurrences}, one per chunk reference, in document order. */
    public static List<Record> occurrences(DocumentRecord record) {
        return CorpusSchemas.occurrences(CorpusSchemas.OCCURRENCES_SCHEMA, record);
    }

    /** A chunk's row of {@code chunks}: its ID, text and languages as the index stores them. */
    public static Record chunk(String chunkId, String text, List<String> languages) {
        return CorpusSchemas.chunk(CorpusSchemas.CHUNKS_SCHEMA, chunkId, text, languages);
    }

    /** One vector of a chunk, a row of {@code embeddings}. */
    public static Record embedding(String chunkId, String modelId, float[] vector) {
        return CorpusSchemas.embedding(CorpusSchemas.EMBEDDINGS_SCHEMA, chunkId, modelId, vector);
    }
}
