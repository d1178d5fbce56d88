package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.currentIndexVersion;
import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.syncDone;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Directory sources synced as jobs: the three-step sync of the issue, a bad file that does not block, cron. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class SourceSyncApiTest {
    private static String sections(String insert) {
        StringBuilder sb = new StringBuilder("Operations Manual\n\n");
        for (int i = 0; i < 36; i++) {
            sb.append("Procedure ").append(i).append("\n\n");
            sb.append("Step ")
                    .append(i)
                    .append(" moves the nightly export of cluster ")
                    .append(i)
                    .append(" to cold storage after ")
                    .append(i + 3)
                    .append(" days and notifies the owners by mail.");
            if (i == 18) {
                sb.append(insert);
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    private static JsonPath syncAndWait(String source) {
        JsonPath job = syncDone(source);
        assertEquals(job.getInt("progress.total"), job.getInt("progress.done"), job.prettify());
        return job;
    }

    @Test
    void add_then_modify_and_delete_then_nothing_is_reported_and_embedded_minimally() throws Exception {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("rag.sources.docs.path", String.class));
        Files.writeString(dir.resolve("manual.txt"), sections(""), StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(
                dir.resolve("policies/retention.md"),
                "# Retention\n\nInvoices are kept for **ten** years.\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("policies/travel.html"),
                "<html><body><h1>Travel</h1><p>Book trains for trips under five hours.</p></body></html>",
                StandardCharsets.UTF_8);

        JsonPath first = syncAndWait("docs");
        assertEquals(3, first.getInt("created"), first.prettify());
        assertEquals(0, first.getInt("failed"));
        assertTrue(first.getInt("embedded") > 0);
        documentsOf("docs/policies/retention.md")
                .statusCode(200)
                .body("documents[0].contentType", equalTo("text/markdown"));

        Files.writeString(
                dir.resolve("manual.txt"),
                sections(" The export is verified by checksum before deletion."),
                StandardCharsets.UTF_8);
        Files.delete(dir.resolve("policies/travel.html"));
        byte[] garbage = new byte[2048];
        new Random(7).nextBytes(garbage);
        Files.write(dir.resolve("broken.pdf"), garbage);

        JsonPath second = syncAndWait("docs");
        assertEquals(0, second.getInt("created"), second.prettify());
        assertEquals(1, second.getInt("updated"));
        assertEquals(1, second.getInt("deleted"));
        assertEquals(1, second.getInt("unchanged"));
        assertEquals(1, second.getInt("failed"), "a bad file is counted and does not stop the sync");
        assertEquals("docs/broken.pdf", second.getString("failures[0].sourceId"));
        assertEquals("corrupt_document", second.getString("failures[0].error"));
        assertTrue(
                second.getInt("embedded") >= 1 && second.getInt("embedded") <= 3,
                "embedded " + second.getInt("embedded"));
        documentsOf("docs/policies/travel.html").statusCode(404);
        documentsOf("docs/manual.txt").statusCode(200).body("documents[0].version", equalTo(2));

        JsonPath idle = syncAndWait("docs");
        assertEquals(0, idle.getInt("created") + idle.getInt("updated") + idle.getInt("deleted"), idle.prettify());
        assertEquals(2, idle.getInt("unchanged"));
        assertEquals(0, idle.getInt("embedded"));
        assertEquals(0, idle.getInt("failed"), idle.prettify());
        assertEquals(1, idle.getInt("skippedQuarantined"), "the bad file is quarantined unchanged: not parsed again");
        get("/v1/ingest/failures")
                .statusCode(200)
                .body("failures.find { it.sourceId == 'docs/broken.pdf' }.error", equalTo("corrupt_document"));
        get("/v1/index/check").statusCode(200).body("consistent", equalTo(true));
    }

    @Test
    void a_source_with_a_cron_syncs_by_itself() throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            JsonPath sources = get("/v1/sources").statusCode(200).extract().jsonPath();
            String state = sources.getString("find { it.name == 'ticker' }.lastJob.state");
            if ("done".equals(state)) {
                assertEquals("0/2 * * * * ?", sources.getString("find { it.name == 'ticker' }.cron"));
                documentsOf("ticker/note.txt").statusCode(200);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ticker source was never synced by its cron");
    }

    @Test
    void unknown_source_and_job_are_404() {
        error(given().post("/v1/sources/nope/sync").then(), 404, "not_found");
        error(get("/v1/jobs/nope"), 404, "not_found");
    }

    @Test
    void deletes_through_rest_keep_shared_chunks_and_bump_the_index_version() throws IOException {
        String text = sections(" Shared copy.");
        Fixtures.upload("a.txt", utf8(text), "del/a").then().statusCode(200);
        JsonPath b = ok(Fixtures.upload(
                "b.txt", utf8(text + "Appendix Only B\n\nThis paragraph exists only in copy B."), "del/b"));
        long before = currentIndexVersion();
        JsonPath deleted =
                ok(given().delete("/v1/documents/" + b.getString("documentId")).then());
        assertEquals(1, deleted.getInt("chunksRemoved"));
        assertEquals(before + 1, deleted.getLong("indexVersion"));
        get("/v1/documents/" + b.getString("documentId")).statusCode(404);
        given().delete("/v1/documents/" + b.getString("documentId")).then().statusCode(404);
        search("q", "exists only in copy B", "mode", "keyword")
                .statusCode(200)
                .body("results.findAll { it.text.contains('only in copy B') }.size()", equalTo(0));
        search("q", "nightly export of cluster 7", "mode", "keyword", "indexVersion", before)
                .statusCode(200)
                .body("indexVersion", equalTo((int) before));
        error(search("q", "x", "indexVersion", 999999), 404, "index_version_not_retained");
        given().queryParam("sourceId", "del/a")
                .delete("/v1/documents")
                .then()
                .statusCode(200)
                .body("deleted.size()", equalTo(1));
        get("/v1/index/check").statusCode(200).body("consistent", equalTo(true));
    }
}
