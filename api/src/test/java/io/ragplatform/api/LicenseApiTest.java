package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.postRun;
import static io.ragplatform.api.ApiCalls.postSet;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Licence tags through REST: from the upload's metadata or the configured default, filtered in search and eval runs,
 * refused when denied (and quarantined at the upload stage).
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
@TestProfile(LicenseApiTest.Licences.class)
class LicenseApiTest {
    private static final String TEXT = "Vendor Terms\n\nThe glimmerwick vendor terms allow resale after ninety days.";

    /** Untagged files are internal; proprietary and cc-by-nc-4.0 files are refused. */
    public static class Licences implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "rag.governance.default-license", "internal",
                    "rag.governance.denied-licenses", "proprietary,CC-BY-NC-4.0");
        }
    }

    private static Set<String> sourcesOf(JsonPath results) {
        return new TreeSet<>(results.<String>getList("results.sources.flatten().sourceId"));
    }

    private static JsonPath searched(String license) {
        return ok(search("q", "glimmerwick vendor terms", "mode", "keyword", "k", 5, "license", license));
    }

    @Test
    void licences_come_from_the_metadata_or_the_default_and_filter_search_and_eval_runs() {
        upload("a.txt", utf8(TEXT), "lic/a", "{\"license\":\"MIT\"}").then().statusCode(200);
        upload("b.txt", utf8(TEXT + "\n\nApache copy."), "lic/b", "{\"license\":\"apache-2.0\"}")
                .then()
                .statusCode(200);
        upload("c.txt", utf8(TEXT + "\n\nUntagged copy."), "lic/c").then().statusCode(200);
        documentsOf("lic/a").body("documents[0].license", equalTo("mit"));
        documentsOf("lic/c").body("documents[0].license", equalTo("internal"));

        assertEquals(Set.of("lic/a"), sourcesOf(searched("mit")));
        assertEquals(Set.of("lic/a", "lic/b"), sourcesOf(searched("mit,apache-2.0")));
        assertEquals(Set.of("lic/b", "lic/c"), sourcesOf(searched("!mit")));
        JsonPath shared = searched("mit");
        assertEquals(List.of("mit"), shared.getList("results[0].sources.license"));
        error(search("q", "glimmerwick", "license", "MIT License"), 400, "invalid_request")
                .body("message", containsString("license filter"));

        postSet(
                        "lic-set",
                        "{\"id\":\"q1\",\"query\":\"glimmerwick vendor terms\",\"relevant\":[{\"sourceId\":\"lic/b\"}]}")
                .statusCode(200);
        JsonPath all = ok(postRun("{\"set\":\"lic-set\",\"mode\":\"keyword\",\"k\":5}"));
        JsonPath onlyMit = ok(postRun("{\"set\":\"lic-set\",\"mode\":\"keyword\",\"k\":5,\"license\":\"mit\"}"));
        assertEquals(1.0, all.getDouble("metrics.'recall@5'"), 1e-9);
        assertEquals(0.0, onlyMit.getDouble("metrics.'recall@5'"), 1e-9, "lic/b is apache-2.0");
        assertEquals("mit", onlyMit.getString("config.license"));
        JsonPath again = ok(given().post("/v1/eval/runs/" + onlyMit.getString("runId") + "/rerun"));
        assertEquals(0.0, again.getDouble("metrics.'recall@5'"), 1e-9, "a re-run keeps the licence filter");
    }

    @Test
    void a_denied_licence_is_refused_before_parsing_named_and_quarantined() {
        error(
                        upload("p.txt", utf8(TEXT), "lic/denied", "{\"license\":\"Proprietary\"}")
                                .then(),
                        422,
                        "license_denied")
                .body("message", containsString("licensed proprietary"));
        documentsOf("lic/denied").statusCode(404);
        JsonPath q = ok(given().queryParam("sourceId", "lic/denied").get("/v1/quarantine"));
        assertEquals("upload", q.getString("records[0].stage"));
        assertEquals("license_denied", q.getString("records[0].reason"));
        error(
                upload("n.txt", utf8(TEXT), "lic/nc", "{\"license\":\"cc-by-nc-4.0\"}")
                        .then(),
                422,
                "license_denied");
    }
}
