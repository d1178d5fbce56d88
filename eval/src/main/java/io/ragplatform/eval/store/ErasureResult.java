package io.ragplatform.eval.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link EvalStore#erase} did. A second erasure of the same text finds nothing: every count is 0 and both lists
 * are empty ({@link #changed()} is false), while {@link #affectedRuns()} names again the runs that hold erased IDs,
 * since IDs are kept.
 *
 * @param scrubbedRuns the runs (IDs, sorted) whose stored results had a text field replaced
 * @param scrubbedSetVersions the set versions (tags {@code <name>-v<version>}, sorted) whose items had a text field
 *     replaced
 * @param affectedRuns every run that held erased material, by run ID (sorted), each with the erased chunk and source
 *     IDs it held (retrieved, or judged in its set version; sorted, possibly empty when only its text matched): what
 *     marks a run {@code affectedByErasure}
 * @param fieldsScrubbed text fields and list elements replaced by {@link EvalStore#ERASED}, each row counted once
 *     however many snapshots shared its file
 * @param rowsScrubbed rows with at least one replaced field, counted likewise
 * @param filesRewritten data files replaced by scrubbed copies
 * @param filesRemoved files deleted from the warehouse: the replaced data files, and the manifests and manifest lists
 *     of the expired snapshots
 * @param snapshotsExpired snapshots that no branch or tag needed any more, expired
 */
public record ErasureResult(
        List<String> scrubbedRuns,
        List<String> scrubbedSetVersions,
        Map<String, List<String>> affectedRuns,
        int fieldsScrubbed,
        int rowsScrubbed,
        int filesRewritten,
        int filesRemoved,
        int snapshotsExpired) {
    public ErasureResult {
        scrubbedRuns = List.copyOf(scrubbedRuns);
        scrubbedSetVersions = List.copyOf(scrubbedSetVersions);
        TreeMap<String, List<String>> affected = new TreeMap<>();
        Objects.requireNonNull(affectedRuns, "affectedRuns").forEach((run, ids) -> affected.put(run, List.copyOf(ids)));
        affectedRuns = Collections.unmodifiableMap(affected);
        if (fieldsScrubbed < 0 || rowsScrubbed < 0 || filesRewritten < 0 || filesRemoved < 0 || snapshotsExpired < 0) {
            throw new IllegalArgumentException("negative count in an erasure result");
        }
    }

    /** Whether the erasure changed the warehouse: rewrote a file or expired a snapshot. */
    public boolean changed() {
        return filesRewritten > 0 || snapshotsExpired > 0 || filesRemoved > 0;
    }
}
