package io.ragplatform.eval.corpus;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an export left in the corpus tables for one index version.
 *
 * @param indexVersion the index version
 * @param tag its tag on every table ({@link CorpusTables#tag(long)})
 * @param tables by table name ({@code chunks}, {@code documents}, {@code embeddings}, {@code occurrences})
 */
public record CorpusExport(long indexVersion, String tag, SortedMap<String, Table> tables) {
    public CorpusExport {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
    }

    /**
     * One table's snapshot of the version.
     *
     * @param snapshotId the tagged snapshot
     * @param rows its rows (the whole version: every row of the table at that snapshot)
     * @param written whether this export committed it; false when the table held the version's tag already
     */
    public record Table(long snapshotId, long rows, boolean written) {}

    /** Whether this export committed anything; false when every table held the version already. */
    public boolean written() {
        return tables.values().stream().anyMatch(Table::written);
    }
}
