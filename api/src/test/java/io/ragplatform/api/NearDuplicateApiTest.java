package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A document's near-duplicates: a variant with one word changed per paragraph is one, an unrelated document is not;
 * and a search with {@code collapse=near-duplicates} keeps the hits of one of them.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class NearDuplicateApiTest {
    private static final String[] TOPICS = {
        "archive", "backup", "budget", "contract", "incident", "invoice", "laptop", "payroll", "retention", "vendor"
    };

    /** Another policy's topics: its documents are no near-duplicates of the first policy's. */
    private static final String[] OTHER_TOPICS = {
        "badge", "canteen", "courier", "desk", "locker", "parking", "printer", "shuttle", "visitor", "wardrobe"
    };

    /**
     * Ten paragraphs of about forty words on the topics, reviewed by the {@code team} team; {@code variant} changes one
     * word in each.
     */
    private static String policy(String[] topics, String team, boolean variant) {
        StringBuilder sb = new StringBuilder("Operations Policy\n\n");
        for (int p = 0; p < 10; p++) {
            String topic = topics[p];
            sb.append("The ")
                    .append(topic)
                    .append(" rule number ")
                    .append(p)
                    .append(" says that every ")
                    .append(topic)
                    .append(" record is reviewed by the ")
                    .append(team)
                    .append(" team each quarter, kept in the regional store for ")
                    .append(p + 3)
                    .append(" years, and removed by the storage team once its retention ends without ")
                    .append(variant ? "delay" : "exception")
                    .append(" or further notice to the requester.\n\n");
        }
        return sb.toString();
    }

    /** Uploads the text as the source's one file; its documentId. */
    private static String store(String sourceId, String text) {
        upload(sourceId.substring(sourceId.indexOf('/') + 1), utf8(text), sourceId)
                .then()
                .statusCode(200);
        return ok(documentsOf(sourceId)).getString("documents[0].documentId");
    }

    private static List<String> nearDuplicatesOf(String documentId) {
        return new ArrayList<>(ok(get("/v1/documents/" + documentId)).getList("nearDuplicateOf.documentId"));
    }

    @Test
    void a_variant_is_linked_as_a_near_duplicate_an_unrelated_document_is_not_and_a_delete_unlinks() {
        String original = store("dup/policy.txt", policy(TOPICS, "owning", false));
        String variant = store("dup/policy-v2.txt", policy(TOPICS, "owning", true));
        String unrelated = store(
                "dup/canteen.txt", "Canteen\n\nThe canteen serves soup, bread and a daily salad from noon until two.");

        assertEquals(List.of(variant), nearDuplicatesOf(original));
        assertEquals(List.of(original), nearDuplicatesOf(variant));
        assertEquals(List.of(), nearDuplicatesOf(unrelated));
        JsonPath view = ok(get("/v1/documents/" + original));
        double similarity = view.getDouble("nearDuplicateOf[0].similarity");
        assertTrue(similarity >= 0.8 && similarity < 1, "similarity " + similarity);

        given().delete("/v1/documents/" + variant).then().statusCode(200);
        assertEquals(List.of(), nearDuplicatesOf(original), "a deleted document is no near-duplicate");
    }

    private static JsonPath searchQuorvane(Object... more) {
        List<Object> params = new ArrayList<>(List.of("q", "quorvane", "mode", "keyword", "k", 30));
        params.addAll(List.of(more));
        return ok(search(params.toArray()));
    }

    private static List<String> sourcesOf(JsonPath results) {
        return results.getList("results.sources.flatten().sourceId");
    }

    @Test
    void collapse_keeps_one_of_two_near_duplicate_documents_and_the_unrelated_one() {
        String original = store("collapse/policy.txt", policy(OTHER_TOPICS, "quorvane", false));
        String variant = store("collapse/policy-v2.txt", policy(OTHER_TOPICS, "quorvane", true));
        store(
                "collapse/parking.txt",
                "Parking\n\nVisitors to the quorvane campus park on level two of the east garage.");
        assertEquals(List.of(variant), nearDuplicatesOf(original));

        JsonPath all = searchQuorvane();
        assertTrue(
                sourcesOf(all).containsAll(List.of("collapse/policy.txt", "collapse/policy-v2.txt")), all.prettify());
        assertTrue(sourcesOf(all).contains("collapse/parking.txt"));
        assertNull(all.get("collapse"));
        assertNull(all.get("results[0].collapsed"), "no collapsed list without collapse");

        JsonPath collapsed = searchQuorvane("collapse", "near-duplicates");
        assertEquals("near-duplicates", collapsed.getString("collapse"));
        List<String> sources = sourcesOf(collapsed);
        assertTrue(sources.contains("collapse/parking.txt"), "the unrelated document's hit stays: " + sources);
        assertTrue(
                sources.contains("collapse/policy.txt") != sources.contains("collapse/policy-v2.txt"),
                "one of the near-duplicates: " + sources);
        String kept = sources.contains("collapse/policy.txt") ? original : variant;
        String folded = kept.equals(original) ? variant : original;
        List<String> foldedDocuments = collapsed.getList("results.collapsed.flatten().documentIds.flatten()");
        assertTrue(
                !foldedDocuments.isEmpty() && foldedDocuments.stream().allMatch(folded::equals),
                foldedDocuments.toString());
        int policyHits = all.getList("results").size() - 1;
        assertEquals(
                policyHits,
                collapsed.getList("results").size() - 1 + foldedDocuments.size(),
                "every policy hit is kept or folded into a kept one");

        error(search("q", "quorvane", "collapse", "duplicates"), 400, "invalid_request")
                .body("message", containsString("near-duplicates"));
    }
}
