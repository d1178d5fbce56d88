package io.ragplatform.api;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.ragplatform.index.sync.DirectorySource;
import io.ragplatform.index.sync.DocumentSource;
import io.ragplatform.index.sync.SourceSynchronizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Source syncs as jobs: started on request or by each source's cron, at most one running per source, run on a small
 * pool of their own so that they never take the HTTP worker threads. Jobs are kept in memory (the most recent 1,000).
 */
@ApplicationScoped
public class SyncService {
    private static final Logger LOG = Logger.getLogger(SyncService.class);
    private static final int KEEP_JOBS = 1000;

    private final RagEngine engine;
    private final Scheduler scheduler;
    private final Map<String, DocumentSource> sources = new TreeMap<>();
    private final Map<String, String> crons = new TreeMap<>();
    private final Map<String, Job> jobs = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEEP_JOBS && !eldest.getValue().running();
        }
    });
    private final Map<String, Job> lastJobOfSource = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "rag-sync");
        t.setDaemon(true);
        return t;
    });
    private final SourceSynchronizer synchronizer;

    SyncService(RagEngine engine, RagConfig config, Scheduler scheduler) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.synchronizer = new SourceSynchronizer(engine.ingestion());
        config.sources().forEach((name, source) -> {
            sources.put(name, new DirectorySource(name, source.path()));
            source.cron().filter(c -> !c.isBlank()).ifPresent(c -> crons.put(name, c));
        });
    }

    void onStart(@Observes StartupEvent event) {
        crons.forEach((name, cron) -> {
            scheduler.newJob("sync-" + name)
                    .setCron(cron)
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> start(name))
                    .schedule();
            LOG.infof("source '%s' (%s) syncs on cron '%s'", name, ((DirectorySource) sources.get(name)).root(), cron);
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Views.SourceConfigView> sources() {
        return sources.values().stream().map(s -> {
            Job last = lastJobOfSource.get(s.name());
            return new Views.SourceConfigView(s.name(), "directory", ((DirectorySource) s).root().toString(), crons.get(s.name()),
                    last == null ? null : last.view());
        }).toList();
    }

    /** Starts a sync of the source, or returns the one already running. */
    public Job start(String name) {
        DocumentSource source = sources.get(name);
        if (source == null) {
            throw ApiException.notFound("no source named '" + name + "'; configured: " + sources.keySet());
        }
        synchronized (lastJobOfSource) {
            Job last = lastJobOfSource.get(name);
            if (last != null && last.running()) {
                return last;
            }
            Job job = new Job(UUID.randomUUID().toString(), "sync", name);
            jobs.put(job.id(), job);
            lastJobOfSource.put(name, job);
            pool.submit(() -> run(source, job));
            return job;
        }
    }

    private void run(DocumentSource source, Job job) {
        try {
            var report = synchronizer.sync(source, job);
            for (Views.JobFailure f : job.view().failures()) {
                engine.failures().record(new FailureLog.Failure(Instant.now().toString(), f.sourceId(), f.sourceId(), -1, f.error(), f.message()));
            }
            job.finish();
            // an idle scheduled sync is not news
            boolean changed = report.created() + report.updated() + report.deleted() + report.failed() > 0;
            LOG.logf(changed ? org.jboss.logging.Logger.Level.INFO : org.jboss.logging.Logger.Level.DEBUG,
                    "sync of '%s': %d files, %d created, %d updated, %d unchanged, %d deleted, %d failed, %d embedded", source.name(),
                    report.total(), report.created(), report.updated(), report.unchanged(), report.deleted(), report.failed(), report.embedded());
        } catch (RuntimeException e) {
            LOG.errorf(e, "sync of '%s' failed", source.name());
            job.fail(e.getMessage());
        }
    }

    public Job job(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw ApiException.notFound("no job with id '" + id + "' (jobs are kept in memory until restart)");
        }
        return job;
    }
}
