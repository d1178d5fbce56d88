package io.ragplatform.index.lucene;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;

/**
 * The index's writer and the searchers of its last commit, through storage faults. A failed write is rolled back
 * (nothing of it stays) and the writer reopened; when it cannot be (a full or read-only disk), reads go on against the
 * last commit through a reader of the directory, and the next write tries to reopen the writer: writes resume once the
 * storage is back, without a restart. Not thread-safe for writes: the index calls {@link #writer()} and
 * {@link #discard} under its write lock.
 */
final class WriterSlot implements AutoCloseable {
    /** The code of a write refused because the index's storage cannot be written. */
    static final String STORAGE_UNAVAILABLE = "storage_unavailable";

    private final Directory directory;
    private final Supplier<IndexWriterConfig> config;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;

    WriterSlot(Directory directory, Supplier<IndexWriterConfig> config) throws IOException {
        this.directory = directory;
        this.config = config;
        this.writer = new IndexWriter(directory, config.get());
        this.searchers = new SearcherManager(writer, true, false, null);
    }

    /** The searchers of the last commit (and, while a write runs, of its pending changes). */
    SearcherManager searchers() {
        return searchers;
    }

    /**
     * The open writer, reopened first when an earlier failure closed it.
     *
     * @throws RagException ({@code storage_unavailable}, retryable) when the writer cannot be reopened
     */
    IndexWriter writer() {
        IndexWriter w = writer;
        if (w != null && w.isOpen() && w.getTragicException() == null) {
            return w;
        }
        try {
            if (w != null && w.isOpen()) {
                w.rollback();
            }
            IndexWriter reopened = new IndexWriter(directory, config.get());
            SearcherManager old = searchers;
            searchers = new SearcherManager(reopened, true, false, null);
            writer = reopened;
            old.close();
            return reopened;
        } catch (IOException e) {
            writer = null;
            throw storageUnavailable("the index cannot be written", e);
        }
    }

    /**
     * Drops every change since the last commit, so that a failed write leaves no trace, and reopens the writer; when
     * that fails too, reads go on against the last commit.
     */
    void discard(Exception cause) {
        IndexWriter w = writer;
        writer = null;
        try {
            if (w != null) {
                w.rollback();
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        SearcherManager old = searchers;
        try {
            IndexWriter reopened = new IndexWriter(directory, config.get());
            searchers = new SearcherManager(reopened, true, false, null);
            writer = reopened;
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            try {
                searchers = new SearcherManager(DirectoryReader.open(directory), null);
            } catch (IOException | RuntimeException readFailure) {
                cause.addSuppressed(readFailure);
                return; // the old searchers stay: they may still serve what they hold
            }
        }
        try {
            old.close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** A write's body: reads through the searcher (last commit and changes pending), changes through the writer. */
    @FunctionalInterface
    interface Write<T> {
        T apply(IndexSearcher searcher, IndexWriter writer) throws IOException;
    }

    /**
     * Runs a write against the last commit and changes pending since; a failure discards everything since that commit.
     * A failure of the storage is {@code storage_unavailable} (retryable): reads go on, and a later write reopens the
     * writer. The caller serialises writes.
     */
    <T> T write(String failure, Write<T> body) {
        try {
            IndexWriter w = writer();
            SearcherManager current = searchers;
            current.maybeRefreshBlocking();
            IndexSearcher s = current.acquire();
            try {
                return body.apply(s, w);
            } finally {
                current.release(s);
            }
        } catch (IOException e) {
            discard(e);
            throw storageUnavailable(failure, e);
        } catch (UncheckedIOException e) {
            discard(e);
            throw storageUnavailable(failure, e.getCause());
        } catch (RagException e) {
            if (!STORAGE_UNAVAILABLE.equals(e.code())) {
                discard(e);
            }
            throw e;
        } catch (RuntimeException e) {
            discard(e);
            throw e;
        }
    }

    /** Runs a read against the searchers of the last commit. */
    <T> T read(VersionReaders.Read<T> body) {
        try {
            SearcherManager current = searchers;
            IndexSearcher s = current.acquire();
            try {
                return body.apply(s);
            } finally {
                current.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("index read failed", e);
        }
    }

    /** A write that failed on storage: the caller may retry once space or permissions are back. */
    static RagException storageUnavailable(String what, IOException cause) {
        return new RagException(
                STORAGE_UNAVAILABLE,
                ErrorCategory.UNAVAILABLE,
                what + " (" + cause + "); reads go on against the last commit; retry once the data directory has "
                        + "space and is writable",
                cause);
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            IndexWriter w = writer;
            if (w != null && w.isOpen()) {
                w.close();
            }
        }
    }
}
