package io.ragplatform.api;

import io.ragplatform.api.auth.Caller;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.index.sync.SyncProgress;
import io.ragplatform.ingest.DocumentRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A background job (a source sync, a BEIR import) and its live counts. Thread-safe: one thread writes, any thread reads a view. */
public final class Job implements SyncProgress {
    /** What a job is doing. */
    public enum State {
        RUNNING,
        DONE,
        FAILED;

        /** The JSON form: {@code running}, {@code done}, {@code failed}. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int MAX_FAILURES_SHOWN = 200;

    private final String id;
    private final String type;
    private final String source;
    private final String owner;
    private final java.util.Set<String> viewers = new java.util.HashSet<>();
    private final String startedAt = Instant.now().toString();
    private State state = State.RUNNING;
    private String finishedAt;
    private String error;
    private int total = -1;
    private int done;
    private int created;
    private int updated;
    private int unchanged;
    private int deleted;
    private int failed;
    private int skippedQuarantined;
    private int embedded;
    private final List<Views.JobFailure> failures = new ArrayList<>();
    private String phase;
    private JobResult result;

    Job(String id, String type, String source, String owner) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.owner = owner;
        this.viewers.add(owner);
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    /** The name of the caller who started the job. */
    public String owner() {
        return owner;
    }

    /** Lets the caller of that name see the job too (a sync requested while the same one runs joins it). */
    public synchronized void allow(String callerName) {
        viewers.add(callerName);
    }

    /** Whether that caller may see the job: its owner, a caller who joined it, or an admin. */
    public synchronized boolean visibleTo(Caller caller) {
        return caller.admin() || viewers.contains(caller.name());
    }

    public synchronized boolean running() {
        return state == State.RUNNING;
    }

    @Override
    public synchronized void started(int total) {
        this.total = total;
    }

    @Override
    public synchronized void stored(String sourceId, UpsertResult result) {
        done++;
        embedded += result.embedded();
        switch (result.status()) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            default -> unchanged++;
        }
    }

    @Override
    public synchronized void failed(String sourceId, String error, String message) {
        done++;
        failed++;
        if (failures.size() < MAX_FAILURES_SHOWN) {
            failures.add(new Views.JobFailure(sourceId, error, message));
        }
    }

    /** A refused file, with the hints the REST layer adds to the refusal's message. */
    @Override
    public void rejected(String sourceId, DocumentRejectedException rejection) {
        failed(sourceId, rejection.code(), ErrorMappers.message(rejection));
    }

    @Override
    public synchronized void skippedQuarantined(String sourceId) {
        done++;
        skippedQuarantined++;
    }

    @Override
    public synchronized void deleted(String sourceId) {
        deleted++;
    }

    /** What the job is doing now, e.g. {@code "ingesting corpus"}; shown while it runs. */
    public synchronized void phase(String phase) {
        this.phase = phase;
    }

    /** Restarts the progress count for a new phase of {@code total} steps. */
    public synchronized void progress(int done, int total) {
        this.done = done;
        this.total = total;
    }

    /** What the job produced, shown once it is done (e.g. the eval set version an import created). */
    public synchronized void result(JobResult result) {
        this.result = result;
    }

    public synchronized JobResult result() {
        return result;
    }

    /** Whether the job ended in failure; its message is in the view's {@code error}. */
    public synchronized boolean failed() {
        return state == State.FAILED;
    }

    synchronized void finish() {
        state = State.DONE;
        finishedAt = Instant.now().toString();
        notifyAll();
    }

    synchronized void fail(String message) {
        state = State.FAILED;
        error = message;
        finishedAt = Instant.now().toString();
        notifyAll();
    }

    /** Waits until the job ends or the time is up; true when it has ended. */
    public synchronized boolean await(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state == State.RUNNING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public synchronized Views.JobView view() {
        return new Views.JobView(
                id,
                type,
                source,
                state.json(),
                startedAt,
                finishedAt,
                error,
                created,
                updated,
                deleted,
                unchanged,
                failed,
                skippedQuarantined,
                embedded,
                new Views.Progress(done, Math.max(total, 0)),
                List.copyOf(failures),
                state == State.RUNNING ? phase : null,
                result,
                owner);
    }
}
