package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data-quality checks through REST: every document's measures on its view; a file failing a configured check refused
 * 422 naming the check and what was measured, quarantined like any other refusal, nothing of it indexed.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
@TestProfile(QualityApiTest.Checks.class)
class QualityApiTest {
    /** UTF-8 text read as Windows-1252 and saved again: 9 of its 69 non-blank characters are mojibake. */
    private static final String MOJIBAKE =
            "Le cafÃ© du quartier est prÃªt. Itâ€™s the zorblatt menu, servi Ã  midi, trÃ¨s bien.";

    private static final String CLEAN =
            "Opening Hours\n\nThe zorblatt cafe opens at noon and serves lunch until three.";

    /** The checks of the example, and one on repetition. */
    public static class Checks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rag.governance.quarantine-when", "empty,mojibake>0.05,repeated-lines>0.5");
        }
    }

    @Test
    void a_mojibake_file_is_refused_naming_the_check_quarantined_and_not_indexed() {
        JsonPath body = error(upload("menu.txt", utf8(MOJIBAKE), "quality/menu").then(), 422, "quality_check_failed")
                .extract()
                .jsonPath();

        assertEquals(
                "'menu.txt' refused by data-quality check mojibake>0.05: mojibake share 0.1304"
                        + " (rag.governance.quarantine-when)",
                body.getString("message"));
        documentsOf("quality/menu").statusCode(404);
        JsonPath q = ok(given().queryParam("sourceId", "quality/menu").get("/v1/quarantine"));
        assertEquals("chunking", q.getString("records[0].stage"));
        assertEquals("quality_check_failed", q.getString("records[0].reason"));
        assertEquals(body.getString("message"), q.getString("records[0].message"));
        List<String> failed = ok(given().get("/v1/ingest/failures")).getList("failures.sourceId");
        assertTrue(failed.contains("quality/menu"), failed.toString());
        List<String> found = ok(search("q", "zorblatt menu", "mode", "keyword", "k", 10))
                .getList("results.sources.flatten().sourceId");
        assertFalse(found.contains("quality/menu"), found.toString());
    }

    @Test
    void a_file_of_repeated_lines_is_refused_by_its_own_check() {
        String spam = "Buy now.\n\nBuy now.\n\nBuy now.\n\nBuy now.\n\nLimited offer on zorblatt.";
        JsonPath body = error(upload("spam.txt", utf8(spam), "quality/spam").then(), 422, "quality_check_failed")
                .extract()
                .jsonPath();

        assertTrue(
                body.getString("message").contains("check repeated-lines>0.5: repeated-line share 0.6 ("),
                body.getString("message")); // 3 of 5 lines repeat an earlier one
        documentsOf("quality/spam").statusCode(404);
    }

    @Test
    void a_clean_file_passes_with_its_quality_on_the_document_view() {
        upload("hours.txt", utf8(CLEAN), "quality/hours").then().statusCode(200);
        String id = documentsOf("quality/hours").extract().path("documents[0].documentId");

        JsonPath doc = ok(given().get("/v1/documents/" + id));
        assertEquals(doc.getInt("textLength"), doc.getInt("quality.characters"));
        assertTrue(doc.getInt("quality.tokens") > 10, doc.prettify());
        assertEquals(0.0, doc.getDouble("quality.mojibakeShare"));
        assertEquals(0.0, doc.getDouble("quality.replacementShare"));
        assertEquals(0.0, doc.getDouble("quality.repeatedLineShare"));
        assertEquals(0.0, doc.getDouble("quality.boilerplateShare"));
        assertEquals("en", doc.getString("quality.language"));
        assertTrue(doc.getDouble("quality.languageConfidence") > 0.5, doc.prettify());
        assertEquals(List.of(), doc.getList("quality.pagesWithoutText"));
        assertFalse(doc.getBoolean("quality.needsOcr"));
    }
}
