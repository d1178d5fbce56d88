package io.ragplatform.eval.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalog;

/** Creates {@link EvalStore}s. */
public final class EvalStores {
    /**
     * The catalog name the store registers its tables under. A JDBC catalog keeps it in every row of its
     * {@code iceberg_tables} table, so another engine must use the same name to see the tables.
     */
    public static final String CATALOG_NAME = "rag";

    private EvalStores() {}

    /**
     * Checks an eval-set name: 1 to 64 of {@code [A-Za-z0-9._-]}.
     *
     * @return the name
     * @throws io.ragplatform.error.RagException ({@code invalid_request}) naming the rule when it is not valid
     */
    public static String checkSetName(String name) {
        return SetNames.check(name);
    }

    /**
     * An embedded store: an Iceberg JDBC catalog in SQLite at {@code <warehouseDir>/catalog.db}, tables under
     * {@code <warehouseDir>/eval/<table>/} (plain absolute paths, local file system). Creates the directory, catalog
     * and tables when missing; opening the same directory again sees everything stored before.
     *
     * @throws EvalStoreException if the directory or the catalog cannot be opened
     */
    public static EvalStore local(Path warehouseDir) {
        Path dir = warehouseDir.toAbsolutePath().normalize();
        JdbcCatalog catalog = localCatalog(dir);
        try {
            return new IcebergEvalStore(catalog, catalog);
        } catch (RuntimeException e) {
            closeQuietly(catalog, e);
            throw new EvalStoreException("cannot open the Iceberg warehouse at " + dir, e);
        }
    }

    /**
     * The embedded catalog over {@code dir}, initialized: SQLite at {@code <dir>/catalog.db}, catalog name {@value
     * #CATALOG_NAME}, tables under {@code <dir>/<namespace>/<table>/} on the local disk. What {@link #local(Path)}
     * stores in, and what the corpus tables and tests open beside it; several catalogs may be open on one directory (in
     * one or several processes). The caller closes it.
     *
     * @throws EvalStoreException if the directory or the catalog cannot be opened
     */
    public static JdbcCatalog localCatalog(Path warehouseDir) {
        Path dir = warehouseDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EvalStoreException("cannot create the warehouse directory " + dir, e);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("catalog.db"));
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, dir.toString());
        // V1 adds the view columns; without it the catalog logs a warning on every start
        properties.put("jdbc.schema-version", "V1");
        // another process may hold SQLite's write lock for a moment: wait instead of failing at once
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "busy_timeout", "10000");
        registerSqliteDriver();
        // the FileIO is given as a function, not by class name: under Quarkus, naming it fails across class loaders
        JdbcCatalog catalog = new JdbcCatalog(props -> new LocalFileIO(), null, true);
        try {
            catalog.initialize(CATALOG_NAME, properties);
            return catalog;
        } catch (RuntimeException e) {
            closeQuietly(catalog, e);
            throw new EvalStoreException("cannot open the Iceberg catalog " + dir.resolve("catalog.db"), e);
        }
    }

    /**
     * Registers this class loader's SQLite driver. {@code DriverManager} finds drivers once per JVM, so after a restart
     * of the application in a new class loader (a test with another profile) the first connection would fail with "no
     * suitable driver" until the new loader's driver class happened to be initialized.
     */
    private static void registerSqliteDriver() {
        try {
            Class.forName("org.sqlite.JDBC", true, EvalStores.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new EvalStoreException("the SQLite JDBC driver (org.xerial:sqlite-jdbc) is not on the class path", e);
        }
    }

    /**
     * A store in a shared Iceberg REST catalog, so Spark, Trino, DuckDB or PyIceberg read the same tables. The
     * properties are the catalog's ({@code uri} at least; {@code warehouse}, {@code credential} or {@code token},
     * {@code io-impl} and its own settings as the server needs). Object-storage FileIOs (S3, GCS, ADLS) are not on
     * this module's class path; add the matching Iceberg bundle to use them. Creating the store contacts the server.
     *
     * @throws EvalStoreException if the catalog cannot be reached or initialized
     */
    public static EvalStore rest(Map<String, String> catalogProperties) {
        if (!catalogProperties.containsKey(CatalogProperties.URI)) {
            throw new IllegalArgumentException("a REST catalog needs the '" + CatalogProperties.URI + "' property");
        }
        RESTCatalog catalog = new RESTCatalog();
        try {
            catalog.initialize(CATALOG_NAME, Map.copyOf(catalogProperties));
            return new IcebergEvalStore(catalog, catalog);
        } catch (RuntimeException e) {
            closeQuietly(catalog, e);
            throw new EvalStoreException(
                    "cannot open the Iceberg REST catalog at " + catalogProperties.get(CatalogProperties.URI), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, RuntimeException failure) {
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
