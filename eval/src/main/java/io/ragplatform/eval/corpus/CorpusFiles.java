package io.ragplatform.eval.corpus;

import io.ragplatform.eval.store.CatalogTables;
import io.ragplatform.index.CorpusChunk;
import io.ragplatform.index.CorpusVisitor;
import io.ragplatform.index.DocumentRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.util.PropertyUtil;

/**
 * The data files of one export, written while the index is visited: a document becomes its {@code documents} row and
 * its {@code occurrences} rows, a chunk its {@code chunks} row and its {@code embeddings} rows. Only the tables it was
 * given are written (an export skips the tables that hold the version already). Each table's rows go through a fanout
 * writer (one open Parquet file per bucket), so nothing but the writers' buffers is held in memory.
 */
final class CorpusFiles implements CorpusVisitor {
    /** The rows and files of one table. */
    private static final class TableFiles {
        final Table table;
        final PartitionKey partition;
        final FanoutDataWriter<Record> writer;
        long rows;
        List<DataFile> files;

        TableFiles(Table table) {
            this.table = table;
            this.partition = new PartitionKey(table.spec(), table.schema());
            long target = PropertyUtil.propertyAsLong(
                    table.properties(),
                    TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
                    TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
            this.writer = new FanoutDataWriter<>(
                    CatalogTables.parquetWriters(table), CatalogTables.parquetFiles(table), table.io(), target);
        }

        void write(Record row) {
            partition.partition(row);
            writer.write(row, table.spec(), partition);
            rows++;
        }

        /** Closes the writer; its files by partition path, so that a commit lists them in the same order every time. */
        void finish() throws IOException {
            writer.close();
            files = new ArrayList<>(writer.result().dataFiles());
            files.sort(Comparator.comparing(f -> table.spec().partitionToPath(f.partition())));
        }
    }

    private final Map<TableIdentifier, TableFiles> tables = new LinkedHashMap<>();

    CorpusFiles(Map<TableIdentifier, Table> toWrite) {
        toWrite.forEach((id, table) -> tables.put(id, new TableFiles(table)));
    }

    @Override
    public void document(DocumentRecord document) {
        write(CorpusSchemas.DOCUMENTS, schema -> List.of(CorpusSchemas.document(schema, document)));
        write(CorpusSchemas.OCCURRENCES, schema -> CorpusSchemas.occurrences(schema, document));
    }

    @Override
    public void chunk(CorpusChunk chunk) {
        write(CorpusSchemas.CHUNKS, schema -> List.of(CorpusSchemas.chunk(schema, chunk)));
        write(CorpusSchemas.EMBEDDINGS, schema -> CorpusSchemas.embeddings(schema, chunk));
    }

    /** The rows of one entry in one table, unless the export skips that table. */
    private void write(TableIdentifier table, Function<Schema, List<Record>> rows) {
        TableFiles files = tables.get(table);
        if (files != null) {
            rows.apply(files.table.schema()).forEach(files::write);
        }
    }

    /** Closes every writer once the visit is over. */
    void finish() {
        try {
            for (TableFiles t : tables.values()) {
                t.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus tables' data files", e);
        }
    }

    List<DataFile> files(TableIdentifier table) {
        return tables.get(table).files;
    }

    long rows(TableIdentifier table) {
        return tables.get(table).rows;
    }

    /**
     * Deletes what the writers wrote of the tables not committed yet (after a failure); a failure to delete is added to
     * {@code failure}.
     */
    void discard(Iterable<TableIdentifier> uncommitted, Exception failure) {
        for (TableIdentifier id : uncommitted) {
            TableFiles t = tables.get(id);
            if (t == null) {
                continue;
            }
            try {
                if (t.files == null) {
                    t.writer.close();
                    t.files = t.writer.result().dataFiles();
                }
                t.files.forEach(f -> t.table.io().deleteFile(f.location()));
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
