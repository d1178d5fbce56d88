package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.NDJSON;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.ApiKeys.ADMIN;
import static io.ragplatform.api.ApiKeys.ENG;
import static io.ragplatform.api.ApiKeys.FINANCE;
import static io.ragplatform.api.ApiKeys.READER;
import static io.ragplatform.api.ApiKeys.WRITER;
import static io.ragplatform.api.ApiKeys.as;
import static io.ragplatform.api.ApiKeys.sha256;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The service with API keys configured: who may call what, the 401 and 403 answers, the audit log, job owners. */
@QuarkusTest
@TestProfile(ApiKeys.class)
@QuarkusTestResource(DataDirResource.class)
class AuthApiTest {
    private static io.restassured.response.Response upload(String key, String sourceId, String text) {
        return as(key).multiPart("file", "note.txt", utf8(text), "text/plain")
                .multiPart("sourceId", sourceId)
                .post("/v1/documents");
    }

    @Test
    void no_key_is_401_with_the_error_body_and_the_challenge() {
        error(given().get("/v1/search?q=anything").then(), 401, "unauthorized")
                .header("WWW-Authenticate", "ApiKey realm=\"rag\"")
                .body("message", containsString("X-API-Key"));
        error(
                given().multiPart("file", "a.txt", utf8("text"))
                        .post("/v1/documents")
                        .then(),
                401,
                "unauthorized");
    }

    @Test
    void an_unknown_key_is_401_and_the_message_does_not_echo_it() {
        error(as("not-a-configured-key").get("/v1/search?q=x").then(), 401, "unauthorized")
                .header("WWW-Authenticate", "ApiKey realm=\"rag\"")
                .body("message", not(containsString("not-a-configured-key")));
        error(as(sha256(READER)).get("/v1/search?q=x").then(), 401, "unauthorized");
        error(given().header("Authorization", "Bearer wrong").get("/v1/index").then(), 401, "unauthorized");
    }

    @Test
    void a_reader_searches_but_may_not_upload() {
        ok(as(READER).get("/v1/search?q=retention"));
        ok(given().header("Authorization", "Bearer " + READER).get("/v1/index"));
        error(upload(READER, "auth/reader-try", "A reader may not store this.").then(), 403, "forbidden")
                .body("message", containsString("writer"));
        error(as(READER).delete("/v1/documents?sourceId=auth/x").then(), 403, "forbidden");
        error(as(READER).get("/v1/ingest/failures").then(), 403, "forbidden");
        ok(as(WRITER).get("/v1/ingest/failures"));
        error(as(WRITER).get("/v1/quarantine").then(), 403, "forbidden");
        error(as(WRITER).delete("/v1/quarantine/0").then(), 403, "forbidden");
        error(as(WRITER).post("/v1/quarantine/0/retry").then(), 403, "forbidden");
        ok(as(ADMIN).get("/v1/quarantine"));
        error(as(WRITER).get("/v1/index/check").then(), 403, "forbidden");
        ok(as(ADMIN).get("/v1/index/check"));
    }

    @Test
    void a_writer_uploads_and_a_reader_then_finds_it() {
        JsonPath stored = ok(upload(WRITER, "auth/zebra", "The zebra quokkafish migrates across the delta."));
        assertEquals("created", stored.getString("status"));
        JsonPath found = ok(as(READER).queryParam("q", "quokkafish").get("/v1/search"));
        assertEquals("auth/zebra", found.getString("results[0].sources[0].sourceId"));
    }

    @Test
    void health_openapi_and_swagger_are_open_and_metrics_need_admin() {
        given().get("/q/health/ready").then().statusCode(200);
        given().header("X-API-Key", "garbage").get("/q/health/live").then().statusCode(200);
        String openapi = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonPath api = JsonPath.from(openapi);
        assertEquals("apiKey", api.getString("components.securitySchemes.ApiKey.type"));
        assertEquals("header", api.getString("components.securitySchemes.ApiKey.in"));
        assertEquals("X-API-Key", api.getString("components.securitySchemes.ApiKey.name"));
        assertTrue(api.getList("paths.'/v1/search'.get.security").toString().contains("ApiKey"), openapi);
        given().get("/q/swagger-ui/").then().statusCode(200);

        given().get("/q/metrics").then().statusCode(401).header("WWW-Authenticate", "ApiKey realm=\"rag\"");
        as(READER).get("/q/metrics").then().statusCode(403);
        as(ADMIN).get("/q/metrics").then().statusCode(200).body(containsString("rag_index_documents"));
    }

    @Test
    void every_response_says_nosniff() {
        given().get("/q/health/ready").then().header("X-Content-Type-Options", "nosniff");
        as(READER).get("/v1/index").then().header("X-Content-Type-Options", "nosniff");
        given().get("/v1/index").then().statusCode(401).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void the_caller_is_the_keys_name_role_and_groups() {
        JsonPath finance = ok(as(FINANCE).get("/v1/auth/me"));
        assertEquals("finance-reader", finance.getString("name"));
        assertEquals("reader", finance.getString("role"));
        assertEquals(List.of("finance", "staff"), finance.getList("groups"));
        assertTrue(finance.getBoolean("authenticated"));
        assertEquals(List.of("eng"), ok(as(ENG).get("/v1/auth/me")).getList("groups"));
        assertEquals("admin", ok(as(ADMIN).get("/v1/auth/me")).getString("role"));
    }

    @Test
    void writes_are_in_the_audit_log_for_admin_only_by_name_never_by_key() throws IOException {
        ok(upload(WRITER, "auth/audited", "An audited note about the pelican ledger."));
        error(as(WRITER).delete("/v1/documents?sourceId=auth/never-stored").then(), 404, "not_found");
        ok(as(WRITER)
                .contentType(NDJSON)
                .body(utf8(
                        "{\"id\":\"a1\",\"query\":\"pelican ledger\",\"relevant\":[{\"sourceId\":\"auth/audited\"}]}"))
                .post("/v1/eval/sets/auth-audit"));
        String runId = ok(as(WRITER)
                        .contentType("application/json")
                        .body("{\"set\":\"auth-audit\",\"mode\":\"keyword\"}")
                        .post("/v1/eval/runs"))
                .getString("runId");

        error(as(WRITER).get("/v1/audit/log").then(), 403, "forbidden");
        error(as(READER).get("/v1/audit/log").then(), 403, "forbidden");
        JsonPath log = ok(as(ADMIN).queryParam("limit", 1000).get("/v1/audit/log"));
        List<Map<String, Object>> entries = log.getList("entries");
        assertEquals("writer-1", log.getString("entries[0].who"));
        assertEquals("run", log.getString("entries[0].action"));
        assertEquals("auth-audit", log.getString("entries[0].target"));
        assertEquals("ok", log.getString("entries[0].outcome"));
        assertEquals("run " + runId, log.getString("entries[0].detail"));
        assertTrue(entries.stream()
                .anyMatch(e -> "delete-source".equals(e.get("action"))
                        && "error".equals(e.get("outcome"))
                        && "not_found".equals(e.get("error"))
                        && "auth/never-stored".equals(e.get("target"))));
        assertTrue(entries.stream()
                .anyMatch(e -> "upload".equals(e.get("action"))
                        && "auth/audited".equals(e.get("target"))
                        && String.valueOf(e.get("detail")).startsWith("created ")));
        assertTrue(entries.stream().anyMatch(e -> "set".equals(e.get("action"))));
        assertEquals(
                1,
                ok(as(ADMIN).queryParam("limit", 1).get("/v1/audit/log"))
                        .getList("entries")
                        .size());
        error(as(ADMIN).queryParam("limit", 0).get("/v1/audit/log").then(), 400, "invalid_request");

        Path file = Path.of(ConfigProvider.getConfig().getValue("rag.data-dir", String.class), "audit", "audit.jsonl");
        String stored = Files.readString(file);
        String first = stored.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("{\"time\":\""), first);
        assertTrue(first.indexOf("\"who\"") < first.indexOf("\"action\""), first);
        for (String secret : List.of(WRITER, sha256(WRITER), READER, ADMIN)) {
            assertFalse(stored.contains(secret), "the audit file holds a key or a digest");
        }
    }

    @Test
    void a_job_is_seen_by_its_owner_and_admins_and_is_404_to_anyone_else() {
        var started = as(WRITER).post("/v1/sources/docs/sync").then().statusCode(202);
        String id = started.extract().jsonPath().getString("id");
        assertEquals("writer-1", started.extract().jsonPath().getString("owner"));
        error(as(READER).post("/v1/sources/docs/sync").then(), 403, "forbidden");

        as(WRITER).get("/v1/jobs/" + id).then().statusCode(200).body("owner", equalTo("writer-1"));
        as(ADMIN).get("/v1/jobs/" + id).then().statusCode(200);
        // the source list shows the last job only to who may see that job
        assertEquals(id, ok(as(WRITER).get("/v1/sources")).getString("find { it.name == 'docs' }.lastJob.id"));
        assertEquals(id, ok(as(ADMIN).get("/v1/sources")).getString("find { it.name == 'docs' }.lastJob.id"));
        assertEquals(
                null, ok(as(ENG).get("/v1/sources")).getString("find { it.name == 'docs' }.lastJob"), "not eng's job");
        error(as(ENG).get("/v1/jobs/" + id).then(), 404, "not_found");
        error(as(ENG).get("/v1/jobs/no-such-job").then(), 404, "not_found");
        // the same message either way, so a job's existence does not leak
        assertEquals(
                as(ENG).get("/v1/jobs/" + id)
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("message")
                        .replace(id, "X"),
                as(ENG).get("/v1/jobs/X").then().extract().jsonPath().getString("message"));
    }
}
