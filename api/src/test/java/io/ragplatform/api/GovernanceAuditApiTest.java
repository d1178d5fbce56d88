package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * The governance audit through REST: it counts licences and PII types, is stored on demand, and the next one reports
 * what was added, updated, deleted and erased since; the HTML page shows it with charts.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class GovernanceAuditApiTest {
    private static long count(JsonPath audit, String dimension, String value) {
        Object v = audit.get("counts." + dimension + ".'" + value + "'");
        return v == null ? 0 : ((Number) v).longValue();
    }

    @Test
    void the_audit_counts_licences_and_pii_and_shows_what_changed_since_the_last_one() {
        upload(
                        "a.txt",
                        utf8("Audit Memo\n\nWrite to ops.lead@example.org about the kestrel rota."),
                        "audit/a",
                        "{\"license\":\"MIT\"}")
                .then()
                .statusCode(200);
        upload("b.txt", utf8("Audit Plan\n\nThe heron rota changes every second week."), "audit/b")
                .then()
                .statusCode(200);
        upload("c.txt", utf8("Audit Log\n\nThe plover rota was dropped in spring."), "audit/c")
                .then()
                .statusCode(200);

        JsonPath now = ok(get("/v1/audit"));
        assertFalse(now.getBoolean("stored"));
        assertTrue(count(now, "documents_by_license", "mit") >= 1);
        assertTrue(count(now, "pii_by_type", "email") >= 1);
        assertTrue(count(now, "documents_by_source", "audit") >= 3);
        upload("r.txt", utf8("Rota\n\nSame line.\n\nSame line.\n\nSame line.\n\nSame line."), "audit/r")
                .then()
                .statusCode(200);
        long repeated = count(ok(get("/v1/audit")), "quality_flags", "repeated_lines");
        assertTrue(repeated >= 1, "a document of repeated lines is flagged: " + repeated);
        JsonPath first = ok(given().post("/v1/audit").then());
        assertTrue(first.getBoolean("stored"));

        upload("a.txt", utf8("Audit Memo\n\nThe kestrel rota moved to Tuesdays."), "audit/a", "{\"license\":\"MIT\"}")
                .then()
                .statusCode(200);
        upload("d.txt", utf8("Audit Extra\n\nThe wren rota is new."), "audit/d")
                .then()
                .statusCode(200);
        given().queryParam("sourceId", "audit/b").delete("/v1/documents").then().statusCode(200);
        given().queryParam("sourceId", "audit/c")
                .queryParam("erase", true)
                .delete("/v1/documents")
                .then()
                .statusCode(200);

        JsonPath second = ok(given().post("/v1/audit").then());
        assertEquals(first.getString("auditId"), second.getString("previousAuditId"));
        assertEquals(1, second.getInt("changes.added"));
        assertEquals(1, second.getInt("changes.updated"));
        assertEquals(1, second.getInt("changes.deleted"));
        assertEquals(1, second.getInt("changes.erased"));
        assertEquals(first.getLong("documents"), second.getLong("documents") + 1);

        JsonPath history = ok(get("/v1/audit/history"));
        assertTrue(history.getList("audits.auditId").contains(second.getString("auditId")));
        given().queryParam("id", second.getString("auditId"))
                .accept("text/html")
                .get("/v1/audit")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<svg"))
                .body(containsString("documents by license"))
                .body(containsString(first.getString("auditId")));
        given().queryParam("id", "audit-nope").get("/v1/audit").then().statusCode(404);
    }
}
