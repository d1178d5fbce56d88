package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.postRun;
import static io.ragplatform.api.ApiCalls.postSet;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Erasure end to end: after {@code DELETE /v1/documents?sourceId=…&erase=true}, no file under the data directory holds
 * a unique token of the erased document, a search finds nothing of it, the run that had retrieved it says so (and
 * re-runs on the current version), a tombstone remains, and the same bytes are refused from then on.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class ErasureApiTest {
    private static final String TOKEN = "quorvantix";
    private static final String PASSAGE =
            "The " + TOKEN + " contract of the night porter was signed in the archive room.";
    private static final String SECRET = "Personnel File\n\n" + PASSAGE + "\n\nHis locker is number forty.";

    private static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("rag.data-dir", String.class));
    }

    /** The files under the data directory whose bytes contain the token. */
    private static List<Path> filesHolding(String token) {
        return io.ragplatform.fixtures.ByteScan.filesHolding(dataDir(), token);
    }

    @Test
    void an_erased_source_leaves_no_trace_under_the_data_dir_and_the_run_that_retrieved_it_says_so()
            throws IOException {
        upload("porter.txt", utf8(SECRET), "erase/porter").then().statusCode(200);
        upload("canteen.txt", utf8("Canteen\n\nThe canteen serves soup at noon on weekdays."), "erase/canteen")
                .then()
                .statusCode(200);
        postSet(
                        "erase-set",
                        "{\"id\":\"q1\",\"query\":\"night porter contract archive room\",\"relevant\":[{\"sourceId\":\"erase/porter\"}],"
                                + "\"contexts\":[\"" + PASSAGE + "\"]}\n"
                                + "{\"id\":\"q2\",\"query\":\"canteen soup noon\",\"relevant\":[{\"sourceId\":\"erase/canteen\"}]}")
                .statusCode(200);
        JsonPath run = ok(postRun("{\"set\":\"erase-set\",\"mode\":\"keyword\",\"k\":3}"));
        String runId = run.getString("runId");
        assertEquals(1.0, run.getDouble("metrics.'recall@3'"), 1e-9);
        assertFalse(filesHolding(TOKEN).isEmpty(), "control: before the erasure the data dir holds the token");

        JsonPath erased = ok(given().queryParam("sourceId", "erase/porter")
                .queryParam("erase", true)
                .delete("/v1/documents")
                .then());

        assertEquals(List.of(), filesHolding(TOKEN), "no file under the data dir holds the erased token");
        assertEquals("erase/porter", erased.getString("erasure.sourceId"));
        assertEquals("erase/porter", erased.getString("deleted[0].sourceId"));
        assertFalse(erased.getList("erasure.chunkIds").isEmpty());
        assertTrue(erased.getList("erasure.affectedRuns.runId").contains(runId));
        assertNotNull(erased.getString("erasure.documents[0].contentHash"));
        assertEquals(
                0, ok(search("q", TOKEN, "mode", "keyword")).getList("results").size());
        assertEquals(
                1,
                ok(search("q", "canteen soup", "mode", "keyword"))
                        .getList("results")
                        .size());

        JsonPath items = ok(get("/v1/eval/sets/erase-set/versions/1"));
        assertEquals(List.of("[erased]"), items.getList("items.find { it.id == 'q1' }.contexts"));
        assertEquals("canteen soup noon", items.getString("items.find { it.id == 'q2' }.query"));
        assertTrue(erased.getInt("erasure.evalRowsRewritten") >= 1);

        JsonPath marked = ok(get("/v1/eval/runs/" + runId));
        assertEquals(1.0, marked.getDouble("metrics.'recall@3'"), 1e-9, "the run keeps its numbers");
        assertEquals(List.of(erased.getString("erasure.id")), marked.getList("affectedByErasure.erasures"));
        assertFalse(marked.getList("affectedByErasure.chunkIds").isEmpty());
        assertTrue(marked.getBoolean("affectedByErasure.pinnedVersionDropped"));

        JsonPath again = ok(given().post("/v1/eval/runs/" + runId + "/rerun").then());
        assertEquals(runId, again.getString("rerunOf"));
        assertEquals(erased.getLong("indexVersion"), again.getLong("indexVersion"), "runs on the current version");
        assertEquals(-0.5, again.getDouble("difference.'recall@3'"), 1e-9, "q1's document is gone");

        error(upload("porter.txt", utf8(SECRET), "erase/porter").then(), 422, "erased_document")
                .body("message", containsString(erased.getString("erasure.id")));
        assertEquals(List.of(), filesHolding(TOKEN), "the refused re-upload's bytes are not kept in the quarantine");
        upload("porter.txt", utf8("Personnel File\n\nThe night porter moved to the day shift."), "erase/porter")
                .then()
                .statusCode(200);
        error(
                given().queryParam("sourceId", "erase/nothing")
                        .queryParam("erase", true)
                        .delete("/v1/documents")
                        .then(),
                404,
                "not_found");
    }
}
