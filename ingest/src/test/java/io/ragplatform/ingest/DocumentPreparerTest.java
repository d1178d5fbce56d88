package io.ragplatform.ingest;

import static io.ragplatform.ingest.Fixtures.handbook;
import static io.ragplatform.ingest.Fixtures.tika;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole pipeline on the handbook fixture (the fixtures module's handbook/): the same handbook as
 * HTML, Word, Markdown, Latin-1 text, e-mail and PDF.
 */
class DocumentPreparerTest {
    /** The embedding input of all-MiniLM-L6-v2 (256) less its two special tokens. */
    private static final int MAX_TOKENS = 254;

    private static final String CODE_WORD = "QUOKKA-7731";

    private static DocumentPreparer preparer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        preparer = Fixtures.englishPreparer(MAX_TOKENS);
    }

    private static PreparedUpload prepare(Path file, String sourceId) {
        return preparer.prepare(file, file.getFileName().toString(), sourceId, Map.of(), Acl.PUBLIC_ONLY);
    }

    private static PreparedUpload prepareHandbook(String name) {
        return prepare(handbook(name), "handbooks/" + name);
    }

    private static List<String> chunkIds(PreparedUpload upload) {
        return upload.documents().stream()
                .flatMap(d -> d.chunks().stream())
                .map(Chunk::id)
                .toList();
    }

    // ---------------------------------------------------------------- the same content in six formats

    @ParameterizedTest
    @ValueSource(strings = {"handbook.docx", "handbook.md", "handbook.txt", "handbook.eml"})
    void every_format_shares_most_chunk_ids_with_the_html_copy(String name) {
        Set<String> html = new HashSet<>(chunkIds(prepareHandbook("handbook.html")));
        List<String> ids = chunkIds(prepareHandbook(name));

        long shared = ids.stream().filter(html::contains).count();
        assertTrue(
                shared >= 0.8 * ids.size(),
                name + " shares " + shared + " of " + ids.size() + " chunk IDs with the HTML copy");
    }

    @Test
    void pdf_shares_most_chunk_ids_with_the_html_copy() {
        Set<String> html = new HashSet<>(chunkIds(prepareHandbook("handbook.html")));
        List<String> ids = chunkIds(prepareHandbook("handbook.pdf"));

        long shared = ids.stream().filter(html::contains).count();
        assertTrue(
                shared >= 0.6 * ids.size(),
                "PDF shares " + shared + " of " + ids.size() + " chunk IDs with the HTML copy");
        assertTrue(ids.size() >= 30, "chunks: " + ids.size());
    }

    @Test
    void html_word_markdown_and_text_copies_have_one_canonical_text() {
        PreparedDocument html = prepareHandbook("handbook.html").root();
        for (String name : List.of("handbook.docx", "handbook.md", "handbook.txt")) {
            PreparedDocument other = prepareHandbook(name).root();
            assertEquals(html.contentHash(), other.contentHash(), name);
            assertEquals(html.textLength(), other.textLength(), name);
            assertEquals(chunkIdsOf(html), chunkIdsOf(other), name);
        }
    }

    private static List<String> chunkIdsOf(PreparedDocument d) {
        return d.chunks().stream().map(Chunk::id).toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"handbook.html", "handbook.docx", "handbook.md", "handbook.txt", "handbook.eml", "handbook.pdf"})
    void code_word_is_in_exactly_one_chunk_of_every_copy(String name) {
        PreparedUpload upload = prepareHandbook(name);
        List<Chunk> withCodeWord = upload.documents().stream()
                .flatMap(d -> d.chunks().stream())
                .filter(c -> c.text().contains(CODE_WORD))
                .toList();

        assertEquals(1, withCodeWord.size(), name);
        assertTrue(
                withCodeWord.get(0).text().contains("Incident Escalation"),
                () -> name + ": " + withCodeWord.get(0).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"handbook.html", "handbook.docx", "handbook.pdf", "handbook.eml"})
    void page_furniture_and_site_chrome_are_not_content(String name) {
        PreparedUpload upload = prepareHandbook(name);
        for (PreparedDocument d : upload.documents()) {
            for (Chunk c : d.chunks()) {
                assertTrue(
                        !c.text().contains("Handbook - Internal") && !c.text().matches("(?s).*Page \\d+ of \\d+.*"),
                        () -> name + ": " + c.text());
            }
        }
    }

    @Test
    void html_portal_chrome_is_not_content() {
        PreparedDocument html = prepareHandbook("handbook.html").root();

        assertEquals(
                "Northwind Data Handling Handbook | Northwind Intranet Portal",
                html.properties().get(MetadataKeys.TITLE));
        for (Chunk c : html.chunks()) {
            for (String chrome :
                    List.of("Intranet Portal", "canteen", "Newsroom", "Copyright 2024", "dataLayer", "portal ready")) {
                assertTrue(!c.text().contains(chrome), () -> chrome + " in " + c.text());
            }
        }
        assertTrue(html.chunks().get(0).text().startsWith("Northwind Data Handling Handbook\n\nPurpose and Scope\n\n"));
    }

    @Test
    void latin1_names_survive_every_format() {
        for (String name : List.of(
                "handbook.html", "handbook.docx", "handbook.md", "handbook.txt", "handbook.eml", "handbook.pdf")) {
            PreparedUpload upload = prepareHandbook(name);
            assertTrue(
                    upload.documents().stream()
                            .flatMap(d -> d.chunks().stream())
                            .anyMatch(c -> c.text()
                                    .contains("José Müller, the data protection officer based in the Zürich office.")),
                    name);
        }
    }

    @Test
    void pdf_chunks_carry_page_numbers() {
        PreparedDocument pdf = prepareHandbook("handbook.pdf").root();

        assertEquals("application/pdf", pdf.contentType());
        assertEquals("15", pdf.properties().get(MetadataKeys.PAGES));
        assertEquals(1, pdf.chunks().get(0).page());
        List<Integer> pages = pdf.chunks().stream().map(Chunk::page).toList();
        assertTrue(pages.stream().allMatch(p -> p >= 1 && p <= 15), pages::toString);
        assertEquals(pages.stream().sorted().toList(), pages, "pages run in order");
        assertTrue(pages.get(pages.size() - 1) >= 14, pages::toString);
    }

    // ---------------------------------------------------------------- edits, identity, hashes

    @Test
    void one_sentence_edit_changes_at_most_three_chunk_ids() {
        Set<String> original = new HashSet<>(chunkIds(prepareHandbook("handbook.txt")));
        Set<String> edited = new HashSet<>(chunkIds(prepareHandbook("handbook-edited.txt")));

        Set<String> removed = new HashSet<>(original);
        removed.removeAll(edited);
        Set<String> added = new HashSet<>(edited);
        added.removeAll(original);
        assertTrue(!added.isEmpty() && added.size() <= 3, "added " + added.size());
        assertTrue(!removed.isEmpty() && removed.size() <= 3, "removed " + removed.size());
        String sentence = "Quarterly audits also cover the archived snapshots.";
        PreparedDocument doc = prepareHandbook("handbook-edited.txt").root();
        assertTrue(doc.chunks().stream()
                .filter(c -> added.contains(c.id()))
                .anyMatch(c -> c.text().contains(sentence)));
    }

    @Test
    void same_file_prepared_twice_gives_identical_hashes_and_ids() {
        PreparedUpload a = prepareHandbook("handbook.docx");
        PreparedUpload b = prepareHandbook("handbook.docx");

        assertEquals(a.root().contentHash(), b.root().contentHash());
        assertEquals(a.root().metadataHash(), b.root().metadataHash());
        assertEquals(chunkIds(a), chunkIds(b));
        assertEquals(a, b);
    }

    @Test
    void content_hash_is_the_hash_of_the_canonical_text() {
        PreparedDocument doc = prepare(Fixtures.writeUtf8(tmp, "n.txt", "A single line of text.\n"), "s")
                .root();

        // SHA-256 of "content\0canon-1\0A single line of text.\0", computed independently
        assertEquals("3a0c6347cf0e2ec1a82e8b2a6542ecc3d157984918365797c6b20bdbff46f670", doc.contentHash());
        assertEquals("A single line of text.".length(), doc.textLength());
    }

    @Test
    void document_id_depends_only_on_source_id_and_path() {
        PreparedUpload html = prepare(handbook("handbook.html"), "team/handbook");
        PreparedUpload txt = prepare(handbook("handbook.txt"), "team/handbook");
        PreparedUpload renamed = prepare(handbook("handbook.html"), "team/handbook-v2");

        assertEquals(
                DocumentPreparer.documentId("team/handbook", ""), html.root().documentId());
        assertEquals(html.root().documentId(), txt.root().documentId(), "new content, same document");
        assertNotEquals(html.root().documentId(), renamed.root().documentId(), "same content, other document");
        // pinned (SHA-256 of "document\0team/handbook\0\0", computed independently): a change re-keys every stored
        // document
        assertEquals("333de7c33d33a96a93f636222af2dc72", html.root().documentId());
        assertNotEquals(
                DocumentPreparer.documentId("team/handbook", "/1"), html.root().documentId());
    }

    @Test
    void attachments_are_documents_under_the_message() {
        Map<String, String> userMetadata = Map.of("team", "support");
        PreparedUpload upload = preparer.prepare(
                tika("testRFC822_multipart_attachments.eml"), "mail.eml", "inbox/42", userMetadata, Acl.PUBLIC_ONLY);

        assertEquals(
                List.of("", "/1", "/2"),
                upload.documents().stream().map(PreparedDocument::path).toList());
        PreparedDocument root = upload.root();
        assertNull(root.parentDocumentId());
        assertEquals(userMetadata, root.metadata());
        assertEquals("EML 1", root.properties().get(MetadataKeys.TITLE));
        for (PreparedDocument child : upload.documents().subList(1, 3)) {
            assertEquals(root.documentId(), child.parentDocumentId());
            assertEquals(DocumentPreparer.documentId("inbox/42", child.path()), child.documentId());
            assertEquals(Map.of(), child.metadata(), "caller metadata belongs to the uploaded file");
            assertEquals("inbox/42", child.sourceId());
            assertEquals(1, child.chunks().size());
        }
        assertEquals(
                "This is Test TXTA File for parser",
                upload.documents().get(1).chunks().get(0).text());
    }

    @Test
    void mailbox_root_without_text_is_kept_with_its_messages() {
        PreparedUpload upload = prepare(tika("complex.mbox"), "mail/complex.mbox");

        assertEquals(4, upload.documents().size());
        assertEquals(List.of(), upload.root().chunks());
        assertEquals(0, upload.root().textLength());
        assertTrue(upload.documents().subList(1, 4).stream()
                .allMatch(d -> !d.chunks().isEmpty()));
    }

    @Test
    void caller_metadata_changes_the_metadata_hash_but_not_the_content_hash() {
        Path file = handbook("handbook.md");
        PreparedDocument a = preparer.prepare(file, "handbook.md", "s", Map.of("owner", "ada"), Acl.PUBLIC_ONLY)
                .root();
        PreparedDocument b = preparer.prepare(file, "handbook.md", "s", Map.of("owner", "grace"), Acl.PUBLIC_ONLY)
                .root();

        assertEquals(a.contentHash(), b.contentHash());
        assertEquals(chunkIdsOf(a), chunkIdsOf(b));
        assertNotEquals(a.metadataHash(), b.metadataHash());
    }

    @Test
    void pipeline_version_names_both_versions_and_the_chunk_budget() {
        assertEquals("canon-2/chunk-2/max=254", preparer.pipelineVersion());
    }

    // ---------------------------------------------------------------- language

    @Test
    void language_comes_from_the_detector() {
        assertEquals("en", prepareHandbook("handbook.md").root().language());
    }

    @Test
    void tika_language_detector_recognises_english_and_german() {
        LanguageDetector tika = LanguageDetector.tika();

        assertEquals(
                "en",
                tika.detect("This handbook describes how Northwind Traders collects, stores, shares, and deletes data "
                        + "in the course of its business. It applies to every employee and contractor."));
        assertEquals(
                "de",
                tika.detect("Dieses Handbuch beschreibt, wie das Unternehmen Daten erhebt, speichert, weitergibt und "
                        + "löscht. Es gilt für alle Mitarbeiterinnen und Mitarbeiter."));
        assertEquals("und", tika.detect("   "));
    }

    @Test
    void tika_language_detector_in_the_pipeline_detects_the_handbook_as_english() {
        Canonicalizer canonicalizer = Canonicalizer.standard();
        DocumentPreparer withTika = new DocumentPreparer(
                Extractors.tika(ExtractionLimits.DEFAULTS),
                canonicalizer,
                Chunker.structural(TokenCounter.approximate(), MAX_TOKENS, canonicalizer.hashVersion()),
                LanguageDetector.tika());

        assertEquals(
                "en",
                withTika.prepare(handbook("handbook.pdf"), "handbook.pdf", "s", Map.of(), Acl.PUBLIC_ONLY)
                        .root()
                        .language());
    }

    // ---------------------------------------------------------------- bad requests

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void blank_source_id_is_an_invalid_request(String sourceId) {
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> preparer.prepare(handbook("handbook.txt"), "handbook.txt", sourceId, Map.of(), Acl.PUBLIC_ONLY));

        assertEquals(RejectReason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("sourceId"), e.getMessage());
    }

    @Test
    void missing_source_id_is_an_invalid_request() {
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> preparer.prepare(handbook("handbook.txt"), "handbook.txt", null, Map.of(), Acl.PUBLIC_ONLY));
        assertEquals(RejectReason.INVALID_REQUEST, e.reason());
    }

    @Test
    void over_long_source_id_is_an_invalid_request() {
        String longId = "x".repeat(DocumentPreparer.MAX_SOURCE_ID_BYTES + 1);
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> preparer.prepare(handbook("handbook.txt"), "handbook.txt", longId, Map.of(), Acl.PUBLIC_ONLY));

        assertEquals(RejectReason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("1025"), e.getMessage());
        // the longest allowed one is fine
        String maxId = "x".repeat(DocumentPreparer.MAX_SOURCE_ID_BYTES);
        assertEquals(
                maxId,
                preparer.prepare(handbook("handbook.txt"), "handbook.txt", maxId, Map.of(), Acl.PUBLIC_ONLY)
                        .sourceId());
    }

    @Test
    void source_id_with_control_characters_is_an_invalid_request() {
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> preparer.prepare(handbook("handbook.txt"), "handbook.txt", "a\nb", Map.of(), Acl.PUBLIC_ONLY));
        assertEquals(RejectReason.INVALID_REQUEST, e.reason());
    }

    @Test
    void the_source_id_limit_counts_utf8_bytes_not_characters() {
        // "é" is two bytes in UTF-8: 513 of them are 513 characters but 1026 bytes
        String wide = "é".repeat(DocumentPreparer.MAX_SOURCE_ID_BYTES / 2 + 1);
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> preparer.prepare(handbook("handbook.txt"), "handbook.txt", wide, Map.of(), Acl.PUBLIC_ONLY));
        assertEquals(RejectReason.INVALID_REQUEST, e.reason());
        assertEquals("invalid_request", e.code());
        assertTrue(e.getMessage().contains("1026 bytes") && e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void metadata_over_64_kb_as_json_is_an_invalid_request_naming_the_limit() {
        Path missing = tmp.resolve("not-read.txt");
        // {"k":"vvv…"}: 2 braces + 3 ("k") + 1 colon + 2 quotes + n
        int fits = DocumentPreparer.MAX_METADATA_BYTES - 8;
        assertEquals(
                DocumentPreparer.MAX_METADATA_BYTES, DocumentPreparer.metadataJsonBytes(Map.of("k", "v".repeat(fits))));
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> preparer.prepare(missing, "x.txt", "s", Map.of("k", "v".repeat(fits + 1)), Acl.PUBLIC_ONLY));
        assertEquals(RejectReason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("65537 bytes") && e.getMessage().contains("65536"), e.getMessage());
        // escapes and multi-byte characters count as JSON sends them
        assertEquals(2 + 3 + 1 + 4, DocumentPreparer.metadataJsonBytes(Map.of("k", "\"")));
        assertEquals(2 + 3 + 1 + 2 + 6 + 2 + 4, DocumentPreparer.metadataJsonBytes(Map.of("k", "\u0001é😀")));
        assertEquals(2, DocumentPreparer.metadataJsonBytes(Map.of()));
        assertEquals(
                "{\"a\":\"1\",\"b\":\"2\"}".length(), DocumentPreparer.metadataJsonBytes(Map.of("a", "1", "b", "2")));
    }

    @Test
    void the_acl_is_normalized_and_every_document_of_the_upload_carries_it() {
        PreparedUpload upload = preparer.prepare(
                tika("testRFC822_multipart_attachments.eml"),
                "mail.eml",
                "inbox/7",
                Map.of(),
                List.of(" finance ", "eng", "finance"));
        assertEquals(List.of("eng", "finance"), upload.acl(), "trimmed, distinct, sorted");
        assertEquals(3, upload.documents().size(), "the attachments are documents of the same upload and acl");
    }

    @Test
    void the_acl_changes_no_id_and_no_hash() {
        Path file = handbook("handbook.md");
        PreparedUpload open = preparer.prepare(file, "handbook.md", "s", Map.of(), Acl.PUBLIC_ONLY);
        PreparedUpload closed = preparer.prepare(file, "handbook.md", "s", Map.of(), List.of("finance"));
        assertEquals(open.documents(), closed.documents(), "IDs, content and metadata hashes, chunks all equal");
        assertNotEquals(open.acl(), closed.acl());
    }

    @Test
    void a_bad_acl_is_an_invalid_request_naming_the_limit_before_the_file_is_read() {
        Path missing = tmp.resolve("not-read.txt");
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, Acl.MAX_GROUPS)
                .mapToObj(i -> "g" + i)
                .toList();
        for (var bad : List.<Map.Entry<List<String>, String>>of(
                Map.entry(List.of(), "at least one group"),
                Map.entry(List.of("eng", " "), "blank"),
                Map.entry(List.of("x".repeat(Acl.MAX_GROUP_LENGTH + 1)), "257 characters; the limit is 256"),
                Map.entry(tooMany, "65 groups; the limit is 64"),
                Map.entry(List.of("a\u0000b"), "control characters"))) {
            DocumentRejectedException e = assertThrows(
                    DocumentRejectedException.class,
                    () -> preparer.prepare(missing, "x.txt", "s", Map.of(), bad.getKey()));
            assertEquals("invalid_request", e.code());
            assertEquals(io.ragplatform.error.ErrorCategory.INVALID_INPUT, e.category());
            assertTrue(e.getMessage().contains(bad.getValue()), e.getMessage());
        }
        // the limits themselves are fine
        assertEquals(Acl.MAX_GROUPS, Acl.of(tooMany.subList(0, Acl.MAX_GROUPS)).size());
        assertEquals(List.of("x".repeat(Acl.MAX_GROUP_LENGTH)), Acl.of(List.of("x".repeat(Acl.MAX_GROUP_LENGTH))));
    }

    @Test
    void a_stored_acl_is_read_leniently_and_a_missing_one_is_public() {
        assertEquals(Acl.PUBLIC_ONLY, Acl.stored(null));
        assertEquals(Acl.PUBLIC_ONLY, Acl.stored(List.of()));
        assertEquals(List.of("a", "b"), Acl.stored(List.of("b ", "a", "b")));
    }

    @Test
    void bad_source_id_is_refused_before_the_file_is_read() {
        Path missing = tmp.resolve("does-not-exist.txt");
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> preparer.prepare(missing, "does-not-exist.txt", " ", Map.of(), Acl.PUBLIC_ONLY));
        assertEquals(RejectReason.INVALID_REQUEST, e.reason());
    }

    @Test
    void text_that_canonicalizes_to_nothing_is_rejected_as_no_text() {
        // zero-width spaces and soft hyphens are characters to Tika but nothing once canonical
        Path file = Fixtures.writeUtf8(tmp, "invisible.txt", "\u200b\u200b\u00ad\n\u200b\ufeff\u200b\n");

        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> prepare(file, "s"));

        assertEquals(RejectReason.NO_TEXT, e.reason());
        assertEquals(DocumentRejectedException.CHUNKING, e.stage());
        assertTrue(e.getMessage().contains("'invisible.txt'"), e.getMessage());
    }

    @Test
    void file_rejected_by_the_extractor_keeps_the_extractors_reason() {
        DocumentRejectedException e =
                assertThrows(DocumentRejectedException.class, () -> prepare(tika("testOCR.pdf"), "s"));
        assertEquals(RejectReason.NO_TEXT, e.reason());
        assertEquals(DocumentRejectedException.EXTRACTION, e.stage());
    }
}
