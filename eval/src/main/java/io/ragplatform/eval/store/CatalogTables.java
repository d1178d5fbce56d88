package io.ragplatform.eval.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * What the writers of one warehouse share: creating its namespaces and tables when they are missing, and the writers of
 * its Parquet data files. Another process may create the same table between the check and the call: what it created
 * is taken as it is (all writers define the tables alike), so opening a warehouse from several processes at once is
 * safe. Used by the evaluation store, the governance audits and the corpus tables, which all live in one catalog.
 */
public final class CatalogTables {
    private CatalogTables() {}

    /** Creates the namespace unless it exists; a no-op for a catalog without namespaces. */
    public static void ensureNamespace(Catalog catalog, Namespace namespace) {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException raced) {
                // another process created it between the check and the call
            }
        }
    }

    /**
     * Creates the table unless it exists (an existing table is left as it is, schema and all).
     *
     * @return whether it existed before
     */
    public static boolean ensureTable(
            Catalog catalog,
            TableIdentifier table,
            Schema schema,
            PartitionSpec spec,
            SortOrder sortOrder,
            Map<String, String> properties) {
        if (catalog.tableExists(table)) {
            return true;
        }
        try {
            catalog.buildTable(table, schema)
                    .withPartitionSpec(spec)
                    .withSortOrder(sortOrder)
                    .withProperties(properties)
                    .create();
            return false;
        } catch (AlreadyExistsException raced) {
            // created by another process meanwhile
            return true;
        }
    }

    /**
     * The properties every table of the warehouse starts with (a caller adds its own to the copy): format v2, what
     * DuckDB, Trino, Spark and PyIceberg all read; Parquet data files; and of the {@code metadata.json} that each commit
     * writes, the last 100 kept (snapshots and tags live on inside the newest).
     */
    public static Map<String, String> standardProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TableProperties.FORMAT_VERSION, "2");
        properties.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
        properties.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
        properties.put(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "100");
        return properties;
    }

    /** Writers of the table's rows as Parquet, in its current schema and sort order. */
    public static GenericFileWriterFactory parquetWriters(Table table) {
        return new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET)
                .dataSchema(table.schema())
                .dataSortOrder(table.sortOrder())
                .build();
    }

    /** New Parquet data files in the table's data location, each with a name of its own. */
    public static OutputFileFactory parquetFiles(Table table) {
        return OutputFileFactory.builderFor(table, 0, 0)
                .format(FileFormat.PARQUET)
                .build();
    }
}
