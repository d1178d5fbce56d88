package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.api.auth.Caller;
import io.ragplatform.api.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs persisted under a data directory: a new {@link Jobs} over the same directory is the service restarted. */
class JobsTest {
    private static final Caller ADMIN = Caller.ANONYMOUS;
    private static final Caller ALICE = new Caller("alice", Role.WRITER, Set.of());
    private static final Caller BOB = new Caller("bob", Role.WRITER, Set.of());

    @TempDir
    Path dir;

    @Test
    void a_finished_job_answers_after_a_restart_with_its_counts_and_owner_rules() {
        Jobs before = new Jobs(dir, 10);
        Job job = before.start("sync", "docs", "alice", Map.of("source", "docs"), j -> {
            j.started(2);
            j.failed("docs/a.pdf", "corrupt_document", "corrupt");
            j.phase("syncing");
        });
        assertTrue(job.await(Duration.ofSeconds(10)));
        before.stop();

        Jobs after = new Jobs(dir, 10);
        Views.JobView view = after.get(job.id(), ALICE).view();
        assertEquals(job.view(), view);
        assertEquals("done", view.state());
        assertEquals(1, view.failed());
        assertEquals("corrupt_document", view.failures().get(0).error());
        assertEquals("alice", view.owner());
        assertEquals(job.id(), after.get(job.id(), ADMIN).id());
        assertThrows(ApiException.class, () -> after.get(job.id(), BOB), "another caller's job is 404");
        assertEquals(
                List.of(job.id()), after.recent(ALICE, 10).stream().map(Job::id).toList());
        assertEquals(List.of(), after.recent(BOB, 10));
        assertEquals(job.id(), after.latest("sync", "docs").orElseThrow().id());
        after.stop();
    }

    @Test
    void a_job_running_when_the_service_died_is_interrupted_with_its_progress_and_resumes_under_its_id()
            throws Exception {
        Jobs crashed = new Jobs(dir, 10);
        CountDownLatch never = new CountDownLatch(1);
        Job job = crashed.start("sync", "docs", "alice", Map.of("source", "docs"), j -> {
            j.started(10);
            j.progress(3, 10);
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // the record is written at most a second after a change: wait until it holds the progress
        Path record = dir.resolve(job.id() + ".json");
        for (int i = 0; i < 50 && !Files.readString(record).contains("\"done\":3"); i++) {
            Thread.sleep(100);
        }
        // no stop: the service died with the job running

        Jobs restarted = new Jobs(dir, 10);
        Job interrupted = restarted.get(job.id(), ALICE);
        Views.JobView view = interrupted.view();
        assertEquals("interrupted", view.state());
        assertEquals(new Views.Progress(3, 10), view.progress());
        assertNotNull(view.interruptedAt());
        assertEquals(Map.of("source", "docs"), interrupted.params());
        assertTrue(Files.readString(record).contains("\"state\":\"interrupted\""), "saved as interrupted at start");

        Job resumed = restarted.restart(interrupted, j -> {
            j.started(10);
            j.progress(10, 10);
        });
        assertTrue(resumed.await(Duration.ofSeconds(10)));
        assertEquals(job.id(), resumed.id());
        assertEquals("done", resumed.view().state());
        assertEquals(1, resumed.view().resumes());
        ApiException again = assertThrows(ApiException.class, () -> restarted.restart(resumed, j -> {}));
        assertEquals("job_not_interrupted", again.code());
        restarted.stop();
        assertEquals("done", new Jobs(dir, 10).get(job.id(), ADMIN).view().state());
        crashed.stop();
    }

    @Test
    void a_stop_interrupts_running_jobs_instead_of_failing_them() throws Exception {
        Jobs jobs = new Jobs(dir, 10);
        CountDownLatch started = new CountDownLatch(1);
        Job job = jobs.start("beir-import", "set", "alice", Map.of(), j -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        });
        started.await();
        jobs.stop();
        assertEquals("interrupted", job.view().state());
        assertEquals(
                "interrupted", new Jobs(dir, 10).get(job.id(), ADMIN).view().state());
    }

    @Test
    void the_history_is_bounded_and_a_kept_file_goes_when_its_job_ends() throws Exception {
        Jobs jobs = new Jobs(dir, 3);
        Path kept = Files.writeString(jobs.keptFile("archive.zip"), "zip");
        Job withFile = jobs.start("beir-import", "set", "alice", Map.of(Jobs.FILE, kept.toString()), j -> {});
        assertTrue(withFile.await(Duration.ofSeconds(10)));
        for (int i = 0; i < 4; i++) {
            assertTrue(jobs.start("sync", "docs", "alice", Map.of(), j -> {}).await(Duration.ofSeconds(10)));
        }
        jobs.stop();
        assertFalse(Files.exists(kept), "deleted when the job ended");
        Jobs restarted = new Jobs(dir, 3);
        assertEquals(3, restarted.recent(ADMIN, 100).size());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.filter(f -> f.toString().endsWith(".json")).count());
        }
        restarted.stop();
    }

    @Test
    void an_eval_run_job_keeps_its_pinned_spec_for_a_resume() {
        for (io.ragplatform.index.AccessScope scope : List.of(
                io.ragplatform.index.AccessScope.ALL,
                io.ragplatform.index.AccessScope.groups(Set.of()),
                io.ragplatform.index.AccessScope.groups(Set.of("eng", "finance")))) {
            io.ragplatform.eval.run.RunSpec spec = new io.ragplatform.eval.run.RunSpec(
                    "handbook", 3, io.ragplatform.index.SearchMode.KEYWORD, 7, 42L, scope);
            assertEquals(spec, EvalService.spec(EvalService.params(spec)));
        }
    }
}
