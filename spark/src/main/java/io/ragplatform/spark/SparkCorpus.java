package io.ragplatform.spark;

import io.ragplatform.eval.store.EvalStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.source.HasIcebergCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side of the service's warehouse: the Spark catalog {@value #CATALOG} over the embedded Iceberg JDBC catalog
 * (SQLite at {@code <warehouse>/catalog.db}) that the service's evaluation store and corpus tables use.
 */
public final class SparkCorpus {
    /**
     * The Spark catalog's name. It must be the service's catalog name: the JDBC catalog stores that name in every row
     * of its {@code iceberg_tables} table, and Spark's Iceberg catalog looks tables up under its own name.
     */
    public static final String CATALOG = EvalStores.CATALOG_NAME;

    /** The corpus tables' namespace in that catalog: {@code rag.corpus.documents} and so on. */
    public static final String TABLES = CATALOG + ".corpus";

    private SparkCorpus() {}

    /**
     * The Spark configuration of catalog {@value #CATALOG} over the embedded warehouse at {@code warehouse}: what
     * {@code --conf} takes on a {@code spark-sql} or {@code spark-submit} command line (docs/SPARK.md).
     */
    public static Map<String, String> catalogConf(Path warehouse) {
        Path dir = warehouse.toAbsolutePath().normalize();
        String prefix = "spark.sql.catalog." + CATALOG;
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        conf.put(prefix + ".catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        conf.put(prefix + ".uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        conf.put(prefix + ".warehouse", dir.toString());
        conf.put(prefix + ".jdbc.schema-version", "V1");
        // another process (the service) may hold SQLite's write lock for a moment: wait instead of failing at once
        conf.put(prefix + ".jdbc.busy_timeout", "10000");
        // every statement loads the tables afresh: a run reads what its own and others' commits left
        conf.put(prefix + ".cache-enabled", "false");
        // Iceberg's vectorized Parquet reader fails on JDK 25 (STACK.md)
        conf.put("spark.sql.iceberg.vectorization.enabled", "false");
        return conf;
    }

    /**
     * A new session of {@code spark}'s context whose catalog {@value #CATALOG} is the embedded warehouse at {@code
     * warehouse}; other sessions are not changed, so one application can read several warehouses.
     */
    public static SparkSession session(SparkSession spark, Path warehouse) {
        try {
            Files.createDirectories(warehouse);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warehouse directory " + warehouse, e);
        }
        SparkSession session = spark.newSession();
        catalogConf(warehouse).forEach((k, v) -> session.conf().set(k, v));
        return session;
    }

    /** The Iceberg catalog behind the session's Spark catalog {@value #CATALOG}. */
    static Catalog icebergCatalog(SparkSession session) {
        // the catalog manager reads the active session's configuration (SQLConf.get), not its own session's
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        Object catalog;
        try {
            SparkSession.setActiveSession(session);
            catalog = session.sessionState().catalogManager().catalog(CATALOG);
        } finally {
            if (active.isDefined()) {
                SparkSession.setActiveSession(active.get());
            } else {
                SparkSession.clearActiveSession();
            }
        }
        if (catalog instanceof HasIcebergCatalog iceberg) {
            return iceberg.icebergCatalog();
        }
        throw new IllegalStateException("the Spark catalog '" + CATALOG + "' is "
                + catalog.getClass().getName() + ", not an Iceberg catalog (org.apache.iceberg.spark.SparkCatalog)");
    }
}
