package io.ragplatform.index.sync;

import io.ragplatform.index.Ingestion;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.PreparedUpload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;

/**
 * The files of one sync in two stages: one thread fetches and prepares the next files (quarantine check, unchanged
 * check, Tika, chunks) while the syncing thread stores the batch prepared before it, as one {@code upsertAll} = one
 * embedding call and one commit for up to 64 files ({@link Limits#DEFAULT}). A bounded queue between them holds at most
 * two batches, so a sync of 100k files never holds more than a few batches of text.
 *
 * <p>Every file's outcome is reported to the {@link SyncProgress}, in listing order and on the syncing thread only
 * (after its batch is stored). A refused or failed file's bytes stay readable until it is reported. A batch the index
 * refuses as a whole (one file's chunks fail to embed, the disk is full) is stored again file by file, so a failure is
 * one file's and the others are stored.
 */
final class SyncPipeline {
    /**
     * How much one batch and the queue hold.
     *
     * @param files files whose documents one commit stores at most
     * @param chunks chunks past which a batch is closed (a large file may bring more on its own)
     * @param entries entries one batch holds at most, stored or not (an idle sync's batches hold only unchanged files)
     * @param queued prepared batches waiting for the syncing thread
     */
    record Limits(int files, int chunks, int entries, int queued) {
        static final Limits DEFAULT = new Limits(64, 512, 512, 2);

        Limits {
            if (files < 1 || chunks < 1 || entries < 1 || queued < 1) {
                throw new IllegalArgumentException(
                        "every limit must be at least 1: " + files + ", " + chunks + ", " + entries + ", " + queued);
            }
        }
    }

    private final Ingestion ingestion;
    private final Quarantine quarantine;
    private final Limits limits;

    SyncPipeline(Ingestion ingestion, Quarantine quarantine, Limits limits) {
        this.ingestion = ingestion;
        this.quarantine = quarantine;
        this.limits = limits;
    }

    /** A file's outcome, as the sync counts it. */
    sealed interface Outcome {
        record Stored(UpsertResult result) implements Outcome {}

        record Failed(String error, String message) implements Outcome {}

        record Skipped() implements Outcome {}
    }

    /** One listed file after the preparing stage; {@code file} (may be null) is open until the step is reported. */
    private sealed interface Step {
        String sourceId();

        LocalFile file();

        record Done(String sourceId, UpsertResult result) implements Step {
            @Override
            public LocalFile file() {
                return null;
            }
        }

        record Quarantined(String sourceId) implements Step {
            @Override
            public LocalFile file() {
                return null;
            }
        }

        record Refused(String sourceId, LocalFile file, DocumentRejectedException rejection) implements Step {}

        record Broken(String sourceId, LocalFile file, String message) implements Step {}

        record Ready(String sourceId, LocalFile file, PreparedUpload upload) implements Step {}
    }

    /** What the preparing thread hands over: steps, or the last batch, or what stopped it. */
    private record Batch(List<Step> steps, boolean last, Throwable failure) {}

    /**
     * Prepares and stores {@code entries} of {@code source}, calling {@code outcomes} (sourceId and outcome) and {@code
     * progress} once per entry in order, on this thread.
     *
     * @param skipQuarantined whether files quarantined with unchanged bytes are skipped (a sync) or tried (a retry)
     */
    void run(
            DocumentSource source,
            List<SourceEntry> entries,
            SyncProgress progress,
            boolean skipQuarantined,
            BiConsumer<String, Outcome> outcomes) {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(limits.queued());
        Preparing preparing = new Preparing(source, entries, skipQuarantined, queue);
        Thread thread = Thread.ofPlatform()
                .name("sync-prepare-" + source.name())
                .daemon()
                .start(preparing);
        try {
            while (true) {
                Batch batch = take(queue, source);
                if (batch.failure() != null) {
                    throw new IllegalStateException(
                            "preparing the files of source '" + source.name() + "' failed: " + batch.failure(),
                            batch.failure());
                }
                store(batch.steps(), progress, outcomes);
                if (batch.last()) {
                    return;
                }
            }
        } finally {
            preparing.stop();
            thread.interrupt();
            joinUninterruptibly(thread);
            for (Batch left : queue) {
                left.steps().forEach(SyncPipeline::close);
            }
        }
    }

    private static Batch take(BlockingQueue<Batch> queue, DocumentSource source) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sync of source '" + source.name() + "' was interrupted", e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stores a batch's ready files as one commit (file by file if the index refuses the batch), then reports. */
    private void store(List<Step> steps, SyncProgress progress, BiConsumer<String, Outcome> outcomes) {
        try {
            List<Step.Ready> ready = steps.stream()
                    .filter(Step.Ready.class::isInstance)
                    .map(Step.Ready.class::cast)
                    .toList();
            List<Step> reported = new ArrayList<>(steps);
            if (!ready.isEmpty()) {
                List<Step> stored = storeAll(ready);
                int next = 0;
                for (int i = 0; i < reported.size(); i++) {
                    if (reported.get(i) instanceof Step.Ready) {
                        reported.set(i, stored.get(next++));
                    }
                }
            }
            for (Step step : reported) {
                outcomes.accept(step.sourceId(), report(step, progress));
            }
        } finally {
            steps.forEach(SyncPipeline::close);
        }
    }

    /** The ready files' steps once stored: done, or refused / broken where the index could not store one. */
    private List<Step> storeAll(List<Step.Ready> ready) {
        try {
            List<UpsertResult> results = ingestion
                    .index()
                    .upsertAll(ready.stream().map(Step.Ready::upload).toList());
            List<Step> out = new ArrayList<>(ready.size());
            for (int i = 0; i < ready.size(); i++) {
                out.add(new Step.Done(ready.get(i).sourceId(), results.get(i)));
            }
            return out;
        } catch (RuntimeException batchFailed) {
            if (ready.size() == 1) {
                return List.of(failedToStore(ready.get(0), batchFailed));
            }
            // all or nothing: nothing of the batch is stored; find the file that cannot be
            List<Step> out = new ArrayList<>(ready.size());
            for (Step.Ready r : ready) {
                try {
                    out.add(new Step.Done(r.sourceId(), ingestion.index().upsert(r.upload())));
                } catch (RuntimeException e) {
                    out.add(failedToStore(r, e));
                }
            }
            return out;
        }
    }

    private static Step failedToStore(Step.Ready r, RuntimeException e) {
        return e instanceof DocumentRejectedException rejected
                ? new Step.Refused(r.sourceId(), r.file(), rejected)
                : new Step.Broken(r.sourceId(), r.file(), describe(e));
    }

    private static Outcome report(Step step, SyncProgress progress) {
        return switch (step) {
            case Step.Done d -> {
                progress.stored(d.sourceId(), d.result());
                yield new Outcome.Stored(d.result());
            }
            case Step.Quarantined q -> {
                progress.skippedQuarantined(q.sourceId());
                yield new Outcome.Skipped();
            }
            case Step.Refused r -> {
                progress.rejected(r.sourceId(), r.file().path(), r.rejection());
                yield new Outcome.Failed(
                        r.rejection().reason().code(), r.rejection().getMessage());
            }
            case Step.Broken b -> {
                if (b.file() == null) {
                    progress.failed(b.sourceId(), "internal_error", b.message());
                } else {
                    progress.failed(b.sourceId(), b.file().path(), "internal_error", b.message());
                }
                yield new Outcome.Failed("internal_error", b.message());
            }
            case Step.Ready r -> throw new IllegalStateException("not stored: " + r.sourceId());
        };
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void close(Step step) {
        if (step.file() != null) {
            try {
                step.file().close();
            } catch (RuntimeException ignored) {
                // a temporary copy that cannot be deleted is the source's business; the outcome is reported
            }
        }
    }

    /** The preparing stage: one file after another, in batches, until the listing ends or the sync stops. */
    private final class Preparing implements Runnable {
        private final DocumentSource source;
        private final List<SourceEntry> entries;
        private final boolean skipQuarantined;
        private final BlockingQueue<Batch> queue;
        private volatile boolean stopped;

        Preparing(
                DocumentSource source, List<SourceEntry> entries, boolean skipQuarantined, BlockingQueue<Batch> queue) {
            this.source = source;
            this.entries = entries;
            this.skipQuarantined = skipQuarantined;
            this.queue = queue;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            List<Step> steps = new ArrayList<>();
            int files = 0;
            int chunks = 0;
            try {
                for (SourceEntry entry : entries) {
                    if (stopped) {
                        steps.forEach(SyncPipeline::close);
                        return;
                    }
                    Step step = prepare(entry);
                    steps.add(step);
                    if (step instanceof Step.Ready r) {
                        files++;
                        chunks += r.upload().documents().stream()
                                .mapToInt(d -> d.chunks().size())
                                .sum();
                    }
                    if (files >= limits.files() || chunks >= limits.chunks() || steps.size() >= limits.entries()) {
                        hand(new Batch(steps, false, null));
                        steps = new ArrayList<>();
                        files = 0;
                        chunks = 0;
                    }
                }
                hand(new Batch(steps, true, null));
            } catch (InterruptedException e) {
                steps.forEach(SyncPipeline::close);
            } catch (Throwable e) {
                steps.forEach(SyncPipeline::close);
                try {
                    hand(new Batch(List.of(), true, e));
                } catch (InterruptedException stoppedMeanwhile) {
                    // the syncing thread is gone: nobody to tell
                }
            }
        }

        private void hand(Batch batch) throws InterruptedException {
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                batch.steps().forEach(SyncPipeline::close);
                throw e;
            }
        }

        /** One entry through the preparing stage; a failure is the entry's step, never the stage's. */
        private Step prepare(SourceEntry entry) {
            String sourceId = SourceSynchronizer.sourceId(source, entry);
            LocalFile file;
            try {
                file = source.fetch(entry);
            } catch (java.io.IOException | RuntimeException e) {
                return new Step.Broken(sourceId, null, describe(e));
            }
            try {
                if (skipQuarantined && quarantine.holds(sourceId, file.path())) {
                    file.close();
                    return new Step.Quarantined(sourceId);
                }
                Ingestion.Prepared prepared = ingestion.prepare(new Ingestion.FileToIngest(
                        file.path(), entry.fileName(), sourceId, source.metadata(), source.acl()));
                return switch (prepared) {
                    case Ingestion.Prepared.Unchanged u -> {
                        file.close();
                        yield new Step.Done(sourceId, u.result());
                    }
                    case Ingestion.Prepared.Ready r -> new Step.Ready(sourceId, file, r.upload());
                };
            } catch (DocumentRejectedException e) {
                return new Step.Refused(sourceId, file, e);
            } catch (RuntimeException e) {
                // one broken file must not stop the others
                return new Step.Broken(sourceId, file, describe(e));
            }
        }
    }
}
