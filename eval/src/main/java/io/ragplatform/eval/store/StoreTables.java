package io.ragplatform.eval.store;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What the parts of one {@link IcebergEvalStore} share: the catalog their tables live in, and the lock that serialises
 * the store's writes (a set version and a run check each other's tables inside it).
 *
 * @param catalog where the store's tables are loaded from, afresh on every call
 * @param writeLock held by every write of the store
 */
record StoreTables(Catalog catalog, Object writeLock) {
    /** The table's current metadata. */
    Table load(TableIdentifier table) {
        return catalog.loadTable(table);
    }
}
