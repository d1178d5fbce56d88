package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.awaitJob;
import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service started over a data directory whose job records say a sync and two BEIR imports were running: the
 * service died under them. They answer as interrupted, with their progress, and resume to what uninterrupted jobs
 * produce, storing and embedding nothing twice.
 */
@QuarkusTest
@TestProfile(JobRestartApiTest.Seeded.class)
class JobRestartApiTest {
    static final String SYNC = "00000000-0000-0000-0000-00000000sync";
    static final String BEIR = "00000000-0000-0000-0000-00000000beir";
    static final String BEIR_AGAIN = "00000000-0000-0000-0000-0000000beir2";
    static final String NOTE_A = "Note A: the archive room opens at nine and closes at five.";
    static final String NOTE_B = "Note B: visitors sign the ledger at the front desk.";

    public static class Seeded implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SeededJobs.class));
        }
    }

    /** {@link DataDirResource}, with the records of three jobs that were running when the service died. */
    public static class SeededJobs extends DataDirResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            try {
                Path docs = Path.of(config.get("rag.sources.docs.path"));
                Files.writeString(docs.resolve("a.txt"), NOTE_A, StandardCharsets.UTF_8);
                Files.writeString(docs.resolve("b.txt"), NOTE_B, StandardCharsets.UTF_8);
                Path jobs = Files.createDirectories(
                        Path.of(config.get("rag.data-dir")).resolve("jobs"));
                seed(jobs, SYNC, "sync", "docs", Map.of("source", "docs"), 1, 2);
                for (String id : List.of(BEIR, BEIR_AGAIN)) {
                    Path zip = Files.write(
                            jobs.resolve("beir-" + id + ".zip"), EvalReportImportApiTest.beirZip("mini-beir/", true));
                    seed(
                            jobs,
                            id,
                            "beir-import",
                            "resumed-beir",
                            Map.of("set", "resumed-beir", "acl", "[\"public\"]", Jobs.FILE, zip.toString()),
                            0,
                            -1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return config;
        }

        private static void seed(
                Path dir, String id, String type, String subject, Map<String, String> params, int done, int total)
                throws IOException {
            Views.JobView view = new Views.JobView(
                    id,
                    type,
                    subject,
                    "running",
                    Instant.now().toString(),
                    null,
                    null,
                    done,
                    0,
                    0,
                    0,
                    0,
                    0,
                    done,
                    new Views.Progress(done, total),
                    List.of(),
                    "ingesting",
                    null,
                    "anonymous",
                    0,
                    null);
            new ObjectMapper()
                    .writeValue(
                            dir.resolve(id + ".json").toFile(),
                            new Job.Stored(view, List.of("anonymous"), new HashMap<>(params)));
        }
    }

    private static JsonPath resume(String id) {
        given().post("/v1/jobs/" + id + "/resume").then().statusCode(202);
        JsonPath job = awaitJob(id);
        assertEquals("done", job.getString("state"), job.prettify());
        assertEquals(1, job.getInt("resumes"));
        return job;
    }

    @Test
    void a_sync_interrupted_by_a_crash_answers_with_its_progress_and_resumes_without_storing_twice() {
        JsonPath interrupted = ok(get("/v1/jobs/" + SYNC));
        assertEquals("interrupted", interrupted.getString("state"));
        assertEquals(1, interrupted.getInt("progress.done"));
        assertEquals(2, interrupted.getInt("progress.total"));
        assertNotNull(interrupted.getString("interruptedAt"));
        assertTrue(ok(get("/v1/jobs")).getList("jobs.id").containsAll(List.of(SYNC, BEIR, BEIR_AGAIN)));

        // what the interrupted run stored before the crash: a.txt, as a sync stores it
        ok(given().multiPart("file", "a.txt", NOTE_A.getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("sourceId", "docs/a.txt")
                .post("/v1/documents"));
        JsonPath done = resume(SYNC);
        assertEquals(1, done.getInt("created"), done.prettify());
        assertEquals(1, done.getInt("unchanged"));
        assertEquals(0, done.getInt("failed"));
        assertTrue(done.getInt("embedded") >= 1);
        assertEquals(2, done.getInt("progress.done"));
        documentsOf("docs/a.txt").statusCode(200).body("documents.size()", org.hamcrest.Matchers.equalTo(1));
        assertEquals(1, ok(documentsOf("docs/a.txt")).getInt("documents[0].version"), "not stored twice");
        documentsOf("docs/b.txt").statusCode(200);
        error(given().post("/v1/jobs/" + SYNC + "/resume").then(), 409, "job_not_interrupted");
        assertEquals(SYNC, ok(get("/v1/sources")).getString("find { it.name == 'docs' }.lastJob.id"));
    }

    @Test
    void an_interrupted_beir_import_resumes_to_the_documents_and_set_of_an_uninterrupted_one() throws IOException {
        assertEquals("interrupted", ok(get("/v1/jobs/" + BEIR)).getString("state"));
        JsonPath resumed = resume(BEIR);
        assertEquals(1, resumed.getInt("result.version"), resumed.prettify());
        assertFalse(resumed.getBoolean("result.setUnchanged"));
        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("rag.data-dir", String.class));
        assertFalse(Files.exists(dataDir.resolve("jobs/beir-" + BEIR + ".zip")), "the archive goes when done");

        // the same archive imported without interruption: the same documents (all unchanged) and the same items
        JsonPath fresh = ok(given().multiPart(
                        "file", "mini-beir.zip", EvalReportImportApiTest.beirZip("mini-beir/", true), "application/zip")
                .post("/v1/eval/sets/fresh-beir/beir"));
        assertEquals(0, fresh.getInt("job.embedded"), fresh.prettify());
        assertEquals(0, fresh.getInt("job.created") + fresh.getInt("job.updated"));
        assertEquals(
                ok(get("/v1/eval/sets/fresh-beir/versions/1")).getList("items"),
                ok(get("/v1/eval/sets/resumed-beir/versions/1")).getList("items"));

        // interrupted after its set version was stored: resuming reuses it, no second version with the same items
        JsonPath again = resume(BEIR_AGAIN);
        assertEquals(1, again.getInt("result.version"), again.prettify());
        assertTrue(again.getBoolean("result.setUnchanged"));
        assertEquals(0, again.getInt("embedded"));
        assertEquals(0, again.getInt("created") + again.getInt("updated"));
        assertEquals(
                1, ok(get("/v1/eval/sets/resumed-beir")).getList("versions").size());

        // the corpus's empty document is refused and quarantined with its bytes, as a BEIR document
        JsonPath q = ok(given().queryParam("sourceId", "doc-empty").get("/v1/quarantine"));
        assertEquals("beir", q.getString("records[0].origin"), q.prettify());
        assertTrue(q.getBoolean("records[0].bytesKept"));
    }
}
