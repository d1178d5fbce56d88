package io.ragplatform.index.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.ConsistencyReport;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.ForwardingEmbedder;
import io.ragplatform.index.IndexFixture;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.DocumentRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link SourceSynchronizer} through {@link SyncPipeline}: batched commits, outcomes in order, failures per file. */
class SourceSynchronizerTest extends IndexFixture {
    /** Four files per commit, so that a dozen files make several batches. */
    private static final SyncPipeline.Limits SMALL = new SyncPipeline.Limits(4, 512, 512, 2);

    private Path root;

    private Path write(int i, String text) throws IOException {
        Path f = root.resolve(String.format(Locale.ROOT, "d%d/note-%02d.txt", i % 3, i));
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static String note(int i) {
        return "Note " + i + ". The backup of system " + i + " was restored by team " + (i * 7 % 13) + " after "
                + (i + 2) + " hours.";
    }

    private DirectorySource notes(int n) throws IOException {
        root = tmp.resolve("source");
        for (int i = 0; i < n; i++) {
            write(i, note(i));
        }
        return new DirectorySource("notes", root);
    }

    /** Records what the sync reported, and on which thread. */
    private static class Recording implements SyncProgress {
        final List<String> reported = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        private void saw(String sourceId) {
            reported.add(sourceId);
            threads.add(Thread.currentThread());
        }

        @Override
        public void stored(String sourceId, UpsertResult result) {
            saw(sourceId);
        }

        @Override
        public void failed(String sourceId, Path file, String error, String message) {
            saw(sourceId);
            // the failed file's bytes are readable during the call (the quarantine copies them)
            failures.add(sourceId + " " + error + " readable=" + Files.isReadable(file));
        }

        @Override
        public void rejected(String sourceId, Path file, DocumentRejectedException rejection) {
            saw(sourceId);
            failures.add(sourceId + " " + rejection.code() + " readable=" + Files.isReadable(file));
        }
    }

    private static void assertConsistent(RagIndex index) {
        ConsistencyReport check = index.check();
        assertTrue(check.consistent(), check.toString());
    }

    @Test
    void a_first_sync_commits_once_per_batch_and_reports_every_file_in_listing_order_on_the_syncing_thread()
            throws IOException {
        DirectorySource source = notes(10);
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            SourceSynchronizer sync = new SourceSynchronizer(new Ingestion(preparer, index), Quarantine.NONE, SMALL);
            long before = index.stats().indexVersion();
            Recording progress = new Recording();

            SyncReport report = sync.sync(source, progress);

            assertEquals(10, report.created(), report.toString());
            assertEquals(0, report.failed());
            // 10 files, 4 per commit: 3 commits, not 10
            assertEquals(before + 3, index.stats().indexVersion());
            List<String> listed = source.list().stream()
                    .map(e -> SourceSynchronizer.sourceId(source, e))
                    .toList();
            assertEquals(listed, progress.reported);
            assertTrue(progress.threads.stream().allMatch(t -> t == Thread.currentThread()), "syncing thread only");
            assertEquals(10, index.stats().documents());
            assertConsistent(index);
            assertFalse(index.search(new SearchRequest("backup of system 7 restored", 3, SearchMode.KEYWORD))
                    .results()
                    .isEmpty());

            // idle: nothing parsed, nothing committed
            SyncReport again = sync.sync(source, SyncProgress.NONE);
            assertEquals(10, again.unchanged(), again.toString());
            assertEquals(before + 3, index.stats().indexVersion());
        }
    }

    @Test
    void files_the_listing_no_longer_has_are_deleted_in_one_commit() throws IOException {
        DirectorySource source = notes(10);
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            SourceSynchronizer sync = new SourceSynchronizer(new Ingestion(preparer, index), Quarantine.NONE, SMALL);
            sync.sync(source, SyncProgress.NONE);
            List<String> gone = new ArrayList<>();
            for (SourceEntry e : source.list().subList(2, 8)) {
                Files.delete(root.resolve(e.path()));
                gone.add(SourceSynchronizer.sourceId(source, e));
            }
            long before = index.stats().indexVersion();
            List<String> deleted = new ArrayList<>();

            SyncReport report = sync.sync(source, new SyncProgress() {
                @Override
                public void deleted(String sourceId) {
                    deleted.add(sourceId);
                }
            });

            assertEquals(6, report.deleted(), report.toString());
            assertEquals(4, report.unchanged());
            assertEquals(gone, deleted);
            assertEquals(before + 1, index.stats().indexVersion(), "six deletes, one commit");
            assertEquals(4, index.stats().documents());
            assertConsistent(index);
        }
    }

    @Test
    void a_file_whose_chunks_cannot_be_embedded_fails_alone_and_the_rest_of_its_batch_is_stored() throws IOException {
        DirectorySource source = notes(6);
        Path poisoned = write(1, "Note 1. This note holds the word POISON that the test model refuses to embed.");
        Embedder refusing = new ForwardingEmbedder(model) {
            @Override
            public List<float[]> embedAll(List<String> texts) {
                if (texts.stream().anyMatch(t -> t.contains("POISON"))) {
                    throw new IllegalStateException("the test model refuses POISON");
                }
                return super.embedAll(texts);
            }
        };
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), refusing, preparer.pipelineVersion())) {
            SourceSynchronizer sync = new SourceSynchronizer(new Ingestion(preparer, index), Quarantine.NONE, SMALL);
            Recording progress = new Recording();

            SyncReport report = sync.sync(source, progress);

            assertEquals(5, report.created(), report.toString());
            assertEquals(1, report.failed());
            String poisonedId = "notes/" + root.relativize(poisoned).toString().replace('\\', '/');
            assertEquals(List.of(poisonedId + " internal_error readable=true"), progress.failures);
            assertTrue(
                    report.failures().get(0).contains("refuses POISON"),
                    report.failures().toString());
            assertEquals(5, index.stats().documents());
            assertTrue(index.sourceIds("notes/").stream().noneMatch(poisonedId::equals));
            assertConsistent(index);
        }
    }

    @Test
    void a_refused_file_is_reported_with_its_bytes_readable_and_the_others_are_stored() throws IOException {
        DirectorySource source = notes(5);
        Path empty = write(3, "");
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            SourceSynchronizer sync = new SourceSynchronizer(new Ingestion(preparer, index), Quarantine.NONE, SMALL);
            Recording progress = new Recording();

            SyncReport report = sync.sync(source, progress);

            assertEquals(4, report.created(), report.toString());
            String emptyId = "notes/" + root.relativize(empty).toString().replace('\\', '/');
            assertEquals(List.of(emptyId + " empty_file readable=true"), progress.failures);
            assertEquals(5, progress.reported.size());

            // quarantined with the same bytes: skipped without parsing on the next sync
            SourceSynchronizer quarantining = new SourceSynchronizer(
                    new Ingestion(preparer, index), (sourceId, file) -> sourceId.equals(emptyId), SMALL);
            SyncReport next = quarantining.sync(source, SyncProgress.NONE);
            assertEquals(1, next.skippedQuarantined(), next.toString());
            assertEquals(4, next.unchanged());
        }
    }

    /** A source that counts its fetches. */
    private record Counting(DocumentSource delegate, AtomicInteger fetched) implements DocumentSource {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<SourceEntry> list() throws IOException {
            return delegate.list();
        }

        @Override
        public LocalFile fetch(SourceEntry entry) throws IOException {
            fetched.incrementAndGet();
            return delegate.fetch(entry);
        }
    }

    @Test
    void the_preparing_stage_runs_at_most_the_queue_and_one_batch_ahead_of_storing() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        DocumentSource source = new Counting(notes(20), fetched);
        SyncPipeline.Limits limits = new SyncPipeline.Limits(2, 512, 2, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger seenWhileBlocked = new AtomicInteger(-1);
        SyncProgress blocking = new SyncProgress() {
            @Override
            public void stored(String sourceId, UpsertResult result) {
                if (seenWhileBlocked.get() < 0) {
                    // the first batch is stored; the preparing stage may fill the queue (1) and build one more (1)
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (fetched.get() < 6 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    try {
                        Thread.sleep(300); // time to run past the bound, were it not enforced
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    seenWhileBlocked.set(fetched.get());
                    release.countDown();
                }
            }
        };
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            SourceSynchronizer sync = new SourceSynchronizer(new Ingestion(preparer, index), Quarantine.NONE, limits);
            SyncReport report = sync.sync(source, blocking);
            assertEquals(20, report.created(), report.toString());
        }
        assertEquals(0, release.getCount());
        // 2 files stored, 2 queued, 2 in the batch being handed over: never more
        assertEquals(6, seenWhileBlocked.get());
    }

    @Test
    void a_listener_that_throws_ends_the_sync_and_leaves_no_preparing_thread_behind() throws IOException {
        DirectorySource source = notes(12);
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, preparer.pipelineVersion())) {
            SourceSynchronizer sync = new SourceSynchronizer(new Ingestion(preparer, index), Quarantine.NONE, SMALL);
            SyncProgress throwing = new SyncProgress() {
                @Override
                public void stored(String sourceId, UpsertResult result) {
                    throw new IllegalStateException("listener gone");
                }
            };
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sync.sync(source, throwing));
            assertEquals("listener gone", e.getMessage());
            assertTrue(
                    Thread.getAllStackTraces().keySet().stream()
                            .noneMatch(t -> t.getName().startsWith("sync-prepare-") && t.isAlive()),
                    "a preparing thread is still alive");
            // the batch stored before the listener threw stays stored; the next sync picks up the rest
            SyncReport next = sync.sync(source, SyncProgress.NONE);
            assertEquals(12, next.created() + next.unchanged(), next.toString());
            assertConsistent(index);
        }
    }
}
