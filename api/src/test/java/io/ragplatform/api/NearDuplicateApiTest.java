package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A document's near-duplicates: a variant with one word changed per paragraph is one, an unrelated document is not. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class NearDuplicateApiTest {
    private static final String[] TOPICS = {
        "archive", "backup", "budget", "contract", "incident", "invoice", "laptop", "payroll", "retention", "vendor"
    };

    /** Ten paragraphs of about thirty words; {@code variant} changes one word in each. */
    private static String policy(boolean variant) {
        StringBuilder sb = new StringBuilder("Operations Policy\n\n");
        for (int p = 0; p < 10; p++) {
            String topic = TOPICS[p];
            sb.append("The ")
                    .append(topic)
                    .append(" rule number ")
                    .append(p)
                    .append(" says that every ")
                    .append(topic)
                    .append(" record is reviewed by the owning team each quarter, kept in the regional store for ")
                    .append(p + 3)
                    .append(" years, and removed by the storage team once its retention ends without ")
                    .append(variant ? "delay" : "exception")
                    .append(" or further notice to the requester.\n\n");
        }
        return sb.toString();
    }

    private static String idOf(String sourceId) {
        return ok(documentsOf(sourceId)).getString("documents[0].documentId");
    }

    private static List<String> nearDuplicatesOf(String documentId) {
        return new ArrayList<>(ok(get("/v1/documents/" + documentId)).getList("nearDuplicateOf.documentId"));
    }

    @Test
    void a_variant_is_linked_as_a_near_duplicate_an_unrelated_document_is_not_and_a_delete_unlinks() {
        upload("policy.txt", utf8(policy(false)), "dup/policy.txt").then().statusCode(200);
        upload("policy-v2.txt", utf8(policy(true)), "dup/policy-v2.txt").then().statusCode(200);
        upload(
                        "canteen.txt",
                        utf8("Canteen\n\nThe canteen serves soup, bread and a daily salad from noon until two."),
                        "dup/canteen.txt")
                .then()
                .statusCode(200);
        String original = idOf("dup/policy.txt");
        String variant = idOf("dup/policy-v2.txt");
        String unrelated = idOf("dup/canteen.txt");

        assertEquals(List.of(variant), nearDuplicatesOf(original));
        assertEquals(List.of(original), nearDuplicatesOf(variant));
        assertEquals(List.of(), nearDuplicatesOf(unrelated));
        JsonPath view = ok(get("/v1/documents/" + original));
        double similarity = view.getDouble("nearDuplicateOf[0].similarity");
        assertTrue(similarity >= 0.8 && similarity < 1, "similarity " + similarity);

        given().delete("/v1/documents/" + variant).then().statusCode(200);
        assertEquals(List.of(), nearDuplicatesOf(original), "a deleted document is no near-duplicate");
    }
}
