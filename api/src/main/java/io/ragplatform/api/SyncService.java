package io.ragplatform.api;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.ragplatform.api.auth.Caller;
import io.ragplatform.index.sync.DirectorySource;
import io.ragplatform.index.sync.DocumentSource;
import io.ragplatform.index.sync.SourceSynchronizer;
import io.ragplatform.index.sync.SyncProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Source syncs as jobs: started on request or by each source's cron, at most one running per source, run on a small
 * pool of their own so that they never take the HTTP worker threads. Jobs are persisted and resumable ({@link Jobs}).
 */
@ApplicationScoped
public class SyncService {
    private static final Logger LOG = Logger.getLogger(SyncService.class);
    /** The owner of the syncs a cron starts: only admins see those jobs (and callers who asked for the same sync). */
    static final String SCHEDULER = "scheduler";

    private final QuarantineService quarantine;
    private final Scheduler scheduler;
    private final Map<String, DocumentSource> sources = new TreeMap<>();
    private final Map<String, String> crons = new TreeMap<>();
    private final Map<String, Job> lastJobOfSource = new ConcurrentHashMap<>();
    private final SourceSynchronizer synchronizer;

    private final Jobs jobs;

    SyncService(RagEngine engine, QuarantineService quarantine, RagConfig config, Scheduler scheduler, Jobs jobs) {
        this.quarantine = quarantine;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.synchronizer = new SourceSynchronizer(engine.ingestion(), quarantine);
        config.sources().forEach((name, source) -> {
            sources.put(
                    name,
                    new DirectorySource(
                            name,
                            source.path(),
                            source.acl().orElse(config.auth().defaultAcl()),
                            source.license().orElse(null)));
            source.cron().filter(c -> !c.isBlank()).ifPresent(c -> crons.put(name, c));
            // the last sync before a restart, if the history still holds it
            jobs.latest("sync", name).ifPresent(j -> lastJobOfSource.put(name, j));
        });
    }

    void onStart(@Observes StartupEvent event) {
        crons.forEach((name, cron) -> {
            scheduler
                    .newJob("sync-" + name)
                    .setCron(cron)
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> start(name, SCHEDULER))
                    .schedule();
            LOG.infof("source '%s' (%s) syncs on cron '%s'", name, ((DirectorySource) sources.get(name)).root(), cron);
        });
    }

    /** The configured sources, each with its last job when {@code caller} may see that job (its owner, or admin). */
    public List<Views.SourceConfigView> sources(Caller caller) {
        return sources.values().stream()
                .map(s -> {
                    Job last = lastJobOfSource.get(s.name());
                    return new Views.SourceConfigView(
                            s.name(),
                            "directory",
                            ((DirectorySource) s).root().toString(),
                            crons.get(s.name()),
                            last == null || !last.visibleTo(caller) ? null : last.view());
                })
                .toList();
    }

    /**
     * Starts a sync of the source owned by that caller (a name), or returns the one already running, which the caller
     * may then see too.
     */
    public Job start(String name, String caller) {
        DocumentSource source = sources.get(name);
        if (source == null) {
            throw ApiException.notFound("no source named '" + name + "'; configured: " + sources.keySet());
        }
        return unlessRunning(
                name, caller, () -> jobs.start("sync", name, caller, Map.of("source", name), j -> run(source, j)));
    }

    /**
     * Resumes an interrupted sync: the source is synced again under the job's ID (files it stored before are
     * unchanged now and embed nothing). A sync of the source already running is returned instead, as {@link #start}
     * does.
     */
    public Job resume(Job interrupted, String caller) {
        String name = interrupted.params().getOrDefault("source", interrupted.source());
        DocumentSource source = sources.get(name);
        if (source == null) {
            throw ApiException.notFound("no source named '" + name + "' any more; configured: " + sources.keySet());
        }
        return unlessRunning(name, caller, () -> jobs.restart(interrupted, j -> run(source, j)));
    }

    /**
     * The sync of the source that is running, which {@code caller} may then see too, or else the one {@code sync}
     * starts, which becomes the source's last job. One at a time, so that two requests never start two syncs.
     */
    private Job unlessRunning(String name, String caller, Supplier<Job> sync) {
        synchronized (lastJobOfSource) {
            Job last = lastJobOfSource.get(name);
            if (last != null && last.running()) {
                last.allow(caller);
                return last;
            }
            Job job = sync.get();
            lastJobOfSource.put(name, job);
            return job;
        }
    }

    /**
     * Syncs one quarantined file of a source now (a retry), parsing it whatever its bytes: stored (its record goes) or
     * refused again (its record counts one more attempt, and the refusal is thrown).
     *
     * @throws ApiException {@code not_found} when the source is no longer configured or no longer lists the file (its
     *     record is removed: there is nothing left to retry)
     */
    Views.UploadResponse retry(Views.QuarantineRecord record) {
        DocumentSource source = sources.get(record.source());
        String prefix = record.source() + "/";
        if (source == null || !record.sourceId().startsWith(prefix)) {
            quarantine.delete(record.id());
            throw ApiException.notFound("the source '" + record.source() + "' of quarantined '" + record.sourceId()
                    + "' is no longer configured; its record was removed");
        }
        RuntimeException[] failure = new RuntimeException[1];
        SyncProgress capture = new SyncProgress() {
            @Override
            public void failed(String sourceId, String error, String message) {
                failure[0] = new ApiException(error, io.ragplatform.error.ErrorCategory.INTERNAL, message);
            }

            @Override
            public void rejected(String sourceId, io.ragplatform.ingest.DocumentRejectedException rejection) {
                failure[0] = rejection;
            }
        };
        var stored = synchronizer.syncOne(
                source,
                record.sourceId().substring(prefix.length()),
                quarantine.recording(capture, QuarantineStore.SOURCE, source.name(), source.acl()));
        if (stored.isPresent()) {
            return IngestService.response(stored.get());
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        quarantine.delete(record.id());
        throw ApiException.notFound("the source '" + record.source() + "' no longer lists '" + record.sourceId()
                + "'; its record was removed");
    }

    private void run(DocumentSource source, Job job) {
        var report = synchronizer.sync(
                source, quarantine.recording(job, QuarantineStore.SOURCE, source.name(), source.acl()));
        // an idle scheduled sync is not news
        boolean changed = report.created() + report.updated() + report.deleted() + report.failed() > 0;
        LOG.logf(
                changed ? org.jboss.logging.Logger.Level.INFO : org.jboss.logging.Logger.Level.DEBUG,
                "sync of '%s': %d files, %d created, %d updated, %d unchanged, %d deleted, %d failed, %d skipped as"
                        + " quarantined, %d embedded",
                source.name(),
                report.total(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.deleted(),
                report.failed(),
                report.skippedQuarantined(),
                report.embedded());
    }
}
