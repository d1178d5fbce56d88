package io.ragplatform.api.auth;

import io.ragplatform.error.RagException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The keys of a file named by {@code rag.auth.keys-file}, one entry a line ({@code #} comments), re-read when it
 * changes: {@link #current()} looks at the file's modification time and size at most once a second, and re-parses it
 * when either changed. A file that cannot be read or parsed keeps the keys last loaded and logs an error (once per
 * change); to revoke every key, empty the file. Thread-safe.
 */
final class KeysFile {
    private static final Logger LOG = Logger.getLogger(KeysFile.class);
    static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private record Stamp(FileTime modified, long size) {}

    private final Path path;
    private final LongSupplier nanoTime;
    private volatile ApiKeys keys;
    private Stamp stamp;
    private long checkedAt;

    private KeysFile(Path path, LongSupplier nanoTime) {
        this.path = Objects.requireNonNull(path, "path");
        this.nanoTime = nanoTime;
    }

    /**
     * Loads the file once; it must exist and parse.
     *
     * @throws RagException {@code invalid_api_keys} when it cannot be read or an entry is wrong
     */
    static KeysFile load(Path path) {
        return load(path, System::nanoTime);
    }

    static KeysFile load(Path path, LongSupplier nanoTime) {
        KeysFile file = new KeysFile(path, nanoTime);
        try {
            file.stamp = file.stamp();
            file.keys = file.read();
        } catch (IOException e) {
            throw RagException.invalid(
                    "invalid_api_keys", "cannot read the keys file " + path + " (rag.auth.keys-file): " + e);
        }
        file.checkedAt = nanoTime.getAsLong();
        return file;
    }

    Path path() {
        return path;
    }

    /** The keys, re-read first when the file changed since the last look (at most one look a second). */
    ApiKeys current() {
        long now = nanoTime.getAsLong();
        if (now - checkedAt < CHECK_INTERVAL_NANOS) {
            return keys;
        }
        synchronized (this) {
            if (now - checkedAt >= CHECK_INTERVAL_NANOS) {
                checkedAt = now;
                reloadIfChanged();
            }
        }
        return keys;
    }

    private void reloadIfChanged() {
        Stamp now;
        try {
            now = stamp();
        } catch (IOException e) {
            if (stamp != null) {
                LOG.errorf(
                        "cannot read the keys file %s (%s); keeping the %d keys loaded before", path, e, keys.size());
                stamp = null;
            }
            return;
        }
        if (now.equals(stamp)) {
            return;
        }
        stamp = now;
        try {
            ApiKeys fresh = read();
            keys = fresh;
            LOG.infof("keys file %s re-read: %d keys %s", path, fresh.size(), fresh.names());
        } catch (IOException | RagException e) {
            LOG.errorf(
                    "the keys file %s changed but is not valid (%s); keeping the %d keys loaded before",
                    path, e.getMessage(), keys.size());
        }
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new Stamp(a.lastModifiedTime(), a.size());
    }

    private ApiKeys read() throws IOException {
        return ApiKeys.parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
    }
}
