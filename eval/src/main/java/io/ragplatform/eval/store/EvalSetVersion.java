package io.ragplatform.eval.store;

import java.util.Objects;

/**
 * One immutable version of a named evaluation set: the Iceberg snapshot of {@code eval.set_items} that holds exactly
 * its items, tagged {@link #tag()}.
 *
 * @param name the set's name
 * @param version 1, 2, ... in order of creation
 * @param snapshotId the Iceberg snapshot that holds the version
 * @param items how many items the version has
 * @param createdAt when the snapshot was committed, ISO-8601 UTC ({@link java.time.Instant#toString()})
 */
public record EvalSetVersion(String name, int version, long snapshotId, int items, String createdAt) {
    public EvalSetVersion {
        SetNames.require(name);
        SetNames.requireVersion(version);
        if (items < 0) {
            throw new IllegalArgumentException("negative item count " + items);
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The Iceberg tag of this version's snapshot: {@code <name>-v<version>}. */
    public String tag() {
        return tag(name, version);
    }

    static String tag(String name, int version) {
        return name + "-v" + version;
    }
}
