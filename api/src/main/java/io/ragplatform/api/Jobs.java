package io.ragplatform.api;

import io.quarkus.runtime.ShutdownEvent;
import io.ragplatform.api.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Background jobs (source syncs, BEIR imports): kept in memory (the most recent 1,000; a running job is never dropped),
 * run on a small pool of their own so that they never take the HTTP worker threads.
 */
@ApplicationScoped
public class Jobs {
    private static final Logger LOG = Logger.getLogger(Jobs.class);
    private static final int KEEP_JOBS = 1000;

    private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEEP_JOBS && !eldest.getValue().running();
        }
    });
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "rag-job");
        t.setDaemon(true);
        return t;
    });

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Registers a job of that owner (a caller's name) and runs {@code body} on the pool; the job is done when the body
     * returns, failed when it throws (with the exception's message).
     */
    public Job start(String type, String subject, String owner, Consumer<Job> body) {
        Job job = new Job(UUID.randomUUID().toString(), type, subject, owner);
        jobs.put(job.id(), job);
        pool.submit(() -> {
            try {
                body.accept(job);
                job.finish();
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "%s job %s (%s) failed", type, job.id(), subject);
                job.fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        });
        return job;
    }

    /**
     * The job of that ID as the caller may see it: a job of another caller answers exactly like a missing one (404),
     * unless the caller is an admin.
     */
    public Job get(String id, Caller caller) {
        Job job = jobs.get(id);
        if (job == null || !job.visibleTo(caller)) {
            throw ApiException.notFound("no job with id '" + id + "' (jobs are kept in memory until restart)");
        }
        return job;
    }
}
