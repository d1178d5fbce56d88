package io.ragplatform.index.lucene;

import io.ragplatform.index.IndexVersion;
import io.ragplatform.index.Retention;
import io.ragplatform.index.VersionNotRetainedException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;

/**
 * The retained versions of one index directory: which commits are still there, and readers on older ones (the newest
 * few cached, closed once the retention policy has dropped their commit). Thread-safe.
 */
final class VersionReaders implements Closeable {
    /** Readers kept open on older versions. */
    private static final int CACHE = 4;

    /** A read of one version. */
    @FunctionalInterface
    interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Directory directory;
    private final Retention retention;
    private final Map<Long, DirectoryReader> readers = new LinkedHashMap<>(8, 0.75f, true);

    VersionReaders(Directory directory, Retention retention) {
        this.directory = directory;
        this.retention = retention;
    }

    /**
     * The index version a searcher reads, from its reader's commit: not the index's current version, which a
     * concurrent commit may already have advanced while this searcher still reads the previous commit.
     */
    static long versionOf(IndexSearcher s) throws IOException {
        if (s.getIndexReader() instanceof DirectoryReader reader) {
            return CommitManifest.of(reader.getIndexCommit()).version();
        }
        return 0;
    }

    /**
     * Runs a read against a retained older version, on a cached reader.
     *
     * @param current the current version, for the message when {@code version} is not retained
     * @throws VersionNotRetainedException when no commit of that version is left
     */
    <T> T read(long version, long current, Read<T> body) {
        DirectoryReader reader;
        try {
            synchronized (readers) {
                reader = readers.get(version);
                if (reader == null) {
                    IndexCommit commit = null;
                    for (IndexCommit c : DirectoryReader.listCommits(directory)) {
                        CommitManifest m = CommitManifest.of(c);
                        if (m.versioned() && m.version() == version) {
                            commit = c;
                        }
                    }
                    if (commit == null) {
                        throw new VersionNotRetainedException(
                                version,
                                "index version " + version + " is not retained (current: " + current
                                        + "; retention keeps the last " + retention.versions()
                                        + " versions and those younger than " + retention.age() + ")");
                    }
                    reader = DirectoryReader.open(commit);
                    readers.put(version, reader);
                    if (readers.size() > CACHE) {
                        var eldest = readers.entrySet().iterator().next();
                        readers.remove(eldest.getKey());
                        eldest.getValue().decRef();
                    }
                }
                reader.incRef();
            }
            try {
                return body.apply(new IndexSearcher(reader));
            } finally {
                reader.decRef();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading index version " + version + " failed", e);
        }
    }

    /**
     * Refuses a version that is neither {@code current} nor retained. The caller keeps commits from landing meanwhile.
     *
     * @throws VersionNotRetainedException if it is not retained
     */
    void requireRetained(long version, long current) {
        try {
            if (version == current || retained().contains(version)) {
                return;
            }
            throw new VersionNotRetainedException(
                    version,
                    "index version " + version + " is not retained (current: " + current + "); it cannot be pinned");
        } catch (IndexNotFoundException e) {
            if (version != 0) {
                throw new VersionNotRetainedException(version, "the index is empty; only version 0 exists");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the index versions", e);
        }
    }

    /** The retained versions, newest first. */
    List<IndexVersion> list(VersionPins pins) {
        try {
            List<IndexVersion> out = new ArrayList<>();
            for (IndexCommit c : DirectoryReader.listCommits(directory)) {
                CommitManifest m = CommitManifest.of(c);
                if (m.versioned()) {
                    out.add(m.toIndexVersion(pins.holders(m.version())));
                }
            }
            out.sort(Comparator.comparingLong(IndexVersion::version).reversed());
            return out;
        } catch (IndexNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list index versions", e);
        }
    }

    /**
     * Closes cached readers of versions the retention policy has just deleted: a dropped version is no longer
     * searchable, and its files are freed on disk instead of being held open by the cache.
     */
    void closeDropped() throws IOException {
        synchronized (readers) {
            if (readers.isEmpty()) {
                return;
            }
            Set<Long> kept = retained();
            for (var it = readers.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!kept.contains(e.getKey())) {
                    it.remove();
                    e.getValue().decRef();
                }
            }
        }
    }

    private Set<Long> retained() throws IOException {
        Set<Long> kept = new HashSet<>();
        for (IndexCommit c : DirectoryReader.listCommits(directory)) {
            CommitManifest m = CommitManifest.of(c);
            if (m.versioned()) {
                kept.add(m.version());
            }
        }
        return kept;
    }

    @Override
    public void close() throws IOException {
        synchronized (readers) {
            for (DirectoryReader r : readers.values()) {
                r.decRef();
            }
            readers.clear();
        }
    }
}
