package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST contract of documents, chunks and search. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class DocumentApiTest {
    private static byte[] policy(String extra) {
        StringBuilder sb = new StringBuilder("Retention Policy\n\n");
        for (int i = 0; i < 8; i++) {
            sb.append("Rule ")
                    .append(i)
                    .append(": records of shard ")
                    .append(i * 7)
                    .append(" are kept for ")
                    .append(30 + i)
                    .append(" days and then erased by the nightly job.");
            if (i == 4) {
                sb.append(extra);
            }
            sb.append("\n\n");
        }
        return utf8(sb.toString());
    }

    @Test
    void first_upload_creates_and_identical_reupload_embeds_nothing() {
        byte[] file = policy("");
        JsonPath first = ok(upload("policy.txt", file, "api-test/policy"));
        assertEquals("created", first.getString("status"));
        assertEquals(1, first.getInt("version"));
        assertEquals("api-test/policy", first.getString("sourceId"));
        assertTrue(first.getInt("chunks.total") > 0);
        assertEquals(first.getInt("chunks.total"), first.getInt("chunks.added"));
        assertTrue(first.getInt("embedded") > 0, "a new text must be embedded");
        assertTrue(first.getString("contentHash").matches("[0-9a-f]{64}"));

        JsonPath again = ok(upload("policy.txt", file, "api-test/policy"));
        assertEquals("unchanged", again.getString("status"));
        assertEquals(0, again.getInt("embedded"));
        assertEquals(1, again.getInt("version"));
        assertEquals(first.getString("documentId"), again.getString("documentId"));
        assertEquals(first.getString("contentHash"), again.getString("contentHash"));
        assertEquals(
                first.getLong("indexVersion"), again.getLong("indexVersion"), "an unchanged upload commits nothing");
    }

    @Test
    void an_inserted_sentence_updates_the_version_and_embeds_only_the_changed_chunk() {
        upload("policy.txt", policy(""), "api-test/edit").then().statusCode(200);
        JsonPath edited = ok(upload("policy.txt", policy(" Backups of this shard are exempt."), "api-test/edit"));
        assertEquals("updated", edited.getString("status"));
        assertEquals(2, edited.getInt("version"));
        assertTrue(
                edited.getInt("embedded") >= 1 && edited.getInt("embedded") <= 3,
                "embedded " + edited.getInt("embedded"));
        assertEquals(edited.getInt("chunks.added"), edited.getInt("chunks.removed"));
    }

    @Test
    void metadata_only_change_updates_metadata_without_reembedding() {
        upload("policy.txt", policy(" Metadata case."), "api-test/meta", "{\"team\":\"governance\"}")
                .then()
                .statusCode(200);
        JsonPath second = ok(upload("policy.txt", policy(" Metadata case."), "api-test/meta", "{\"team\":\"legal\"}"));
        assertEquals("updated", second.getString("status"));
        assertEquals(true, second.getBoolean("metadataChanged"));
        assertEquals(1, second.getInt("version"), "metadata does not change the version");
        assertEquals(0, second.getInt("embedded"));
        get("/v1/documents/" + second.getString("documentId")).statusCode(200).body("metadata.team", equalTo("legal"));
    }

    @Test
    void document_lists_its_chunks_in_order_and_each_chunk_lists_its_occurrences() {
        JsonPath up = ok(upload("policy.txt", policy(" Chunk listing."), "api-test/chunks"));
        String id = up.getString("documentId");
        JsonPath doc = get("/v1/documents/" + id)
                .statusCode(200)
                .body("documentId", equalTo(id))
                .body("sourceId", equalTo("api-test/chunks"))
                .body("version", equalTo(1))
                .body("contentType", equalTo("text/plain"))
                .body("language", equalTo("en"))
                .body("chunks.size()", greaterThan(0))
                .extract()
                .jsonPath();
        List<Map<String, Object>> chunks = doc.getList("chunks");
        int previousEnd = -1;
        for (Map<String, Object> c : chunks) {
            int start = (Integer) c.get("charStart");
            int end = (Integer) c.get("charEnd");
            assertTrue(start > previousEnd && end > start, "chunks in order and not overlapping: " + chunks);
            assertFalse(c.containsKey("page"), "a text file has no pages, and an unknown page is left out: " + c);
            previousEnd = end;
        }
        for (String internal : List.of("fileHash", "fileSize", "pipeline")) {
            assertFalse(doc.getMap("").containsKey(internal), internal + " is the index's own: " + doc.prettify());
        }
        String chunkId = (String) chunks.get(0).get("chunkId");
        get("/v1/chunks/" + chunkId)
                .statusCode(200)
                .body("chunkId", equalTo(chunkId))
                .body("text", notNullValue())
                .body("occurrences.documentId", hasItem(id))
                .body("occurrences.sourceId", hasItem("api-test/chunks"))
                .body("occurrences[0]", not(hasKey("page")));

        documentsOf("api-test/chunks").statusCode(200).body("documents[0].documentId", equalTo(id));
    }

    @Test
    void search_finds_a_distinctive_phrase_in_every_mode_with_sources() {
        upload("policy.txt", policy(" The escrow passphrase is ZEBRA-4410."), "api-test/search")
                .then()
                .statusCode(200);
        for (String mode : List.of("hybrid", "keyword", "vector")) {
            search("q", "escrow passphrase ZEBRA-4410", "k", 3, "mode", mode, "sourceId", "api-test/search")
                    .statusCode(200)
                    .body("mode", equalTo(mode))
                    .body("indexVersion", greaterThan(0))
                    .body("results.size()", greaterThan(0))
                    .body("results[0]", hasKey("score"))
                    .body("results.sources.flatten().sourceId", everyItem(equalTo("api-test/search")));
        }
        for (String mode : List.of("hybrid", "keyword")) {
            search("q", "ZEBRA-4410", "mode", mode)
                    .statusCode(200)
                    .body("results[0].text", org.hamcrest.Matchers.containsString("ZEBRA-4410"))
                    .body("results[0].sources.sourceId", hasItem("api-test/search"));
        }
        // a filter on another source excludes it
        search("q", "ZEBRA-4410", "mode", "keyword", "sourceId", "api-test/none")
                .statusCode(200)
                .body("results.size()", equalTo(0));
        search("q", "ZEBRA-4410", "mode", "keyword", "language", "en")
                .statusCode(200)
                .body("results.sources.flatten().sourceId", everyItem(notNullValue()));
    }

    @Test
    void unknown_ids_and_bad_parameters_answer_json_errors() {
        error(get("/v1/documents/0000"), 404, "not_found").body("message", notNullValue());
        error(get("/v1/chunks/0000"), 404, "not_found");
        error(documentsOf("api-test/never"), 404, "not_found");
        error(get("/v1/documents"), 400, "invalid_request");
        error(search("q", "x", "mode", "fuzzy"), 400, "invalid_request");
        search("q", "x", "k", "0").statusCode(400);
        search("q", "x", "k", "ten").statusCode(400);
        error(get("/v1/search"), 400, "invalid_request");
    }

    @Test
    void openapi_health_and_metrics_are_served() {
        get("/q/health/ready").statusCode(200).body("status", equalTo("UP"));
        get("/q/openapi?format=json").statusCode(200).body("paths", hasKey("/v1/documents"));
        upload("policy.txt", policy(" Metrics."), "api-test/metrics").then().statusCode(200);
        String metrics = get("/q/metrics").statusCode(200).extract().asString();
        assertTrue(metrics.contains("rag_embeddings_computed_total"), metrics);
        assertTrue(metrics.contains("rag_embeddings_reused_total"));
        assertTrue(metrics.contains("rag_ingest_latency_seconds"));
        assertTrue(metrics.contains("rag_index_documents"));
    }
}
