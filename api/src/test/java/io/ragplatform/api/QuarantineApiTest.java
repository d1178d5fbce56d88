package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.syncDone;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The quarantine through REST: what is recorded, attempts, clearing by a success, retry, delete, syncs that skip. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class QuarantineApiTest {
    private static byte[] garbage(long seed) {
        byte[] bytes = new byte[2048];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static io.restassured.response.Response upload(String sourceId, String name, byte[] bytes) {
        return given().multiPart("file", name, bytes, "application/octet-stream")
                .multiPart("sourceId", sourceId)
                .multiPart("metadata", "{\"team\":\"ops\"}")
                .multiPart("acl", "[\"eng\"]")
                .post("/v1/documents");
    }

    private static JsonPath record(String sourceId) {
        JsonPath list = ok(given().queryParam("sourceId", sourceId).get("/v1/quarantine"));
        assertEquals(1, list.getList("records").size(), list.prettify());
        return list.setRootPath("records[0]");
    }

    private static int count(String sourceIdPrefix) {
        return ok(given().queryParam("sourceId", sourceIdPrefix).get("/v1/quarantine"))
                .getList("records")
                .size();
    }

    @Test
    void a_corrupt_upload_is_quarantined_counts_attempts_and_a_later_good_upload_clears_it() throws Exception {
        byte[] bad = garbage(1);
        error(upload("q/report", "report.pdf", bad).then(), 422, "corrupt_document");
        JsonPath first = record("q/report");
        assertEquals("upload", first.getString("origin"));
        assertEquals("extraction", first.getString("stage"));
        assertEquals("corrupt_document", first.getString("reason"));
        assertEquals(1, first.getInt("attempts"));
        assertEquals(2048, first.getInt("size"));
        assertEquals(
                java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(bad)),
                first.getString("contentHash"));
        assertEquals(List.of("eng"), first.getList("acl"));
        assertEquals(Map.of("team", "ops"), first.getMap("metadata"));
        assertTrue(first.getBoolean("bytesKept"));
        assertEquals(first.getString("firstSeen"), first.getString("lastSeen"));
        String id = first.getString("id");

        Thread.sleep(5);
        error(upload("q/report", "report.pdf", bad).then(), 422, "corrupt_document");
        JsonPath second = record("q/report");
        assertEquals(2, second.getInt("attempts"));
        assertEquals(id, second.getString("id"), "one record per sourceId");
        assertEquals(first.getString("firstSeen"), second.getString("firstSeen"));
        assertTrue(Instant.parse(second.getString("lastSeen")).isAfter(Instant.parse(first.getString("lastSeen"))));

        // a retry parses the kept bytes again: the same refusal, one more attempt
        error(given().post("/v1/quarantine/" + id + "/retry").then(), 422, "corrupt_document");
        assertEquals(3, record("q/report").getInt("attempts"));

        // the alias for writers keeps the failure log's shape
        JsonPath alias = ok(get("/v1/ingest/failures"));
        assertEquals("report.pdf", alias.getString("failures.find { it.sourceId == 'q/report' }.fileName"));
        assertEquals("corrupt_document", alias.getString("failures.find { it.sourceId == 'q/report' }.error"));
        assertEquals(2048, alias.getInt("failures.find { it.sourceId == 'q/report' }.bytes"));

        ok(upload("q/report", "report.txt", utf8("The quarterly report, as text this time.")));
        assertEquals(0, count("q/report"), "a success of the same sourceId clears its record");
        error(get("/v1/quarantine/" + id), 404, "not_found");
        assertFalse(ok(get("/v1/ingest/failures")).getList("failures.sourceId").contains("q/report"));
        error(given().post("/v1/quarantine/" + id + "/retry").then(), 404, "not_found");
    }

    @Test
    void a_record_can_be_deleted_and_the_list_filters_by_reason_and_source() {
        error(upload("q/del/blank", "blank.txt", utf8("  \n\t\n")).then(), 422, "no_text");
        error(upload("q/del/empty", "empty.pdf", new byte[0]).then(), 400, "empty_file");
        assertEquals("upload", record("q/del/empty").getString("stage"));
        JsonPath byReason = ok(given().queryParam("reason", "no_text")
                .queryParam("sourceId", "q/del/")
                .get("/v1/quarantine"));
        assertEquals(List.of("q/del/blank"), byReason.getList("records.sourceId"));
        JsonPath newestFirst = ok(given().queryParam("sourceId", "q/del/").get("/v1/quarantine"));
        assertEquals(List.of("q/del/empty", "q/del/blank"), newestFirst.getList("records.sourceId"));
        assertEquals(
                1,
                ok(given().queryParam("sourceId", "q/del/")
                                .queryParam("limit", 1)
                                .get("/v1/quarantine"))
                        .getList("records")
                        .size());
        error(given().queryParam("limit", 0).get("/v1/quarantine").then(), 400, "invalid_request");

        String id = record("q/del/blank").getString("id");
        assertEquals("q/del/blank", ok(given().delete("/v1/quarantine/" + id)).getString("sourceId"));
        assertEquals(0, count("q/del/blank"));
        error(given().delete("/v1/quarantine/" + id).then(), 404, "not_found");
        get("/v1/audit/log")
                .statusCode(200)
                .body("entries.find { it.action == 'quarantine-delete' }.target", equalTo(id));
    }

    @Test
    void a_sync_skips_a_file_quarantined_unchanged_and_tries_again_when_it_changes_or_on_retry() throws Exception {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("rag.sources.qsrc.path", String.class));
        Files.write(dir.resolve("broken.pdf"), garbage(2));
        Files.writeString(dir.resolve("blank.txt"), "   \n\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("good.txt"), "A good note about the quarantine.", StandardCharsets.UTF_8);

        JsonPath first = syncDone("qsrc");
        assertEquals(1, first.getInt("created"), first.prettify());
        assertEquals(2, first.getInt("failed"));
        assertEquals(0, first.getInt("skippedQuarantined"));
        JsonPath broken = record("qsrc/broken.pdf");
        assertEquals("source", broken.getString("origin"));
        assertEquals("qsrc", broken.getString("source"));
        assertEquals("corrupt_document", broken.getString("reason"));
        assertFalse(broken.getBoolean("bytesKept"), "the source holds the file");

        JsonPath second = syncDone("qsrc");
        assertEquals(0, second.getInt("failed"), second.prettify());
        assertEquals(2, second.getInt("skippedQuarantined"));
        assertEquals(1, second.getInt("unchanged"));
        assertEquals(3, second.getInt("progress.done"));
        assertEquals(1, record("qsrc/broken.pdf").getInt("attempts"), "a skipped file is not an attempt");

        Files.write(dir.resolve("broken.pdf"), garbage(3));
        JsonPath third = syncDone("qsrc");
        assertEquals(1, third.getInt("failed"), third.prettify());
        assertEquals(1, third.getInt("skippedQuarantined"));
        assertEquals(2, record("qsrc/broken.pdf").getInt("attempts"));

        // fixed in the source: a retry parses it now instead of waiting for the next sync
        Files.writeString(dir.resolve("blank.txt"), "The blank note has text now.", StandardCharsets.UTF_8);
        String blank = record("qsrc/blank.txt").getString("id");
        JsonPath retried = ok(given().post("/v1/quarantine/" + blank + "/retry"));
        assertEquals("created", retried.getString("status"));
        assertEquals(0, count("qsrc/blank.txt"));
        documentsOf("qsrc/blank.txt").statusCode(200);

        // gone from the source: nothing left to retry
        Files.delete(dir.resolve("broken.pdf"));
        String gone = record("qsrc/broken.pdf").getString("id");
        error(given().post("/v1/quarantine/" + gone + "/retry").then(), 404, "not_found");
        assertEquals(0, count("qsrc/broken.pdf"));
    }
}
