package io.ragplatform.api;

import io.ragplatform.api.auth.Caller;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.index.sync.SyncProgress;
import io.ragplatform.ingest.DocumentRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A background job (a source sync, a BEIR import, an eval run) and its live counts, persisted by {@link Jobs} with what
 * it needs to be resumed ({@link #params()}). Thread-safe: one thread writes, any thread reads a view.
 */
public final class Job implements SyncProgress {
    /** What a job is doing. */
    public enum State {
        RUNNING,
        DONE,
        FAILED,
        /** It was running when the service stopped or crashed; it may be resumed. */
        INTERRUPTED;

        /** The JSON form: {@code running}, {@code done}, {@code failed}, {@code interrupted}. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int MAX_FAILURES_SHOWN = 200;

    private final String id;
    private final String type;
    private final String source;
    private final String owner;
    private final java.util.Set<String> viewers = new java.util.TreeSet<>();
    private final java.util.Map<String, String> params;
    private String startedAt = Instant.now().toString();
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
    private Object result;
    private int resumes;
    private String interruptedAt;
    private boolean dirty = true;

    Job(String id, String type, String source, String owner, java.util.Map<String, String> params) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.owner = owner;
        this.params = java.util.Map.copyOf(params);
        this.viewers.add(owner);
    }

    /**
     * What is persisted of a job: its view, who may see it and what resuming it needs.
     *
     * @param params the job's request, by type: {@code source} (sync); {@code set, split, acl, file} (BEIR import, the
     *     kept archive); {@code set, version, mode, k, indexVersion, access} (eval run)
     */
    record Stored(Views.JobView view, List<String> viewers, java.util.Map<String, String> params) {}

    /** The job as it was stored; one that was running is {@link State#INTERRUPTED} from now on. */
    static Job restore(Stored stored) {
        Views.JobView v = stored.view();
        Job job = new Job(
                v.id(),
                v.type(),
                v.source(),
                v.owner(),
                stored.params() == null ? java.util.Map.of() : stored.params());
        job.viewers.addAll(stored.viewers());
        job.startedAt = v.startedAt();
        job.state = State.valueOf(v.state().toUpperCase(java.util.Locale.ROOT));
        job.finishedAt = v.finishedAt();
        job.error = v.error();
        job.created = v.created();
        job.updated = v.updated();
        job.deleted = v.deleted();
        job.unchanged = v.unchanged();
        job.failed = v.failed();
        job.skippedQuarantined = v.skippedQuarantined();
        job.embedded = v.embedded();
        job.done = v.progress().done();
        job.total = v.progress().total();
        job.failures.addAll(v.failures());
        job.phase = v.phase();
        job.result = v.result();
        job.resumes = v.resumes();
        job.interruptedAt = v.interruptedAt();
        job.dirty = false;
        if (job.state == State.RUNNING) {
            job.interrupt();
        }
        return job;
    }

    synchronized Stored stored() {
        return new Stored(viewFor(true), List.copyOf(viewers), params);
    }

    /** Whether the job changed since the last call (then it is to be saved again). */
    synchronized boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    public String type() {
        return type;
    }

    /** What resuming the job needs (its request); see {@link Stored#params()}. */
    public java.util.Map<String, String> params() {
        return params;
    }

    public synchronized String startedAt() {
        return startedAt;
    }

    public synchronized boolean interrupted() {
        return state == State.INTERRUPTED;
    }

    /** The job was running when the service stopped (or is found running at start: the service crashed). */
    synchronized void interrupt() {
        state = State.INTERRUPTED;
        interruptedAt = Instant.now().toString();
        dirty = true;
        notifyAll();
    }

    /**
     * Runs again from the start (an interrupted job resumed): the counts are those of the new run (what the interrupted
     * run stored is {@code unchanged} now, and embeds nothing), {@code resumes} counts one more.
     */
    synchronized void restart() {
        state = State.RUNNING;
        finishedAt = null;
        error = null;
        total = -1;
        done = created = updated = unchanged = deleted = failed = skippedQuarantined = embedded = 0;
        failures.clear();
        phase = null;
        result = null;
        resumes++;
        dirty = true;
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
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
        dirty = true;
        this.total = total;
    }

    @Override
    public synchronized void stored(String sourceId, UpsertResult result) {
        dirty = true;
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
        dirty = true;
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
        dirty = true;
        done++;
        skippedQuarantined++;
    }

    @Override
    public synchronized void deleted(String sourceId) {
        dirty = true;
        deleted++;
    }

    /** What the job is doing now, e.g. {@code "ingesting corpus"}; shown while it runs. */
    public synchronized void phase(String phase) {
        dirty = true;
        this.phase = phase;
    }

    /** Restarts the progress count for a new phase of {@code total} steps. */
    public synchronized void progress(int done, int total) {
        dirty = true;
        this.done = done;
        this.total = total;
    }

    /** What the job produced, shown once it is done (e.g. the eval set version an import created). */
    public synchronized void result(JobResult result) {
        dirty = true;
        this.result = result;
    }

    /** Whether the job ended in failure; its message is in the view's {@code error}. */
    public synchronized boolean failed() {
        return state == State.FAILED;
    }

    synchronized void finish() {
        dirty = true;
        state = State.DONE;
        finishedAt = Instant.now().toString();
        notifyAll();
    }

    synchronized void fail(String message) {
        dirty = true;
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
        return viewFor(false);
    }

    private Views.JobView viewFor(boolean stored) {
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
                stored || state == State.RUNNING || state == State.INTERRUPTED ? phase : null,
                result,
                owner,
                resumes,
                interruptedAt);
    }
}
