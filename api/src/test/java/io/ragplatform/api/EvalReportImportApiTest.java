package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.NDJSON;
import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.postRun;
import static io.ragplatform.api.ApiCalls.postSet;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** BEIR zip import as a job, chat-log sets, and the run report in HTML, Markdown and JSON. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class EvalReportImportApiTest {
    private static final Map<String, String[]> CORPUS = Map.of(
            "doc-glacier",
                    new String[] {
                        "Glacier retreat", "Alpine glaciers lost a tenth of their volume in two summers of record heat."
                    },
            "doc-coral",
                    new String[] {
                        "Coral bleaching",
                        "Marine heatwaves bleach reef-building corals when water stays above the summer maximum."
                    },
            "doc-peat",
                    new String[] {
                        "Peatland carbon",
                        "Drained peatlands release the carbon they stored for millennia as carbon dioxide."
                    },
            "doc-soil",
                    new String[] {
                        "Soil microbes",
                        "Warming speeds up soil microbial respiration, releasing more carbon from the ground."
                    },
            "doc-empty", new String[] {"", ""});

    static byte[] beirZip(String folder, boolean withQrels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StringBuilder corpus = new StringBuilder();
            CORPUS.keySet().stream()
                    .sorted()
                    .forEach(id -> corpus.append("{\"_id\":\"")
                            .append(id)
                            .append("\",\"title\":\"")
                            .append(CORPUS.get(id)[0])
                            .append("\",\"text\":\"")
                            .append(CORPUS.get(id)[1])
                            .append("\"}\n"));
            put(zip, folder + "corpus.jsonl", corpus.toString());
            put(zip, folder + "queries.jsonl", """
                    {"_id":"q1","text":"how fast are alpine glaciers melting"}
                    {"_id":"q2","text":"why do corals bleach"}
                    {"_id":"q3","text":"carbon released from drained peat"}
                    {"_id":"q9","text":"a query nobody judged"}
                    """);
            if (withQrels) {
                put(
                        zip,
                        folder + "qrels/test.tsv",
                        "query-id\tcorpus-id\tscore\nq1\tdoc-glacier\t1\nq2\tdoc-coral\t1\nq3\tdoc-peat\t2\nq3\tdoc-soil\t1\n");
                put(zip, folder + "qrels/train.tsv", "query-id\tcorpus-id\tscore\nq2\tdoc-coral\t1\n");
            }
        }
        return bytes.toByteArray();
    }

    /** {@code POST /v1/eval/sets/{set}/beir} with a zip, from the given split (null: the default, test). */
    private static ValidatableResponse importBeir(String set, String fileName, byte[] zip, String split) {
        RequestSpecification request = given().multiPart("file", fileName, zip, "application/zip");
        if (split != null) {
            request = request.queryParam("split", split);
        }
        return request.post("/v1/eval/sets/" + set + "/beir").then();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Test
    void a_beir_zip_becomes_documents_and_a_set_and_a_second_import_embeds_nothing() throws IOException {
        byte[] zip = beirZip("mini-beir/", true);
        JsonPath first = ok(importBeir("mini-beir", "mini-beir.zip", zip, null));
        assertEquals("done", first.getString("state"));
        assertEquals("beir-import", first.getString("job.type"));
        assertEquals(4, first.getInt("job.created"));
        assertEquals(1, first.getInt("job.failed"), "the empty document is refused, the rest stored");
        assertEquals("doc-empty", first.getString("job.failures[0].sourceId"));
        assertEquals(1, first.getInt("job.result.version"));
        assertEquals(3, first.getInt("job.result.items"), "the judged queries of the test split");
        assertEquals("test", first.getString("job.result.split"));
        assertTrue(first.getInt("job.embedded") > 0);
        get("/v1/jobs/" + first.getString("jobId"))
                .statusCode(200)
                .body("state", equalTo("done"))
                .body("progress.done", equalTo(5))
                .body("progress.total", equalTo(5));
        documentsOf("doc-peat").statusCode(200).body("documents[0].sourceId", equalTo("doc-peat"));
        get("/v1/eval/sets/mini-beir/versions/1")
                .statusCode(200)
                .body("items.id", equalTo(List.of("q1", "q2", "q3")))
                .body("items[2].relevant.sourceId", equalTo(List.of("doc-peat", "doc-soil")))
                .body("items[2].relevant.grade", equalTo(List.of(2, 1)));

        JsonPath second = ok(importBeir("mini-beir", "mini-beir.zip", zip, "train"));
        assertEquals(0, second.getInt("job.embedded"), "the same corpus again embeds nothing");
        assertEquals(4, second.getInt("job.unchanged"));
        assertEquals(2, second.getInt("job.result.version"));
        assertEquals(1, second.getInt("job.result.items"));
        assertEquals(false, second.getBoolean("job.result.setUnchanged"));
        JsonPath third = ok(importBeir("mini-beir", "mini-beir.zip", zip, "train"));
        assertEquals(2, third.getInt("job.result.version"), "the same split again: the set keeps its newest version");
        assertEquals(true, third.getBoolean("job.result.setUnchanged"));

        JsonPath run = ok(postRun("{\"set\":\"mini-beir\",\"version\":1,\"mode\":\"hybrid\",\"k\":3}"));
        assertTrue(run.getDouble("metrics.'hit@3'") > 0.6, "the mini corpus is easy: " + run.getMap("metrics"));
    }

    @Test
    void a_bad_archive_is_refused_at_once() throws IOException {
        error(importBeir("bad-beir", "notes.zip", utf8("not a zip"), null), 400, "invalid_archive");
        error(importBeir("bad-beir", "noqrels.zip", beirZip("", false), null), 400, "invalid_archive")
                .body("message", containsString("qrels"));
        importBeir("bad-beir", "mini.zip", beirZip("", true), "dev")
                .statusCode(400)
                .body("message", containsString("dev"));
        error(importBeir("bad-beir", "empty.zip", new byte[0], null), 400, "empty_file");
        get("/v1/eval/sets/bad-beir").statusCode(404);
    }

    @Test
    void a_chat_log_becomes_dev_and_test_sets_without_near_duplicates_across() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            log.append("{\"query\":\"How do I reset the VPN token for office ")
                    .append(i)
                    .append("?\",\"cited\":[\"chunk-")
                    .append(i)
                    .append("\"],\"timestamp\":\"2026-11-0")
                    .append(1 + i % 9)
                    .append("T10:00:00Z\"}\n");
            log.append("{\"query\":\"how do i reset the vpn token for office ")
                    .append(i)
                    .append(" ??\",\"cited\":[\"chunk-x")
                    .append(i)
                    .append("\"]}\n");
        }
        log.append("not json\n");
        JsonPath out = ok(given().contentType(NDJSON)
                .body(utf8(log.toString()))
                .post("/v1/eval/sets/support-log/chatlog?testFraction=0.5")
                .then());
        assertEquals(1, out.getInt("report.invalidLines"));
        int dev = out.getInt("dev.items");
        int test = out.getInt("test.items");
        assertEquals(20, dev + test, "each exact-duplicate pair is one item");
        assertTrue(dev > 0 && test > 0);
        List<Map<String, Object>> devItems =
                ok(get("/v1/eval/sets/support-log-dev/versions/1")).getList("items");
        assertEquals(2, ((List<?>) devItems.get(0).get("relevant")).size(), "citations of the duplicates are unioned");
    }

    @Test
    void the_report_renders_in_html_markdown_and_json() {
        String set = """
                {"id":"r1","query":"glaciers melting in the alps","relevant":[{"sourceId":"doc-glacier"}]}
                {"id":"r2","query":"<script>alert(1)</script> corals","relevant":[{"sourceId":"doc-coral"}],"answer":"Corals bleach in marine heatwaves. They recover within a week on Mars.","contexts":["Marine heatwaves bleach reef-building corals."]}
                {"id":"r3","query":"soil respiration","relevant":[{"sourceId":"doc-nowhere"}]}
                """;
        postSet("report-set", set).statusCode(200);
        String runId = postRun("{\"set\":\"report-set\",\"k\":5}")
                .statusCode(200)
                .extract()
                .path("runId");

        String html = get("/v1/eval/runs/" + runId + "/report")
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, 40));
        assertTrue(html.split("<svg", -1).length > 2, "a summary chart and distribution charts");
        assertTrue(html.contains("/v1/documents?sourceId=doc-nowhere"), "gold links down to source documents");
        assertTrue(html.contains("/v1/chunks/"), "retrieved chunks link to their text");
        assertTrue(html.contains("They recover within a week on Mars."), "the unsupported claim is shown");
        assertTrue(
                !html.contains("<script>alert(1)</script>") && html.contains("&lt;script&gt;"), "queries are escaped");
        assertTrue(html.contains(runId));

        given().queryParam("format", "md")
                .get("/v1/eval/runs/" + runId + "/report")
                .then()
                .statusCode(200)
                .contentType(containsString("text/markdown"))
                .body(containsString("| "));
        given().accept("application/json")
                .get("/v1/eval/runs/" + runId + "/report")
                .then()
                .statusCode(200)
                .body("pins.runId", equalTo(runId))
                .body("worstQueries.size()", greaterThan(0))
                .body("worstQueries[0].itemId", equalTo("r3"));
        given().queryParam("format", "pdf")
                .get("/v1/eval/runs/" + runId + "/report")
                .then()
                .statusCode(400);
        get("/v1/eval/runs/nope/report").statusCode(404);
    }
}
