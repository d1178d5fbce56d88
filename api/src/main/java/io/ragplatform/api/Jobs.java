package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.ragplatform.api.auth.Caller;
import io.ragplatform.error.ErrorCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Background jobs (source syncs, BEIR imports, asynchronous eval runs), run on a small pool of their own so that they
 * never take the HTTP worker threads, and persisted: one JSON file per job in {@code <data dir>/jobs/<id>.json},
 * written (temporary file, atomic move) when the job starts and ends and at most once a second while it runs.
 *
 * <p>A job found {@code running} at start was running when the service stopped or crashed: it is
 * {@code interrupted}, with the progress last written, and may be {@linkplain #restart resumed}. A job that a stop
 * interrupts is {@code interrupted} too, not failed. The history keeps the newest {@code keep} jobs that are not
 * running; a job's kept file (the archive a BEIR import reads) is deleted when it ends done or failed, or is dropped.
 */
@ApplicationScoped
public class Jobs {
    private static final Logger LOG = Logger.getLogger(Jobs.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** The params entry naming a file the job keeps until it ends (not while it is interrupted). */
    static final String FILE = "file";

    private final Path dir;
    private final int keep;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private volatile boolean stopping;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "rag-job");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rag-job-flush");
        t.setDaemon(true);
        return t;
    });

    @Inject
    Jobs(RagEngine engine, RagConfig config) {
        this(engine.dataDir().resolve("jobs"), config.jobs().keep());
    }

    /** Jobs persisted in {@code dir}: those stored there are loaded now (running ones become interrupted). */
    Jobs(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
        load();
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops the pool; the jobs still running are {@code interrupted} and saved so. */
    void stop() {
        stopping = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flusher.shutdownNow();
        for (Job job : snapshot()) {
            if (job.running()) {
                job.interrupt();
                save(job);
            }
        }
    }

    /**
     * Registers a job of that owner (a caller's name) with the request that resumes it, saves it, and runs
     * {@code body} on the pool; the job is done when the body returns, failed when it throws (with the exception's
     * message), interrupted when the service stops meanwhile.
     */
    public Job start(String type, String subject, String owner, Map<String, String> params, Consumer<Job> body) {
        Job job = new Job(UUID.randomUUID().toString(), type, subject, owner, params);
        synchronized (jobs) {
            jobs.put(job.id(), job);
        }
        save(job);
        submit(job, body);
        return job;
    }

    /**
     * Runs an interrupted job again under its ID, from the start ({@link Job#restart}); what it stored before it was
     * interrupted is found unchanged, so it is not stored or embedded twice.
     *
     * @throws ApiException {@code job_not_interrupted} (409) when the job is running, done or failed
     */
    public Job restart(Job job, Consumer<Job> body) {
        synchronized (job) {
            if (!job.interrupted()) {
                throw notInterrupted(job);
            }
            job.restart();
        }
        save(job);
        submit(job, body);
        return job;
    }

    static ApiException notInterrupted(Job job) {
        return new ApiException(
                "job_not_interrupted",
                ErrorCategory.CONFLICT,
                "job " + job.id() + " is " + job.view().state() + "; only an interrupted job can be resumed");
    }

    private void submit(Job job, Consumer<Job> body) {
        pool.submit(() -> {
            try {
                body.accept(job);
                if (stopping) {
                    // the body may have stopped early on the interruption without saying so
                    job.interrupt();
                } else {
                    job.finish();
                }
            } catch (RuntimeException | Error e) {
                if (stopping) {
                    job.interrupt();
                } else {
                    LOG.errorf(e, "%s job %s (%s) failed", job.type(), job.id(), job.source());
                    job.fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            }
            if (!job.interrupted()) {
                deleteKeptFile(job);
            }
            save(job);
            trim();
        });
    }

    /**
     * The job of that ID as the caller may see it: a job of another caller answers exactly like a missing one (404),
     * unless the caller is an admin.
     */
    public Job get(String id, Caller caller) {
        Job job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null || !job.visibleTo(caller)) {
            throw ApiException.notFound("no job with id '" + id + "'");
        }
        return job;
    }

    /** The newest jobs the caller may see (its own; an admin's: all), newest first. */
    public List<Job> recent(Caller caller, int limit) {
        return snapshot().reversed().stream()
                .filter(j -> j.visibleTo(caller))
                .limit(limit)
                .toList();
    }

    /** The newest job of that type and subject (e.g. the last sync of a source), if one is kept. */
    public Optional<Job> latest(String type, String subject) {
        return snapshot().reversed().stream()
                .filter(j -> j.type().equals(type) && j.source().equals(subject))
                .findFirst();
    }

    private List<Job> snapshot() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values());
        }
    }

    private void flush() {
        for (Job job : snapshot()) {
            if (job.running() && job.takeDirty()) {
                save(job);
            }
        }
    }

    private void save(Job job) {
        Job.Stored stored = job.stored();
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(job.id() + ".json.tmp");
            JSON.writeValue(tmp.toFile(), stored);
            Files.move(
                    tmp,
                    dir.resolve(job.id() + ".json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // the job goes on; its record lags until the next save
            LOG.warnf("cannot save job %s to %s: %s", job.id(), dir, e.getMessage());
        }
    }

    private void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Job> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .toList()) {
                try {
                    loaded.add(Job.restore(JSON.readValue(f.toFile(), Job.Stored.class)));
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("skipping unreadable job record %s: %s", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the jobs in " + dir, e);
        }
        loaded.sort(Comparator.comparing((Job j) -> java.time.Instant.parse(j.startedAt()))
                .thenComparing(Job::id));
        synchronized (jobs) {
            for (Job job : loaded) {
                jobs.put(job.id(), job);
            }
        }
        for (Job job : loaded) {
            if (job.interrupted() && job.takeDirty()) {
                LOG.infof(
                        "%s job %s (%s) was interrupted; POST /v1/jobs/%s/resume",
                        job.type(), job.id(), job.source(), job.id());
                save(job);
            }
        }
        trim();
    }

    /** Drops the oldest jobs that are not running beyond {@code keep}, with their records and kept files. */
    private void trim() {
        List<Job> dropped = new ArrayList<>();
        synchronized (jobs) {
            int excess = jobs.size() - keep;
            for (var it = jobs.values().iterator(); it.hasNext() && excess > 0; ) {
                Job job = it.next();
                if (!job.running()) {
                    it.remove();
                    dropped.add(job);
                    excess--;
                }
            }
        }
        for (Job job : dropped) {
            deleteKeptFile(job);
            try {
                Files.deleteIfExists(dir.resolve(job.id() + ".json"));
            } catch (IOException e) {
                LOG.warnf("cannot delete the record of job %s: %s", job.id(), e.getMessage());
            }
        }
    }

    private void deleteKeptFile(Job job) {
        String file = job.params().get(FILE);
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException e) {
            LOG.warnf("cannot delete %s of job %s: %s", file, job.id(), e.getMessage());
        }
    }

    /** Where a job keeps a file it needs until it ends (e.g. a BEIR archive). */
    Path keptFile(String name) {
        try {
            return Files.createDirectories(dir).resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
