package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.currentIndexVersion;
import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The golden end-to-end case: one handbook as HTML, DOCX, Markdown, plain text (Latin-1), e-mail and PDF is stored
 * once, every later copy embeds only what it does not share, an edit re-embeds at most three chunks, and a code word
 * finds its section first.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossFormatDedupTest {
    private static final List<String> FORMATS = List.of("html", "docx", "md", "txt", "eml", "pdf");

    private static List<String> chunkIds(String documentId) {
        return ok(get("/v1/documents/" + documentId)).getList("chunks.chunkId");
    }

    @Test
    @Order(1)
    void the_same_handbook_in_six_formats_is_stored_and_embedded_once() {
        Set<String> seen = new HashSet<>();
        Set<String> htmlChunks = null;
        for (String format : FORMATS) {
            String name = "handbook." + format;
            JsonPath r = ok(upload(name, bytes("handbook/" + name), "dedup/" + name));
            assertEquals("created", r.getString("status"), name);
            List<String> ids = chunkIds(r.getString("documentId"));
            Set<String> distinct = new LinkedHashSet<>(ids);
            Set<String> fresh = new HashSet<>(distinct);
            fresh.removeAll(seen);
            assertEquals(fresh.size(), r.getInt("embedded"), name + " must embed exactly the chunks not stored before");
            if (htmlChunks == null) {
                htmlChunks = distinct;
                assertTrue(distinct.size() >= 30, "the handbook has 36 sections: " + distinct.size() + " chunks");
            } else {
                long shared = distinct.stream().filter(htmlChunks::contains).count();
                double share = (double) shared / distinct.size();
                double required = format.equals("pdf") ? 0.60 : 0.80;
                assertTrue(
                        share >= required,
                        name + " shares " + shared + "/" + distinct.size() + " chunks with the HTML copy");
            }
            seen.addAll(distinct);
        }
    }

    @Test
    @Order(2)
    void reupload_is_unchanged_and_one_inserted_sentence_reembeds_at_most_three_chunks() {
        byte[] txt = bytes("handbook/handbook.txt");
        JsonPath same = ok(upload("handbook.txt", txt, "dedup/handbook.txt"));
        assertEquals("unchanged", same.getString("status"));
        assertEquals(0, same.getInt("embedded"));

        long beforeEdit = currentIndexVersion();
        JsonPath edited = ok(upload("handbook.txt", bytes("handbook/handbook-edited.txt"), "dedup/handbook.txt"));
        assertEquals("updated", edited.getString("status"));
        assertEquals(2, edited.getInt("version"));
        assertTrue(edited.getInt("embedded") <= 3, "embedded " + edited.getInt("embedded"));
        assertTrue(edited.getInt("chunks.added") <= 3, "added " + edited.getInt("chunks.added"));
        assertEquals(beforeEdit + 1, edited.getLong("indexVersion"));

        // the edited text is searchable now; the retained version before the edit still has the old text only
        String sentence = "Quarterly audits also cover the archived snapshots.";
        String now = ok(search("q", sentence, "mode", "keyword", "sourceId", "dedup/handbook.txt", "k", 1))
                .getString("results[0].text");
        assertTrue(now.contains(sentence), now);
        JsonPath old = ok(search(
                "q",
                sentence,
                "mode",
                "keyword",
                "sourceId",
                "dedup/handbook.txt",
                "k",
                5,
                "indexVersion",
                beforeEdit));
        assertEquals(beforeEdit, old.getLong("indexVersion"));
        List<String> oldTexts = old.getList("results.text");
        assertTrue(
                !oldTexts.isEmpty() && oldTexts.stream().noneMatch(t -> t.contains(sentence)),
                "version " + beforeEdit + ": " + oldTexts);
    }

    @Test
    @Order(3)
    void a_code_word_finds_its_section_first_with_every_copy_as_source() {
        for (String mode : List.of("hybrid", "keyword")) {
            JsonPath r = ok(search("q", "QUOKKA-7731", "k", 5, "mode", mode));
            String text = r.getString("results[0].text");
            assertTrue(text.contains("QUOKKA-7731"), mode + ": first result is " + text);
            List<Map<String, Object>> sources = r.getList("results[0].sources");
            Set<Object> sourceIds = new HashSet<>();
            sources.forEach(s -> sourceIds.add(s.get("sourceId")));
            assertTrue(sourceIds.size() >= 5, mode + ": the section is shared by the copies: " + sourceIds);
        }
    }

    @Test
    @Order(4)
    void a_mailbox_becomes_one_document_per_message_naming_its_parent() {
        JsonPath r = ok(upload("complex.mbox", bytes("tika/complex.mbox"), "dedup/complex.mbox"));
        String root = r.getString("documentId");
        JsonPath source = ok(documentsOf("dedup/complex.mbox"));
        List<Map<String, Object>> docs = source.getList("documents");
        assertEquals(root, docs.get(0).get("documentId"));
        assertTrue(docs.size() >= 4, "mailbox + 3 messages: " + docs.size());
        for (Map<String, Object> child : docs.subList(1, docs.size())) {
            assertEquals(root, child.get("parentDocumentId"));
            assertEquals("message/rfc822", child.get("contentType"));
        }
        JsonPath eml = ok(upload("mail.eml", bytes("tika/testRFC822_multipart_attachments.eml"), "dedup/mail.eml"));
        List<Map<String, Object>> parts = eml.getList("documents");
        assertTrue(parts.size() >= 3, "message + 2 attachments: " + parts);
        assertEquals(eml.getString("documentId"), parts.get(1).get("parentDocumentId"));
    }

    @Test
    @Order(5)
    void deleting_the_pdf_copy_keeps_the_chunks_shared_with_html_and_drops_its_own() {
        String pdfId = ok(documentsOf("dedup/handbook.pdf")).getString("documents[0].documentId");
        String htmlId = ok(documentsOf("dedup/handbook.html")).getString("documents[0].documentId");
        Set<String> pdf = new LinkedHashSet<>(chunkIds(pdfId));
        Set<String> others = new HashSet<>();
        for (String format : List.of("html", "docx", "md", "txt", "eml")) {
            String id = ok(documentsOf("dedup/handbook." + format)).getString("documents[0].documentId");
            others.addAll(chunkIds(id));
        }
        Set<String> pdfOnly = new HashSet<>(pdf);
        pdfOnly.removeAll(others);
        Set<String> shared = new HashSet<>(pdf);
        shared.retainAll(chunkIds(htmlId));
        assertTrue(
                !pdfOnly.isEmpty() && !shared.isEmpty(),
                "the fixture has both kinds: " + pdfOnly.size() + " / " + shared.size());

        JsonPath deleted = ok(given().delete("/v1/documents/" + pdfId).then());
        assertEquals(pdfOnly.size(), deleted.getInt("chunksRemoved"));
        get("/v1/documents/" + pdfId).statusCode(404);
        for (String id : pdfOnly) {
            get("/v1/chunks/" + id).statusCode(404);
        }
        for (String id : shared) {
            List<String> sources = ok(get("/v1/chunks/" + id)).getList("occurrences.sourceId");
            assertTrue(
                    sources.contains("dedup/handbook.html") && !sources.contains("dedup/handbook.pdf"),
                    sources.toString());
        }
        get("/v1/index/check").statusCode(200).body("consistent", org.hamcrest.Matchers.equalTo(true));
    }
}
