package io.ragplatform.api;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.ragplatform.index.sync.DirectorySource;
import io.ragplatform.index.sync.DocumentSource;
import io.ragplatform.index.sync.SourceSynchronizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Source syncs as jobs: started on request or by each source's cron, at most one running per source, run on a small
 * pool of their own so that they never take the HTTP worker threads. Jobs are kept in memory (the most recent 1,000).
 */
@ApplicationScoped
public class SyncService {
    private static final Logger LOG = Logger.getLogger(SyncService.class);
    /** The owner of the syncs a cron starts: only admins see those jobs (and callers who asked for the same sync). */
    static final String SCHEDULER = "scheduler";

    private final RagEngine engine;
    private final Scheduler scheduler;
    private final Map<String, DocumentSource> sources = new TreeMap<>();
    private final Map<String, String> crons = new TreeMap<>();
    private final Map<String, Job> lastJobOfSource = new ConcurrentHashMap<>();
    private final SourceSynchronizer synchronizer;

    private final Jobs jobs;

    SyncService(RagEngine engine, RagConfig config, Scheduler scheduler, Jobs jobs) {
        this.engine = engine;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.synchronizer = new SourceSynchronizer(engine.ingestion());
        config.sources().forEach((name, source) -> {
            sources.put(
                    name,
                    new DirectorySource(
                            name,
                            source.path(),
                            source.acl().orElse(config.auth().defaultAcl())));
            source.cron().filter(c -> !c.isBlank()).ifPresent(c -> crons.put(name, c));
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

    public List<Views.SourceConfigView> sources() {
        return sources.values().stream()
                .map(s -> {
                    Job last = lastJobOfSource.get(s.name());
                    return new Views.SourceConfigView(
                            s.name(),
                            "directory",
                            ((DirectorySource) s).root().toString(),
                            crons.get(s.name()),
                            last == null ? null : last.view());
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
        synchronized (lastJobOfSource) {
            Job last = lastJobOfSource.get(name);
            if (last != null && last.running()) {
                last.allow(caller);
                return last;
            }
            Job job = jobs.start("sync", name, caller, j -> run(source, j));
            lastJobOfSource.put(name, job);
            return job;
        }
    }

    private void run(DocumentSource source, Job job) {
        var report = synchronizer.sync(source, job);
        for (Views.JobFailure f : job.view().failures()) {
            engine.failures()
                    .record(new FailureLog.Failure(
                            Instant.now().toString(), f.sourceId(), f.sourceId(), -1, f.error(), f.message()));
        }
        // an idle scheduled sync is not news
        boolean changed = report.created() + report.updated() + report.deleted() + report.failed() > 0;
        LOG.logf(
                changed ? org.jboss.logging.Logger.Level.INFO : org.jboss.logging.Logger.Level.DEBUG,
                "sync of '%s': %d files, %d created, %d updated, %d unchanged, %d deleted, %d failed, %d embedded",
                source.name(),
                report.total(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.deleted(),
                report.failed(),
                report.embedded());
    }
}
