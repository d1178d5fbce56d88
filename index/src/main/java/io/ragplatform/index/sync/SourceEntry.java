package io.ragplatform.index.sync;

import java.util.Objects;

/**
 * A file of a source.
 *
 * @param path relative to the source root, '/'-separated, never starting with '/'
 * @param size bytes
 */
public record SourceEntry(String path, long size) {
    public SourceEntry {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("entry path must be relative: '" + path + "'");
        }
    }

    /** The last path segment. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
