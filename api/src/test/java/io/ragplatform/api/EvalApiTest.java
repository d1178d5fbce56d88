package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.NDJSON;
import static io.ragplatform.api.ApiCalls.awaitJob;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ragplatform.fixtures.ClientMetrics;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The evaluation API end to end: versioned sets, pinned runs equal to what a client computes from search, re-runs, compare. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class EvalApiTest {
    /** Metrics are doubles: read them as such, not as RestAssured's default floats. */
    private static final JsonPathConfig DOUBLES =
            JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);

    private static final Map<String, String> TOPICS = Map.of(
            "eval/backup",
                    "Backup policy\n\nDatabase backups run every night at two o'clock and are kept for thirty-five days in "
                            + "the cold storage bucket. Restores are tested once a quarter.",
            "eval/travel",
                    "Travel expenses\n\nHotel stays above two hundred euros per night need the approval of a department head. "
                            + "Receipts are submitted within thirty days.",
            "eval/oncall",
                    "On-call rota\n\nThe on-call engineer answers pages within fifteen minutes and hands over every Monday "
                            + "at ten. Escalations go to the incident commander.",
            "eval/keys",
                    "Key rotation\n\nSigning keys are rotated every ninety days; the new public key is published a week "
                            + "before the old one expires.",
            "eval/laptops",
                    "Laptop policy\n\nLaptops use full-disk encryption and lock after five minutes idle. Lost laptops are "
                            + "reported to the service desk within one hour.");

    private static final String SET_V1 = """
            {"id":"q1","query":"how long are database backups kept","relevant":[{"sourceId":"eval/backup"}]}
            {"id":"q2","query":"who approves expensive hotel stays","relevant":[{"sourceId":"eval/travel","grade":2}]}

            {"id":"q3","query":"how fast must the on-call engineer answer a page","relevant":[{"sourceId":"eval/oncall"},{"sourceId":"eval/keys","grade":0}]}
            {"id":"q4","query":"when are signing keys rotated","relevant":[{"sourceId":"eval/keys"},{"sourceId":"eval/laptops"}]}
            {"id":"q5","query":"what happens to a lost laptop","relevant":[{"sourceId":"eval/laptops"}],"answer":"Lost laptops are reported to the service desk within one hour. Contoso wipes them within 3 days.","contexts":["Lost laptops are reported to the service desk within one hour."]}
            """;

    private static boolean loaded;

    @BeforeEach
    void corpus() {
        if (loaded) {
            return;
        }
        loaded = true;
        TOPICS.forEach((sourceId, text) -> upload(sourceId.substring(5) + ".txt", utf8(text), sourceId)
                .then()
                .statusCode(200));
    }

    @Test
    void an_ndjson_set_gets_versions_and_the_first_reads_back_whole() {
        JsonPath v1 = ok(postSet("api-versions", SET_V1));
        assertEquals("api-versions", v1.getString("name"));
        assertEquals(1, v1.getInt("version"));
        assertEquals(5, v1.getInt("items"));
        assertTrue(v1.getLong("snapshotId") != 0);

        String v2Body = SET_V1.replace("how long are database backups kept", "for how many days are backups retained")
                        .lines()
                        .filter(l -> !l.contains("\"q4\""))
                        .reduce("", (a, b) -> a + b + "\n")
                + "{\"id\":\"q6\",\"query\":\"where do escalations go\",\"relevant\":[{\"sourceId\":\"eval/oncall\"}]}\n";
        postSet("api-versions", v2Body)
                .statusCode(200)
                .body("version", equalTo(2))
                .body("items", equalTo(5))
                .body("unchanged", equalTo(false));
        // the same items again, in another order: no version 3
        String reordered =
                v2Body.lines().sorted(java.util.Comparator.reverseOrder()).reduce("", (a, b) -> a + b + "\n");
        postSet("api-versions", reordered)
                .statusCode(200)
                .body("version", equalTo(2))
                .body("unchanged", equalTo(true));

        get("/v1/eval/sets/api-versions")
                .statusCode(200)
                .body("versions.version", equalTo(List.of(1, 2)))
                .body("latest", equalTo(2))
                .body("versions[0].tag", equalTo("api-versions-v1"));

        // version 1 is read back whole, from its snapshot, after version 2 replaced the current rows
        JsonPath items = ok(get("/v1/eval/sets/api-versions/versions/1"));
        assertEquals(v1.getLong("snapshotId"), items.getLong("snapshotId"));
        List<Map<String, Object>> read = items.getList("items");
        List<Map<String, Object>> sent = SET_V1.lines()
                .filter(l -> !l.isBlank())
                .map(l -> new JsonPath(l).<String, Object>getMap(""))
                .map(EvalApiTest::withDefaultGrades)
                .toList();
        assertEquals(sent, read);

        String ndjson = given().accept(NDJSON)
                .get("/v1/eval/sets/api-versions/versions/1")
                .then()
                .statusCode(200)
                .contentType(containsString(NDJSON))
                .extract()
                .asString();
        assertEquals(5, ndjson.lines().count());

        given().queryParam("from", 1)
                .queryParam("to", 2)
                .get("/v1/eval/sets/api-versions/diff")
                .then()
                .statusCode(200)
                .body("added", equalTo(List.of("q6")))
                .body("removed", equalTo(List.of("q4")))
                .body("changed", equalTo(List.of("q1")));
        error(get("/v1/eval/sets/api-versions/versions/3"), 404, "eval_set_not_found");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withDefaultGrades(Map<String, Object> item) {
        Map<String, Object> copy = new HashMap<>(item);
        List<Map<String, Object>> relevant = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) item.get("relevant")) {
            Map<String, Object> rc = new HashMap<>(r);
            rc.putIfAbsent("grade", 1);
            relevant.add(rc);
        }
        copy.put("relevant", relevant);
        return copy;
    }

    @Test
    void a_run_equals_what_a_client_computes_from_search_and_shows_its_pins() {
        postSet("api-run", SET_V1).statusCode(200);
        JsonPath run = ok(postRun("{\"set\":\"api-run\",\"mode\":\"hybrid\",\"k\":10}"))
                .using(DOUBLES);
        long indexVersion = run.getLong("indexVersion");
        assertEquals(1, run.getInt("setVersion"));
        assertTrue(run.getLong("setSnapshotId") != 0);
        assertEquals("hybrid", run.getString("mode"));
        assertEquals(10, run.getInt("k"));
        assertEquals("bge-small-en-v15-q+zh=bge-small-zh-v15-q", run.getString("modelId"));
        assertTrue(run.getString("pipeline").contains("canon-"), run.getString("pipeline"));
        assertEquals("linear", run.getString("config.ndcgGain"));
        assertEquals("align-contrast", run.getString("config.groundedness.scorer"));
        assertEquals("all-minilm-l6-v2-q", run.getString("config.groundedness.model"));
        assertEquals(5, run.getInt("counts.documentJudged"));
        assertEquals(1, run.getInt("counts.answersJudged"));

        // the client's computation: /v1/search on the pinned version, sources in order of their best chunk
        double recall = 0;
        double mrr = 0;
        double ndcg = 0;
        for (String line : SET_V1.lines().filter(l -> !l.isBlank()).toList()) {
            JsonPath item = new JsonPath(line);
            JsonPath hits =
                    ok(search("q", item.getString("query"), "k", 10, "mode", "hybrid", "indexVersion", indexVersion));
            assertEquals(indexVersion, hits.getLong("indexVersion"));
            List<String> ranked =
                    new ArrayList<>(new LinkedHashSet<>(hits.<String>getList("results.sources.flatten().sourceId")));
            Map<String, Integer> gold = new HashMap<>();
            for (Map<String, Object> r : item.<Map<String, Object>>getList("relevant")) {
                gold.put((String) r.get("sourceId"), r.containsKey("grade") ? (Integer) r.get("grade") : 1);
            }
            ClientMetrics m = ClientMetrics.at10(ranked, gold);
            recall += m.recall();
            mrr += m.reciprocalRank();
            ndcg += m.ndcg();
        }
        assertEquals(recall / 5, run.getDouble("metrics.'recall@10'"), 1e-12);
        assertEquals(mrr / 5, run.getDouble("metrics.'mrr@10'"), 1e-12);
        assertEquals(ndcg / 5, run.getDouble("metrics.'ndcg@10'"), 1e-12);
        assertTrue(run.getDouble("metrics.'recall@10'") >= 0.8, "the topics are easy: " + run.getMap("metrics"));
        assertTrue(run.getDouble("ci.'recall@10'.low") <= run.getDouble("ci.'recall@10'.high"));

        // groundedness of the one answer: the invented second sentence is unsupported
        assertEquals(0.5, run.getDouble("metrics.groundedness"), 1e-9);
        assertEquals(1.0, run.getDouble("metrics.hallucination_rate"), 1e-9);
        JsonPath results = get("/v1/eval/runs/" + run.getString("runId") + "/results")
                .statusCode(200)
                .body("count", equalTo(5))
                .extract()
                .jsonPath();
        assertEquals(
                List.of("Contoso wipes them within 3 days."),
                results.getList("results.find { it.id == 'q5' }.unsupportedClaims"));
        assertEquals("contexts", results.getString("results.find { it.id == 'q5' }.evidence"));
        assertEquals(1, results.getInt("results.find { it.id == 'q1' }.retrieved[0].rank"));
        assertTrue(results.getList("results.find { it.id == 'q1' }.retrievedSources")
                .contains("eval/backup"));

        get("/v1/eval/runs/" + run.getString("runId"))
                .statusCode(200)
                .body("indexVersion", equalTo((int) indexVersion))
                .body("setSnapshotId", equalTo(run.getLong("setSnapshotId")))
                .body("indexVersionRetained", equalTo(true));
        // the run pins the version it measured, so the retention policy keeps it re-runnable
        List<String> pinnedBy =
                ok(get("/v1/index/versions")).getList("versions.find { it.version == " + indexVersion + " }.pinnedBy");
        assertTrue(pinnedBy.contains("eval-run:" + run.getString("runId")), String.valueOf(pinnedBy));
        get("/v1/eval/runs?set=api-run").statusCode(200).body("runs.runId", equalTo(List.of(run.getString("runId"))));
    }

    @Test
    void a_rerun_on_the_pinned_version_is_identical_after_the_index_moved_on() {
        postSet("api-rerun", SET_V1).statusCode(200);
        JsonPath first = ok(postRun("{\"set\":\"api-rerun\",\"mode\":\"vector\",\"k\":5}"))
                .using(DOUBLES);
        // a competing document moves the index on
        upload(
                        "noise.txt",
                        utf8("Backups and keys\n\nBackups of signing keys are kept for ninety days in a vault."),
                        "eval/noise")
                .then()
                .statusCode(200);
        JsonPath again = given().post("/v1/eval/runs/" + first.getString("runId") + "/rerun")
                .then()
                .statusCode(200)
                .body("rerunOf", equalTo(first.getString("runId")))
                .body("identicalRetrievalMetrics", equalTo(true))
                .extract()
                .jsonPath()
                .using(DOUBLES);
        assertEquals(first.getLong("indexVersion"), again.getLong("indexVersion"));
        assertEquals(first.getMap("metrics"), again.getMap("metrics"));

        JsonPath compare = given().queryParam("base", first.getString("runId"))
                .queryParam("candidate", again.getString("runId"))
                .get("/v1/eval/runs/compare")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(5, compare.getInt("queries"));
        assertEquals(0.0, compare.getDouble("metrics.find { it.name == 'recall@5' }.delta"));
        assertEquals(false, compare.getBoolean("metrics.find { it.name == 'recall@5' }.significant"));
        assertEquals(List.of(), compare.getList("regressions"));
        assertEquals(List.of(), compare.getList("warnings"));
        assertEquals(List.of(first.getString("runId"), again.getString("runId")), compare.getList("trend.runId"));
        String html = given().queryParam("base", first.getString("runId"))
                .queryParam("candidate", again.getString("runId"))
                .queryParam("format", "html")
                .get("/v1/eval/runs/compare")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertTrue(html.contains("<svg"), "the trend chart");
        // the same pins as a job (for large sets): 202, progress, then the run as the job's result
        String jobId = postRun("{\"set\":\"api-rerun\",\"mode\":\"vector\",\"k\":5,\"async\":true,\"indexVersion\":"
                        + first.getLong("indexVersion") + "}")
                .statusCode(202)
                .body("job.type", equalTo("eval-run"))
                .extract()
                .path("jobId");
        JsonPath job = awaitJob(jobId, DOUBLES);
        assertEquals("done", job.getString("state"));
        assertEquals(5, job.getInt("progress.done"));
        assertEquals(5, job.getInt("progress.total"));
        assertEquals(first.getMap("metrics"), job.getMap("result.metrics"));
        get("/v1/eval/runs/" + job.getString("result.runId")).statusCode(200);
        given().delete("/v1/documents?sourceId=eval/noise").then().statusCode(200);
    }

    @Test
    void bad_sets_and_runs_get_clear_errors_and_store_nothing() {
        String bad = """
                {"id":"a","query":"fine","relevant":[{"sourceId":"x"}]}
                {"id":"b","query":"typo","relevent":[{"sourceId":"x"}]}
                not json
                {"id":"a","query":"again"}
                {"id":"c","query":"both","relevant":[{"sourceId":"x","chunkId":"y"}]}
                {"id":"d","query":"labelled","label":true}
                """;
        error(postSet("api-bad", bad), 400, "invalid_eval_set")
                .body("message", containsString("line 2: unknown field \"relevent\""))
                .body("message", containsString("line 3:"))
                .body("message", containsString("line 4: item id 'a' is used twice"))
                .body("message", containsString("line 5:"))
                .body("message", containsString("line 6: item 'd' has a \"label\" but no \"answer\""));
        error(get("/v1/eval/sets/api-bad"), 404, "eval_set_not_found");
        error(
                        given().contentType("application/x-www-form-urlencoded")
                                .body(SET_V1)
                                .post("/v1/eval/sets/api-bad")
                                .then(),
                        415,
                        "unsupported_media_type")
                .body("message", containsString("application/x-ndjson"));
        error(postSet("api-bad", "\n\n"), 400, "invalid_eval_set");
        postSet("bad name!", "{\"id\":\"a\",\"query\":\"q\"}")
                .statusCode(400)
                .body("message", containsString("invalid eval set name"));

        error(postRun("{\"set\":\"no-such-set\"}"), 404, "eval_set_not_found");
        error(postRun("{\"mode\":\"hybrid\"}"), 400, "invalid_request");
        postSet("api-bad-run", SET_V1).statusCode(200);
        postRun("{\"set\":\"api-bad-run\",\"mode\":\"fuzzy\"}")
                .statusCode(400)
                .body("message", containsString("mode must be one of"));
        postRun("{\"set\":\"api-bad-run\",\"k\":0}")
                .statusCode(400)
                .body("message", containsString("k must be between 1 and 1000"));
        error(postRun("{\"set\":\"api-bad-run\",\"indexVersion\":999999}"), 404, "index_version_not_retained");
        error(get("/v1/eval/runs/no-such-run"), 404, "not_found");
        get("/v1/eval/runs?set=api-bad-run").statusCode(200).body("runs.size()", equalTo(0));
    }

    @Test
    void labelled_answers_get_a_support_score_each_and_the_run_its_aurocs() {
        String context = "Backups are kept for 35 days in the Frankfurt data centre. Keys rotate every 90 days.";
        StringBuilder set = new StringBuilder();
        String[][] answers = {
            {"l1", "Backups are kept for 35 days.", "true"},
            {"l2", "Keys rotate every 90 days.", "true"},
            {"l3", "Backups are kept for seven years in Oslo.", "false"},
            {"l4", "The auditors rotate keys by hand each week.", "false"}
        };
        for (String[] a : answers) {
            set.append(String.format(
                    "{\"id\":\"%s\",\"query\":\"backups and keys\",\"answer\":\"%s\",\"contexts\":[\"%s\"],"
                            + "\"label\":%s}%n",
                    a[0], a[1], context, a[2]));
        }
        postSet("api-labelled", set.toString()).statusCode(200);
        assertEquals(
                List.of(true, true, false, false),
                ok(get("/v1/eval/sets/api-labelled/versions/1")).getList("items.label"),
                "labels are stored and read back");
        JsonPath run = ok(postRun("{\"set\":\"api-labelled\",\"mode\":\"keyword\",\"k\":3}"));
        float auroc = run.getFloat("metrics.support_auroc");
        assertTrue(auroc >= 0.75f, "support AUROC " + auroc);
        assertTrue(run.getMap("metrics").containsKey("groundedness_auroc"));
        JsonPath results = ok(get("/v1/eval/runs/" + run.getString("runId") + "/results"));
        for (Object support : results.getList("results.support")) {
            assertTrue(support instanceof Number, "every judged answer has a support score: " + support);
        }
    }

    @Test
    void iceberg_metadata_lives_under_the_data_dir() throws IOException {
        postSet("api-files", SET_V1).statusCode(200);
        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("rag.data-dir", String.class));
        Path warehouse = dataDir.resolve("warehouse");
        assertTrue(Files.isRegularFile(warehouse.resolve("catalog.db")));
        for (String table : List.of("set_items", "runs", "query_results")) {
            try (Stream<Path> files =
                    Files.list(warehouse.resolve("eval").resolve(table).resolve("metadata"))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".metadata.json")), table);
            }
        }
        get("/v1/eval/sets")
                .statusCode(200)
                .body("store", containsString(warehouse.toString()))
                .body("sets.name", org.hamcrest.Matchers.hasItem("api-files"));
        get("/v1/eval/sets/api-files/versions/1").statusCode(200).body("items[0].id", notNullValue());
    }
}
