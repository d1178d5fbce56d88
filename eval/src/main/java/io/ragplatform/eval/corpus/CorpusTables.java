package io.ragplatform.eval.corpus;

import io.ragplatform.eval.store.EvalStores;
import io.ragplatform.index.RagIndex;
import java.io.Closeable;
import java.nio.file.Path;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The corpus of an index as Iceberg tables beside the evaluation tables, in the same catalog: namespace {@value
 * #NAMESPACE}, tables {@code documents}, {@code chunks}, {@code occurrences} and {@code embeddings} (schemas in {@code
 * docs/ICEBERG.md}, "Corpus tables"), so that SQL engines read what the index holds and join it with evaluation runs.
 *
 * <p>Each table's current snapshot holds exactly one index version, the last one exported; the snapshot of each
 * version is tagged {@link #tag(long) index-v<N>} and stays readable by that tag (time travel) after later exports.
 * Thread-safe: the exports of one instance are serialized.
 */
public interface CorpusTables extends Closeable {
    /** The namespace of the corpus tables, beside {@code eval} and {@code governance}. */
    String NAMESPACE = "corpus";

    /** The tag of the snapshot that holds index version {@code version} in each corpus table. */
    static String tag(long version) {
        return "index-v" + version;
    }

    /**
     * Writes the whole content of index version {@code version} into the four tables, each as one commit that
     * replaces every row the table held with that version's rows and tags the snapshot {@link #tag(long)}; chunks and
     * embeddings are committed first, documents last, so a table's tag means every table before it has the version
     * too. The rows are read from the version's commit ({@link RagIndex#forEachEntry}), a streamed pass that holds one
     * entry at a time.
     *
     * <p>Idempotent: a table that already has the version's tag, from the same index commit, is left as it is (no new
     * snapshot), so exporting a version twice, or again after an export that stopped part-way, leaves the same table
     * contents. Exporting N+1 after N replaces N's rows, so documents and chunks deleted in between are absent from
     * N+1's snapshot and still in N's.
     *
     * @return what each table holds for the version
     * @throws io.ragplatform.index.VersionNotRetainedException when the index does not (or no longer) retain it
     * @throws CorpusTablesException {@code corpus_version_conflict} when the tables already hold a newer version, or a
     *     tag of this number from another index (another commit time); {@code corpus_tables_unavailable} when the
     *     warehouse fails or another writer won a commit ({@link CorpusTablesException#retryable()})
     */
    CorpusExport export(RagIndex index, long version);

    /** Closes the catalog it owns. */
    @Override
    void close();

    /**
     * Corpus tables in the embedded warehouse at {@code warehouseDir}, the catalog {@link EvalStores#local(Path)}
     * stores evaluation sets in (SQLite at {@code <warehouseDir>/catalog.db}); creates the namespace and tables when
     * missing.
     *
     * @throws io.ragplatform.eval.store.EvalStoreException if the catalog cannot be opened
     * @throws CorpusTablesException if the corpus tables cannot be created
     */
    static CorpusTables local(Path warehouseDir) {
        JdbcCatalog catalog = EvalStores.localCatalog(warehouseDir);
        try {
            return new IcebergCorpusTables(catalog, catalog);
        } catch (RuntimeException e) {
            try {
                catalog.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw CorpusTablesException.unavailable("cannot create the corpus tables in " + warehouseDir, e, false);
        }
    }

    /**
     * Corpus tables in a catalog the caller owns and closes (another engine's, such as the Iceberg catalog behind a
     * Spark catalog); creates the namespace and tables when missing, defined exactly as {@link #local(Path)} defines
     * them. {@link #close()} leaves the catalog open.
     *
     * @throws CorpusTablesException if the corpus tables cannot be created
     */
    static CorpusTables in(Catalog catalog) {
        try {
            return new IcebergCorpusTables(catalog, () -> {});
        } catch (RuntimeException e) {
            throw CorpusTablesException.unavailable(
                    "cannot create the corpus tables in catalog " + catalog.name(), e, false);
        }
    }
}
