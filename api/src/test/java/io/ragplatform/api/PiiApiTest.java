package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ragplatform.fixtures.PiiMemo;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service redacts by default: the PII fixture's stored, shown and searchable text holds none of its values, a
 * keyword search for them finds nothing, its references stay searchable, and the document counts what was redacted.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
@TestProfile(PiiApiTest.Contacts.class)
class PiiApiTest {
    private static final java.nio.file.Path CONTACTS = contactsDir();

    /** A directory source of its own, so that what this test syncs is nobody else's business. */
    public static class Contacts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rag.sources.contacts.path", CONTACTS.toString());
        }
    }

    private static java.nio.file.Path contactsDir() {
        try {
            return java.nio.file.Files.createTempDirectory("rag-pii-contacts-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final List<String> RAW = PiiMemo.VALUES;

    @Test
    void the_stored_and_searchable_text_holds_no_value_and_the_references_stay() {
        upload("memo.txt", bytes(PiiMemo.NAME), "pii/memo.txt").then().statusCode(200);
        JsonPath doc = ok(documentsOf("pii/memo.txt")).setRootPath("documents[0]");
        assertEquals(1, doc.getInt("pii.email"));
        assertEquals(2, doc.getInt("pii.ip"));
        String chunk =
                ok(get("/v1/chunks/" + doc.getString("chunks[0].chunkId"))).getString("text");
        RAW.forEach(raw -> assertFalse(chunk.contains(raw), raw + " in " + chunk));
        assertTrue(chunk.contains("[EMAIL]"), chunk);

        for (String raw : List.of("dana.whitfield@contoso-vendors.example", "dana.whitfield", "AKIAIOSFODNN7EXAMPLE")) {
            search("q", raw, "mode", "keyword", "sourceId", "pii/memo.txt")
                    .statusCode(200)
                    .body("results.size()", equalTo(0));
        }
        search("q", "ORD-2024-000123", "mode", "keyword", "sourceId", "pii/memo.txt")
                .statusCode(200)
                .body("results[0].text", containsString("ORD-2024-000123"))
                .body("results[0].text", not(containsString("4111")));
        get("/q/metrics").statusCode(200).body(containsString("rag_pii_found_total{type=\"email\"}"));
        // no rag.governance.redaction-key: the originals are gone
        error(get("/v1/documents/" + doc.getString("documentId") + "/redactions"), 404, "not_found")
                .body("message", containsString("rag.governance.redaction-key"));
    }

    @Test
    void a_synced_file_is_redacted_and_counted_as_an_upload_is() throws Exception {
        java.nio.file.Path docs = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("rag.sources.docs.path", String.class));
        java.nio.file.Files.writeString(
                docs.resolve("contacts.txt"),
                "Contacts\n\nThe night desk answers at nightdesk@contoso-vendors.example all week.");
        ApiCalls.syncDone("docs");
        JsonPath doc = ok(documentsOf("docs/contacts.txt")).setRootPath("documents[0]");
        assertEquals(1, doc.getInt("pii.email"));
        String chunk =
                ok(get("/v1/chunks/" + doc.getString("chunks[0].chunkId"))).getString("text");
        assertFalse(chunk.contains("nightdesk@"), chunk);
        assertTrue(
                doc.getString("pipeline") == null || doc.getString("pipeline").endsWith("pii-2-redact"));
    }
}
