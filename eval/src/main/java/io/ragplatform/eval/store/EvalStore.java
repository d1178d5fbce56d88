package io.ragplatform.eval.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Evaluation sets, runs and per-query results, kept as Apache Iceberg tables ({@code eval.set_items},
 * {@code eval.runs}, {@code eval.query_results}; see {@code docs/ICEBERG.md}) so other engines read the same data.
 *
 * <p>Each set version is an immutable snapshot of {@code eval.set_items}, tagged {@code <name>-v<version>}; reading a
 * version travels back to that snapshot, so it returns exactly the items it was created with, whatever came after.
 * Runs are immutable once saved.
 *
 * <p>Implementations are thread-safe: writes in one store are serialized, reads see the last committed state. Two
 * processes writing the same tables rely on Iceberg's optimistic commits; a lost race surfaces as a
 * {@linkplain EvalStoreException#retryable() retryable} {@link EvalStoreException}. Items and results are returned in
 * ID order.
 *
 * <p>Failures: a caller's invalid input (a bad set name, no items, a repeated item ID) is a
 * {@link io.ragplatform.error.RagException} of category {@code INVALID_INPUT}; a programming error (a result of
 * another run) an {@link IllegalArgumentException} (or {@link NullPointerException} for a null); everything else,
 * including I/O and catalog failures, is an {@link EvalStoreException}.
 *
 * @see EvalStores
 */
public interface EvalStore extends AutoCloseable {
    /**
     * Stores the next version of a set (version 1 when the set is new) holding exactly {@code items}: the new version
     * replaces the set's rows in the current table state, earlier versions stay readable by their tags.
     *
     * @throws io.ragplatform.error.RagException if the name is invalid, the list is empty or repeats an item ID
     */
    EvalSetVersion createVersion(String name, List<EvalItem> items);

    /**
     * What {@link #storeVersion} did.
     *
     * @param version the version that holds the items
     * @param created whether it was created now (false: the newest version already held exactly these items)
     */
    record StoredVersion(EvalSetVersion version, boolean created) {}

    /**
     * {@link #createVersion}, unless the set's newest version already holds exactly these items (in any order): then
     * that version is returned and nothing is stored, so that re-sending or re-importing the same set does not make
     * versions that differ only in number.
     *
     * @throws io.ragplatform.error.RagException as {@link #createVersion}
     */
    default StoredVersion storeVersion(String name, List<EvalItem> items) {
        List<EvalSetVersion> versions;
        try {
            versions = versions(name);
        } catch (EvalSetNotFoundException e) {
            versions = List.of();
        }
        if (!versions.isEmpty()) {
            EvalSetVersion latest = versions.get(versions.size() - 1);
            List<EvalItem> sorted = items.stream()
                    .sorted(java.util.Comparator.comparing(EvalItem::id))
                    .toList();
            if (latest.items() == items.size() && items(name, latest.version()).equals(sorted)) {
                return new StoredVersion(latest, false);
            }
        }
        return new StoredVersion(createVersion(name, items), true);
    }

    /** The names of all sets that have at least one version, sorted. */
    List<String> sets();

    /**
     * The set's versions, oldest first.
     *
     * @throws EvalSetNotFoundException if the set has no version
     */
    List<EvalSetVersion> versions(String name);

    /**
     * One version of a set.
     *
     * @throws EvalSetNotFoundException if the set or the version does not exist
     */
    EvalSetVersion version(String name, int version);

    /**
     * The items of one version, read from that version's snapshot, sorted by ID.
     *
     * @throws EvalSetNotFoundException if the set or the version does not exist
     */
    List<EvalItem> items(String name, int version);

    /**
     * What changed from version {@code v1} to version {@code v2} of a set (in that direction).
     *
     * @throws EvalSetNotFoundException if the set or either version does not exist
     */
    SetDiff diff(String name, int v1, int v2);

    /**
     * Stores a run with its per-query results. The results are committed before the run row, so a run that is visible
     * has all its results; a crash between the two leaves results no run refers to, which reads ignore.
     *
     * @throws DuplicateRunException if a run with that ID is stored already
     * @throws EvalSetNotFoundException if the run names a set version that does not exist
     * @throws IllegalArgumentException if the run's set snapshot is not that version's, or a result belongs to another
     *     run, or two results share an item ID
     */
    void saveRun(RunRecord run, List<QueryResultRecord> results);

    /** The run with that ID, if stored. */
    Optional<RunRecord> run(String runId);

    /** The runs of one set, all versions, oldest first (ties by run ID). */
    List<RunRecord> runs(String set);

    /** The per-query results of a stored run, sorted by item ID; empty if the run is not stored. */
    List<QueryResultRecord> results(String runId);

    /** What an erased text field or list element reads as after {@link #erase}. */
    String ERASED = "[erased]";

    /**
     * Removes erased text from every snapshot of the evaluation tables that a branch or tag still reads, and then
     * from the warehouse. A text field <em>holds erased text</em> when it shares a span with one of
     * {@link ErasedText#texts()}: a run of consecutive tokens weighing at least 24, where a word (letters and digits,
     * after NFKC and lower-casing) weighs 3 and a Han, Hiragana, Katakana or Hangul character 2, so 8 words or 12 CJK
     * characters; or when it contains the whole of an erased text too short for a span (at least two tokens).
     *
     * <p>Such fields are replaced by {@link #ERASED}: {@code query}, {@code answer} and each element of
     * {@code contexts} of set items; {@code query}, each of {@code unsupported_claims} and each claim's text of query
     * results. IDs, judgments, grades, scores and metrics stay, so every run keeps its numbers and every set version
     * its items; rows are rewritten, never dropped. Every tagged set version is rewritten, not only the current
     * state: its tag moves to the rewritten snapshot, and runs pinned to the snapshot it had before stay valid (and new
     * runs of it can be saved). Then every snapshot no branch or tag points at is expired and the files only it
     * reached (data files, manifests, manifest lists) are deleted.
     *
     * <p>Holds the store's write lock. Idempotent: once nothing holds the text, a second call commits nothing and
     * returns zero counts. Each table is rewritten in one transaction, so a failure leaves it as it was or wholly
     * rewritten, and calling again finishes the job. Not covered: files in the warehouse that no snapshot references
     * (left by a writer that crashed before its commit), and copies other engines made.
     *
     * @return what was scrubbed and removed, and which runs held erased material
     * @throws EvalStoreException if a table cannot be read or rewritten ({@linkplain EvalStoreException#retryable()
     *     retryable} when another process committed meanwhile)
     */
    ErasureResult erase(ErasedText erased);

    /**
     * The stored runs that hold any of these chunk or source IDs: their results retrieved it, or the set version they
     * evaluated judged it (relevant or not). By run ID (sorted), each with the IDs it holds (sorted). A scan of the
     * current results and of each evaluated set version; what the service marks {@code affectedByErasure}.
     */
    SortedMap<String, List<String>> runsHolding(Set<String> ids);

    /** Releases the catalog's connections. */
    @Override
    void close();

    /**
     * The governance audits kept beside the evaluation tables ({@code governance.audits}).
     *
     * @throws UnsupportedOperationException if this store keeps no audits
     */
    default AuditTable audits() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no audits");
    }
}
