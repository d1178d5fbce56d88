package io.ragplatform.eval.store;

import static io.ragplatform.eval.store.EvalTables.QUERY_RESULTS;
import static io.ragplatform.eval.store.EvalTables.RUNS;
import static io.ragplatform.eval.store.EvalTables.SET_ITEMS;

import io.ragplatform.error.RagException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitStateUnknownException;

/**
 * {@link EvalStore} over three Iceberg tables in one catalog (JDBC/SQLite embedded, or REST).
 *
 * <p>Every call loads the tables afresh from the catalog, so it sees commits of other stores and processes and shares
 * no mutable table state with concurrent calls; writes are serialized on one lock. Sets live in {@link SetVersions}, runs
 * in {@link StoredRuns}; this class creates and evolves the tables and keeps the contract on failures.
 */
final class IcebergEvalStore implements EvalStore {
    private final Catalog catalog;
    private final Closeable closer;
    private final SetVersions sets;
    private final StoredRuns runs;
    private final AuditHistory audits;
    private final StoreErasure erasure;

    IcebergEvalStore(Catalog catalog, Closeable closer) {
        this.catalog = catalog;
        this.closer = closer;
        StoreTables tables = new StoreTables(catalog, new Object());
        this.sets = new SetVersions(tables);
        this.runs = new StoredRuns(tables);
        this.audits = new AuditHistory(tables);
        this.erasure = new StoreErasure(tables, runs);
        ensureTables();
        AuditHistory.ensureTables(catalog);
    }

    private void ensureTables() {
        CatalogTables.ensureNamespace(catalog, EvalTables.NAMESPACE);
        for (TableIdentifier id : List.of(SET_ITEMS, RUNS, QUERY_RESULTS)) {
            var schema = EvalTables.schema(id);
            boolean existed = CatalogTables.ensureTable(
                    catalog,
                    id,
                    schema,
                    EvalTables.spec(id, schema),
                    EvalTables.sortOrder(id, schema),
                    EvalTables.properties(id));
            if (existed) {
                evolve(id);
            }
        }
    }

    /** Adds the optional columns a newer schema has to a table created by an older one (rows are read by name). */
    private void evolve(TableIdentifier id) {
        Table table = catalog.loadTable(id);
        boolean missing = EvalTables.schema(id).columns().stream()
                .anyMatch(column -> table.schema().findField(column.name()) == null);
        if (missing) {
            table.updateSchema().unionByNameWith(EvalTables.schema(id)).commit();
        }
    }

    // ---- the contract: every failure leaves as a RagException (the store's own, or the caller's input) or, for a
    // programming error, an IllegalArgumentException

    @Override
    public EvalSetVersion createVersion(String name, List<EvalItem> items) {
        return guarded(() -> sets.create(name, items));
    }

    @Override
    public List<String> sets() {
        return guarded(sets::sets);
    }

    @Override
    public List<EvalSetVersion> versions(String name) {
        return guarded(() -> sets.versions(name));
    }

    @Override
    public EvalSetVersion version(String name, int version) {
        return guarded(() -> sets.version(name, version));
    }

    @Override
    public List<EvalItem> items(String name, int version) {
        return guarded(() -> sets.items(name, version));
    }

    @Override
    public SetDiff diff(String name, int v1, int v2) {
        return guarded(() -> sets.diff(name, v1, v2));
    }

    @Override
    public void saveRun(RunRecord run, List<QueryResultRecord> results) {
        guarded(() -> runs.save(run, results));
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        return guarded(() -> runs.run(runId));
    }

    @Override
    public List<RunRecord> runs(String set) {
        return guarded(() -> runs.runs(set));
    }

    @Override
    public List<QueryResultRecord> results(String runId) {
        return guarded(() -> runs.results(runId));
    }

    @Override
    public AuditTable audits() {
        return audits;
    }

    public ErasureResult erase(ErasedText erased) {
        return guarded(() -> erasure.erase(erased));
    }

    @Override
    public SortedMap<String, List<String>> runsHolding(Set<String> ids) {
        return guarded(() -> {
            SortedMap<String, List<String>> found = new TreeMap<>();
            erasure.holding(Set.copyOf(ids)).forEach((run, held) -> found.put(run, List.copyOf(held)));
            return Collections.unmodifiableSortedMap(found);
        });
    }

    /** {@link #guarded(Supplier)} for a call without a result. */
    static void guarded(Runnable call) {
        guarded(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs a call, turning Iceberg's and the file system's unchecked failures into {@link EvalStoreException}s; the
     * platform's own exceptions (a bad set name, a missing set) and argument errors pass unchanged.
     */
    static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (RagException | IllegalArgumentException | NullPointerException e) {
            throw e;
        } catch (CommitStateUnknownException e) {
            // the commit may or may not have landed: retrying blindly could store the same data twice
            throw new EvalStoreException("an Iceberg commit's outcome is unknown; read the store before retrying", e);
        } catch (UncheckedIOException e) {
            throw new EvalStoreException("I/O failure in the Iceberg warehouse", e);
        } catch (RuntimeException e) {
            throw new EvalStoreException("Iceberg failure: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (IOException e) {
            throw new EvalStoreException("cannot close the Iceberg catalog", e);
        }
    }
}
