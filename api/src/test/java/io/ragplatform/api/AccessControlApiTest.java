package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.NDJSON;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.ApiKeys.ADMIN;
import static io.ragplatform.api.ApiKeys.ENG;
import static io.ragplatform.api.ApiKeys.ENG_WRITER;
import static io.ragplatform.api.ApiKeys.FINANCE;
import static io.ragplatform.api.ApiKeys.READER;
import static io.ragplatform.api.ApiKeys.WRITER;
import static io.ragplatform.api.ApiKeys.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ragplatform.fixtures.Fixture;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Document access control end to end, with keys configured ({@link ApiKeys}, as for {@link AuthApiTest}): eng and finance
 * readers, an eng writer, a writer and a reader without groups, an admin. A document of group finance is, for anyone
 * outside finance, exactly what a missing one is, in every read path.
 */
@QuarkusTest
@TestProfile(ApiKeys.class)
@QuarkusTestResource(DataDirResource.class)
class AccessControlApiTest {
    private static final String[] MODES = {"keyword", "vector", "hybrid"};

    private static Response upload(String key, String sourceId, String fileName, byte[] content, String acl) {
        var request = as(key).multiPart("file", fileName, content).multiPart("sourceId", sourceId);
        if (acl != null) {
            request.multiPart("acl", acl);
        }
        return request.post("/v1/documents");
    }

    private static JsonPath search(String key, String q, String mode, int k) {
        return ok(as(key).queryParam("q", q)
                .queryParam("mode", mode)
                .queryParam("k", k)
                .get("/v1/search"));
    }

    private static List<String> sourcesFound(String key, String q, String mode) {
        return search(key, q, mode, 20).getList("results.sources.flatten().sourceId");
    }

    @Test
    void a_finance_document_is_found_by_finance_and_admin_and_is_missing_for_everyone_else() {
        String text = "Budget memo\n\nThe quarterly zorblatt reserve is moved to the treasury of the holding.";
        JsonPath stored = ok(upload(ADMIN, "acl/memo", "memo.txt", utf8(text), "[\"finance\"]"));
        String id = stored.getString("documentId");
        assertEquals(
                List.of("finance"), ok(as(ADMIN).get("/v1/documents/" + id)).getList("acl"));

        for (String mode : MODES) {
            assertTrue(sourcesFound(FINANCE, "zorblatt reserve", mode).contains("acl/memo"), mode);
            assertTrue(sourcesFound(ADMIN, "zorblatt reserve", mode).contains("acl/memo"), mode);
            for (String outsider : List.of(ENG, READER, WRITER)) {
                JsonPath found = search(outsider, "zorblatt reserve", mode, 20);
                assertFalse(found.getList("results.sources.flatten().sourceId").contains("acl/memo"), mode);
                assertFalse(found.getList("results.text").toString().contains("treasury"), "no text of it: " + mode);
            }
        }

        String chunkId = ok(as(FINANCE).get("/v1/documents/" + id)).getString("chunks[0].chunkId");
        ok(as(FINANCE).get("/v1/chunks/" + chunkId));
        ok(as(FINANCE).queryParam("sourceId", "acl/memo").get("/v1/documents"));
        // for eng the same answers as for an ID that never existed, down to the message
        assertSameAsMissing(as(ENG).get("/v1/documents/" + id), as(ENG).get("/v1/documents/0123"), id, "0123");
        assertSameAsMissing(as(ENG).get("/v1/chunks/" + chunkId), as(ENG).get("/v1/chunks/0123"), chunkId, "0123");
        ok(as(FINANCE).get("/v1/chunks/" + chunkId + "/lineage"));
        assertSameAsMissing(
                as(ENG).get("/v1/chunks/" + chunkId + "/lineage"),
                as(ENG).get("/v1/chunks/0123/lineage"),
                chunkId,
                "0123");
        assertSameAsMissing(
                as(ENG).queryParam("sourceId", "acl/memo").get("/v1/documents"),
                as(ENG).queryParam("sourceId", "acl/none").get("/v1/documents"),
                "acl/memo",
                "acl/none");
        // a writer outside finance can neither delete it nor overwrite it under its sourceId
        error(as(ENG_WRITER).delete("/v1/documents/" + id).then(), 404, "not_found");
        error(
                as(ENG_WRITER)
                        .queryParam("sourceId", "acl/memo")
                        .delete("/v1/documents")
                        .then(),
                404,
                "not_found");
        error(
                upload(ENG_WRITER, "acl/memo", "memo.txt", utf8("Replaced."), null)
                        .then(),
                403,
                "forbidden");
        ok(as(FINANCE).get("/v1/documents/" + id));
    }

    private static void assertSameAsMissing(Response hidden, Response missing, String hiddenId, String missingId) {
        assertEquals(404, hidden.statusCode(), hidden.asString());
        assertEquals(404, missing.statusCode());
        assertEquals(missing.jsonPath().getString("error"), hidden.jsonPath().getString("error"));
        assertEquals(
                missing.jsonPath().getString("message").replace(missingId, "X"),
                hidden.jsonPath().getString("message").replace(hiddenId, "X"));
    }

    @Test
    void a_chunk_shared_by_a_public_and_a_finance_copy_lists_only_the_public_source_for_eng() {
        ok(upload(WRITER, "acl/handbook.html", "handbook.html", Fixture.bytes("handbook/handbook.html"), null));
        ok(upload(ADMIN, "acl/handbook.md", "handbook.md", Fixture.bytes("handbook/handbook.md"), "[\"finance\"]"));
        List<String> htmlChunks = ok(as(ADMIN)
                        .queryParam("sourceId", "acl/handbook.html")
                        .get("/v1/documents"))
                .getList("documents[0].chunks.chunkId");
        List<String> mdChunks = ok(as(ADMIN)
                        .queryParam("sourceId", "acl/handbook.md")
                        .get("/v1/documents"))
                .getList("documents[0].chunks.chunkId");
        Set<String> shared = new HashSet<>(htmlChunks);
        shared.retainAll(mdChunks);
        assertTrue(shared.size() >= 20, "the two formats share most chunks: " + shared.size());

        for (String chunkId : shared) {
            assertEquals(
                    List.of("acl/handbook.html"),
                    ok(as(ENG).get("/v1/chunks/" + chunkId)).getList("occurrences.sourceId"),
                    chunkId);
            assertEquals(
                    Set.of("acl/handbook.html", "acl/handbook.md"),
                    Set.copyOf(ok(as(FINANCE).get("/v1/chunks/" + chunkId)).getList("occurrences.sourceId")),
                    chunkId);
            assertEquals(
                    List.of("acl/handbook.html"),
                    ok(as(ENG).get("/v1/chunks/" + chunkId + "/lineage")).getList("appearances.document.sourceId"),
                    "lineage shows eng only the public copy: " + chunkId);
        }
        for (String mode : MODES) {
            JsonPath hits = search(ENG, "data retention period", mode, 10);
            assertTrue(hits.getList("results").size() > 0, mode);
            assertEquals(
                    Set.of("acl/handbook.html"),
                    Set.copyOf(hits.getList("results.sources.flatten().sourceId")),
                    mode + ": only the public copy, though the finance one holds the same chunks");
        }
    }

    @Test
    void k_results_are_k_results_the_caller_may_see_however_many_hidden_ones_rank_higher() {
        // twelve finance notes made of the query's words, five public ones that mention them once
        for (int i = 0; i < 12; i++) {
            ok(upload(
                    ADMIN,
                    "acl/hidden-" + i,
                    "h.txt",
                    utf8("Quillwort glacier quillwort glacier note " + i + ": quillwort glacier quillwort."),
                    "[\"finance\"]"));
        }
        for (int i = 0; i < 5; i++) {
            ok(upload(
                    WRITER,
                    "acl/visible-" + i,
                    "v.txt",
                    utf8("Field report " + i + " on moss cover; one quillwort plant was seen near the glacier.")));
        }
        for (String mode : MODES) {
            JsonPath eng = search(ENG, "quillwort glacier", mode, 5);
            assertEquals(5, eng.getList("results").size(), mode);
            assertEquals(
                    IntStream.range(0, 5).mapToObj(i -> "acl/visible-" + i).collect(Collectors.toSet()),
                    Set.copyOf(eng.getList("results.sources.flatten().sourceId")),
                    mode);
            assertTrue(
                    search(FINANCE, "quillwort glacier", mode, 5).getList("results.sources.flatten().sourceId").stream()
                            .allMatch(s -> s.toString().startsWith("acl/hidden-")),
                    mode + ": for finance the hidden notes rank first");
        }
    }

    private static Response upload(String key, String sourceId, String fileName, byte[] content) {
        return upload(key, sourceId, fileName, content, null);
    }

    @Test
    void an_eval_run_searches_as_its_caller_and_is_shown_only_to_who_may_read_as_much() {
        ok(upload(
                ADMIN,
                "acl/ledger",
                "ledger.txt",
                utf8("Ledger\n\nThe brambleton fund closes its ledger with the treasurer each quarter."),
                "[\"finance\"]"));
        ok(as(ENG_WRITER)
                .contentType(NDJSON)
                .body(utf8("{\"id\":\"q1\",\"query\":\"brambleton fund ledger\","
                        + "\"relevant\":[{\"sourceId\":\"acl/ledger\"}]}"))
                .post("/v1/eval/sets/acl-runs"));
        JsonPath engRun = ok(as(ENG_WRITER)
                .contentType("application/json")
                .body("{\"set\":\"acl-runs\",\"mode\":\"hybrid\"}")
                .post("/v1/eval/runs"));
        String engRunId = engRun.getString("runId");
        assertEquals(0.0, engRun.getDouble("metrics.'recall@10'"));
        assertEquals(List.of("eng"), engRun.getList("config.access.groups"), "the caller's groups are pinned");
        JsonPath results = ok(as(ENG).get("/v1/eval/runs/" + engRunId + "/results"));
        assertFalse(results.prettify().contains("acl/ledger"), results.prettify());

        String adminRunId = ok(as(ADMIN)
                        .contentType("application/json")
                        .body("{\"set\":\"acl-runs\",\"mode\":\"hybrid\"}")
                        .post("/v1/eval/runs"))
                .getString("runId");
        assertEquals(1.0, ok(as(ADMIN).get("/v1/eval/runs/" + adminRunId)).getDouble("metrics.'recall@10'"));

        // eng sees its own run; a run that saw everything is, for eng, a run that does not exist
        ok(as(ENG).get("/v1/eval/runs/" + engRunId + "/report?format=md"));
        for (String path : List.of("", "/results", "/report?format=json")) {
            error(as(ENG).get("/v1/eval/runs/" + adminRunId + path).then(), 404, "not_found");
            error(as(FINANCE).get("/v1/eval/runs/" + engRunId + path).then(), 404, "not_found");
            ok(as(ADMIN).get("/v1/eval/runs/" + engRunId + path));
        }
        error(
                as(ENG).queryParam("base", engRunId)
                        .queryParam("candidate", adminRunId)
                        .get("/v1/eval/runs/compare")
                        .then(),
                404,
                "not_found");
        assertEquals(
                List.of(engRunId),
                ok(as(ENG).queryParam("set", "acl-runs").get("/v1/eval/runs")).getList("runs.runId"));
        assertEquals(
                2,
                ok(as(ADMIN).queryParam("set", "acl-runs").get("/v1/eval/runs"))
                        .getList("runs")
                        .size());
        // a rerun searches as the original did, whoever asks
        JsonPath again = ok(as(ADMIN).post("/v1/eval/runs/" + engRunId + "/rerun"));
        assertEquals(List.of("eng"), again.getList("config.access.groups"));
        assertTrue(again.getBoolean("identicalRetrievalMetrics"));
    }

    @Test
    void changing_only_the_acl_is_a_metadata_update_that_takes_effect_at_once() {
        byte[] note = utf8("Roster\n\nThe snowdrift rota lists who keeps the cabin stove lit.");
        JsonPath first = ok(upload(WRITER, "acl/rota", "rota.txt", note, null));
        assertEquals("created", first.getString("status"));
        assertTrue(sourcesFound(ENG, "snowdrift rota", "keyword").contains("acl/rota"));

        JsonPath second = ok(upload(ADMIN, "acl/rota", "rota.txt", note, "[\"finance\"]"));
        assertEquals("updated", second.getString("status"));
        assertEquals(0, second.getInt("embedded"));
        assertEquals(first.getInt("version"), second.getInt("version"), "the content did not change");
        assertFalse(sourcesFound(ENG, "snowdrift rota", "keyword").contains("acl/rota"));
        assertTrue(sourcesFound(FINANCE, "snowdrift rota", "keyword").contains("acl/rota"));
    }

    @Test
    void a_bad_acl_is_a_400_naming_what_is_wrong_and_nothing_is_stored() {
        byte[] note = utf8("A note that must not be stored.");
        error(upload(WRITER, "acl/bad", "bad.txt", note, "finance").then(), 400, "invalid_acl")
                .body("message", containsString("JSON"));
        error(upload(WRITER, "acl/bad", "bad.txt", note, "{\"groups\":[]}").then(), 400, "invalid_acl");
        error(upload(WRITER, "acl/bad", "bad.txt", note, "[1]").then(), 400, "invalid_acl");
        String many = IntStream.range(0, 65).mapToObj(i -> "\"g" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        error(upload(WRITER, "acl/bad", "bad.txt", note, many).then(), 400, "invalid_request")
                .body("message", containsString("64"));
        error(upload(WRITER, "acl/bad", "bad.txt", note, "[]").then(), 400, "invalid_request");
        error(upload(WRITER, "x".repeat(1025), "bad.txt", note, null).then(), 400, "invalid_request")
                .body("message", containsString("1024"));
        String bigMetadata = "{\"k\":\"" + "v".repeat(70_000) + "\"}";
        error(
                as(WRITER)
                        .multiPart("file", "bad.txt", note)
                        .multiPart("sourceId", "acl/bad")
                        .multiPart("metadata", bigMetadata)
                        .post("/v1/documents")
                        .then(),
                400,
                "invalid_request");
        error(as(ADMIN).queryParam("sourceId", "acl/bad").get("/v1/documents").then(), 404, "not_found");
        assertTrue(ok(as(ADMIN).get("/v1/ingest/failures"))
                .getList("failures.sourceId")
                .contains("acl/bad"));
    }

    @Test
    void the_documents_acl_is_shown_and_defaults_to_public() {
        JsonPath stored = ok(upload(WRITER, "acl/plain", "plain.txt", utf8("An ordinary public pamphlet.")));
        Map<String, Object> doc = ok(as(READER).get("/v1/documents/" + stored.getString("documentId")))
                .getMap("");
        assertEquals(List.of("public"), doc.get("acl"));
    }
}
