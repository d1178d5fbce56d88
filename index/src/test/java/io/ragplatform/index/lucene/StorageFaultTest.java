package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.IndexFixture;
import io.ragplatform.index.Retention;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.UpsertResult;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A data directory that fills up: a write fails as {@code storage_unavailable} (503, retryable) and leaves nothing of
 * itself, reads keep answering from the last commit, and writes resume once there is space, without reopening the
 * index.
 */
class StorageFaultTest extends IndexFixture {
    /**
     * Where the full disk bites: a new file, the fsync of a commit, or everything (then the writer cannot even be
     * reopened after the rollback, and reads go on through a reader of the last commit).
     */
    enum Fault {
        CREATE,
        SYNC,
        EVERYTHING
    }

    /** A directory that answers "No space left on device" while {@code full} is set. */
    static final class FillingDirectory extends FilterDirectory {
        final AtomicBoolean full = new AtomicBoolean();
        final Fault fault;

        FillingDirectory(Directory in, Fault fault) {
            super(in);
            this.fault = fault;
        }

        private void check(Fault at) throws IOException {
            if (full.get() && (fault == at || fault == Fault.EVERYTHING)) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            check(Fault.CREATE);
            return super.createOutput(name, context);
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            check(Fault.CREATE);
            return super.createTempOutput(prefix, suffix, context);
        }

        @Override
        public org.apache.lucene.store.Lock obtainLock(String name) throws IOException {
            check(Fault.EVERYTHING);
            return super.obtainLock(name);
        }

        @Override
        public void sync(java.util.Collection<String> names) throws IOException {
            check(Fault.SYNC);
            super.sync(names);
        }
    }

    private static List<String> found(LuceneRagIndex index, String query) {
        return index
                .search(new SearchRequest(query, 10, SearchMode.KEYWORD, SearchFilter.NONE, null))
                .results()
                .stream()
                .flatMap(h -> h.sources().stream().map(o -> o.sourceId()))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void a_full_disk_refuses_the_write_keeps_reads_and_writes_resume_when_space_is_back(Fault fault)
            throws IOException {
        FillingDirectory[] disk = new FillingDirectory[1];
        try (LuceneRagIndex index = LuceneRagIndex.open(
                tmp.resolve("index"),
                d -> disk[0] = new FillingDirectory(d, fault),
                model,
                "test",
                Retention.DEFAULT)) {
            index.upsert(prepare("kept", "Harbour log\n\nThe harbour crane lifts the blue containers at dawn."));
            long before = index.stats().indexVersion();

            disk[0].full.set(true);
            RagException e = assertThrows(
                    RagException.class,
                    () -> index.upsert(
                            prepare("lost", "Orchard notes\n\nThe orchard ladder leans on the quince tree.")));
            assertEquals("storage_unavailable", e.code());
            assertEquals(ErrorCategory.UNAVAILABLE, e.category());
            assertTrue(e.retryable());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());

            // reads answer from the last commit; nothing of the failed write is visible
            assertEquals(before, index.stats().indexVersion());
            assertEquals(List.of("kept"), found(index, "harbour crane"));
            assertEquals(List.of(), found(index, "orchard ladder quince"));
            assertTrue(index.documentsOfSource("lost", AccessScope.ALL).isEmpty());
            // a second write while still full fails the same way, and so does a delete
            assertEquals(
                    "storage_unavailable",
                    assertThrows(RagException.class, () -> index.upsert(prepare("lost", "Orchard again.")))
                            .code());
            assertEquals(List.of("kept"), found(index, "harbour crane"));

            disk[0].full.set(false);
            UpsertResult stored =
                    index.upsert(prepare("lost", "Orchard notes\n\nThe orchard ladder leans on the quince tree."));
            assertEquals(before + 1, stored.indexVersion());
            assertEquals(List.of("lost"), found(index, "orchard ladder quince"));
            assertEquals(List.of("kept"), found(index, "harbour crane"));
            assertTrue(index.check().consistent(), index.check().toString());
        }
        // and the commit on disk is whole: a fresh open sees both documents
        try (LuceneRagIndex reopened =
                LuceneRagIndex.open(tmp.resolve("index"), d -> d, model, "test", Retention.DEFAULT)) {
            assertEquals(2, reopened.stats().documents());
        }
    }

    @Test
    void a_full_disk_refuses_a_delete_and_keeps_the_document() throws IOException {
        FillingDirectory[] disk = new FillingDirectory[1];
        try (LuceneRagIndex index = LuceneRagIndex.open(
                tmp.resolve("index"),
                d -> disk[0] = new FillingDirectory(d, Fault.SYNC),
                model,
                "test",
                Retention.DEFAULT)) {
            index.upsert(prepare("kept", "Harbour log\n\nThe harbour crane lifts the blue containers at dawn."));
            disk[0].full.set(true);
            assertEquals(
                    "storage_unavailable",
                    assertThrows(RagException.class, () -> index.deleteSource("kept"))
                            .code());
            assertEquals(List.of("kept"), found(index, "harbour crane"));
            disk[0].full.set(false);
            assertEquals(1, index.deleteSource("kept").documents().size());
            assertEquals(List.of(), found(index, "harbour crane"));
        }
    }
}
