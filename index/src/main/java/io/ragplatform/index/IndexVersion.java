package io.ragplatform.index;

import java.util.List;

/**
 * The manifest of one retained index version: one commit.
 *
 * @param version monotonic, +1 per commit that changed something
 * @param committedAt ISO-8601 UTC
 * @param modelId embedding model of every vector in this version
 * @param dimension vector dimension
 * @param pipeline canonicalizer and chunker versions of the documents written by this commit
 * @param documents documents in this version
 * @param chunks distinct chunks in this version
 * @param change what the commit did, e.g. {@code "upsert handbook.pdf"}
 * @param pinnedBy who keeps this version beyond the retention policy (e.g. {@code eval-run:<id>}), sorted; empty when
 *     only the retention keeps it
 */
public record IndexVersion(
        long version,
        String committedAt,
        String modelId,
        int dimension,
        String pipeline,
        int documents,
        int chunks,
        String change,
        List<String> pinnedBy) {
    public IndexVersion {
        pinnedBy = pinnedBy == null ? List.of() : List.copyOf(pinnedBy);
    }
}
