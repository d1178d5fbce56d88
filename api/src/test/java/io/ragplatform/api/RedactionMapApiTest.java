package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ragplatform.fixtures.PiiMemo;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With {@code rag.governance.redaction-key} set, each redacted document's map is kept encrypted under the data
 * directory, read back by an admin, and removed with the document.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
@TestProfile(RedactionMapApiTest.WithKey.class)
class RedactionMapApiTest {
    /** A redaction key. */
    public static class WithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rag.governance.redaction-key", "vJ2u8wq0L4rT9yXe3mN6pA1sD5fG7hK0");
        }
    }

    @Test
    void the_map_is_encrypted_apart_from_the_index_read_by_an_admin_and_deleted_with_its_document() throws Exception {
        upload("memo.txt", bytes(PiiMemo.NAME), "maps/memo.txt").then().statusCode(200);
        String id = ok(documentsOf("maps/memo.txt")).getString("documents[0].documentId");

        JsonPath view = ok(get("/v1/documents/" + id + "/redactions"));
        List<String> originals = view.getList("redactions.original");
        assertEquals(PiiMemo.VALUES, originals);
        assertEquals("email", view.getString("redactions[0].type"));
        String chunk = ok(get(
                        "/v1/chunks/" + ok(documentsOf("maps/memo.txt")).getString("documents[0].chunks[0].chunkId")))
                .getString("text");
        assertEquals("[EMAIL]", chunk.substring(view.getInt("redactions[0].start"), view.getInt("redactions[0].end")));

        Path redaction = Path.of(ConfigProvider.getConfig().getValue("rag.data-dir", String.class), "redaction");
        List<Path> maps = mapFiles(redaction);
        assertEquals(1, maps.size(), maps.toString());
        Path map = maps.get(0);
        assertEquals(id + ".map", map.getFileName().toString());
        String bytes = new String(Files.readAllBytes(map), StandardCharsets.ISO_8859_1);
        PiiMemo.VALUES.forEach(v -> assertFalse(bytes.contains(v), "the map holds " + v + " in the clear"));
        assertTrue(ok(get("/v1/audit/log")).getList("entries.action").contains("read-redactions"));

        given().delete("/v1/documents/" + id).then().statusCode(200);
        assertFalse(Files.exists(map), "the map goes with its document");
        error(get("/v1/documents/" + id + "/redactions"), 404, "not_found");
    }

    @Test
    void a_new_version_without_redactions_leaves_no_stale_map() throws Exception {
        upload("memo.txt", bytes(PiiMemo.NAME), "maps/reworded.txt").then().statusCode(200);
        String id = ok(documentsOf("maps/reworded.txt")).getString("documents[0].documentId");
        assertEquals(
                PiiMemo.VALUES, ok(get("/v1/documents/" + id + "/redactions")).getList("redactions.original"));
        upload(
                        "memo.txt",
                        io.ragplatform.api.ApiCalls.utf8("Vendor Memo\n\nAsk the vendor desk before the audit."),
                        "maps/reworded.txt")
                .then()
                .statusCode(200);
        assertEquals(List.of(), ok(get("/v1/documents/" + id + "/redactions")).getList("redactions"));
        Path redaction = Path.of(ConfigProvider.getConfig().getValue("rag.data-dir", String.class), "redaction");
        for (Path f : mapFiles(redaction)) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(f.getFileName().toString().startsWith(id), "a stale map of " + id + " is left: " + f);
            PiiMemo.VALUES.forEach(v -> assertFalse(bytes.contains(v)));
        }
    }

    /** The map files under the redaction directory, in every source's directory. */
    private static List<Path> mapFiles(Path redaction) throws java.io.IOException {
        if (!Files.isDirectory(redaction)) {
            return List.of();
        }
        try (var files = Files.walk(redaction)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".map"))
                    .sorted()
                    .toList();
        }
    }
}
