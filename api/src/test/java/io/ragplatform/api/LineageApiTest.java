package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ragplatform.fixtures.Fixture;
import io.restassured.path.json.JsonPath;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/chunks/{id}/lineage}: from a chunk to its documents and the bytes of their files, per version. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class LineageApiTest {
    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * The appearance of a lineage in the given document, as a path rooted at it. Other tests of the same service may
     * store the same chunk under other sources (the suite shares one data directory), so a test finds its own.
     */
    private static JsonPath appearanceIn(JsonPath lineage, String documentId) {
        List<Map<String, Object>> all = lineage.getList("appearances");
        for (int i = 0; i < all.size(); i++) {
            if (documentId.equals(lineage.getString("appearances[" + i + "].document.documentId"))) {
                return new JsonPath(lineage.prettify()).setRootPath("appearances[" + i + "]");
            }
        }
        throw new AssertionError("no appearance in " + documentId + ": " + lineage.prettify());
    }

    @Test
    void a_message_of_a_mailbox_leads_to_the_mailbox_file_and_its_bytes() throws Exception {
        byte[] mbox = Fixture.bytes("tika/complex.mbox");
        long uploaded = ok(upload("complex.mbox", mbox, "lineage/complex.mbox")).getLong("indexVersion");
        List<Map<String, Object>> docs = ok(documentsOf("lineage/complex.mbox")).getList("documents");
        assertTrue(docs.size() > 1, "a mailbox holds its messages: " + docs.size());
        Map<String, Object> root = docs.get(0);
        Map<String, Object> message = docs.get(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> chunks = (List<Map<String, Object>>) message.get("chunks");
        String chunkId = (String) chunks.get(0).get("chunkId");

        JsonPath lineage = ok(get("/v1/chunks/" + chunkId + "/lineage"));

        assertEquals(chunkId, lineage.getString("chunkId"));
        assertEquals(ok(get("/v1/chunks/" + chunkId)).getString("text"), lineage.getString("text"));
        // the current version when read: the upload's or a later one (a source's cron may commit meanwhile)
        assertTrue(lineage.getLong("indexVersion") >= uploaded, lineage.prettify());
        JsonPath place = appearanceIn(lineage, (String) message.get("documentId"));
        assertEquals(0, place.getInt("ordinal"));
        assertEquals(message.get("documentId"), place.getString("document.documentId"));
        assertEquals(root.get("documentId"), place.getString("document.parentDocumentId"));
        assertEquals(message.get("contentHash"), place.getString("document.contentHash"));
        assertEquals(chunks.size(), place.getInt("document.chunks"));
        assertEquals(root.get("documentId"), place.getString("file.documentId"));
        assertEquals(sha256(mbox), place.getString("file.fileHash"), "the file's bytes, as uploaded");
        assertEquals(mbox.length, place.getLong("file.fileSize"));
    }

    @Test
    void pages_of_a_pdf_and_an_older_version_as_it_was() {
        ok(upload("handbook.pdf", Fixture.bytes("handbook/handbook.pdf"), "lineage/handbook.pdf"));
        JsonPath doc = ok(documentsOf("lineage/handbook.pdf"));
        List<Integer> pages = doc.getList("documents[0].chunks.page");
        String last = doc.getString("documents[0].chunks[-1].chunkId");
        JsonPath inPdf =
                appearanceIn(ok(get("/v1/chunks/" + last + "/lineage")), doc.getString("documents[0].documentId"));
        assertEquals(pages.getLast(), inPdf.getInt("page"));
        assertTrue(inPdf.getInt("page") > 1, "the last chunk is past the first page");

        StringBuilder sections = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            sections.append("Section Number ")
                    .append(i)
                    .append("\n\nParagraph ")
                    .append(i)
                    .append(" explains how the archive of region ")
                    .append(i)
                    .append(" is rotated every ")
                    .append(i + 2)
                    .append(" weeks by the storage team.\n\n");
        }
        String text = sections.toString();
        JsonPath v1 = ok(upload("travel.txt", utf8(text), "lineage/travel"));
        List<String> chunkIds = ok(documentsOf("lineage/travel")).getList("documents[0].chunks.chunkId");
        assertTrue(chunkIds.size() > 1, "a chunk per section: " + chunkIds);
        String chunkId = chunkIds.get(1);
        String travel = ok(documentsOf("lineage/travel")).getString("documents[0].documentId");
        long before = v1.getLong("indexVersion");
        JsonPath v2 = ok(upload("travel.txt", utf8(text + "Addendum\n\nA new closing paragraph."), "lineage/travel"));
        assertEquals("updated", v2.getString("status"));

        JsonPath then = ok(get("/v1/chunks/" + chunkId + "/lineage?indexVersion=" + before));
        JsonPath now = ok(get("/v1/chunks/" + chunkId + "/lineage"));
        assertEquals(before, then.getLong("indexVersion"));
        assertEquals(1, appearanceIn(then, travel).getInt("document.version"));
        assertEquals(2, appearanceIn(now, travel).getInt("document.version"));
        assertNotEquals(
                appearanceIn(then, travel).getString("file.fileHash"),
                appearanceIn(now, travel).getString("file.fileHash"));
    }

    @Test
    void an_unknown_chunk_or_a_version_not_retained_is_a_json_error() {
        error(get("/v1/chunks/0000/lineage"), 404, "not_found");
        error(get("/v1/chunks/0000/lineage?indexVersion=abc"), 400, "invalid_request");
        ok(upload("note.txt", utf8("Note\n\nThe lineage test note."), "lineage/note"));
        String chunkId = ok(documentsOf("lineage/note")).getString("documents[0].chunks[0].chunkId");
        get("/v1/chunks/" + chunkId + "/lineage?indexVersion=999999")
                .statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                        .and(org.hamcrest.Matchers.lessThan(500)))
                .body("error", org.hamcrest.Matchers.notNullValue())
                .body("message", org.hamcrest.Matchers.containsString("/v1/index/versions"));
    }
}
