package io.ragplatform.ingest;

import static io.ragplatform.ingest.Fixtures.resource;
import static io.ragplatform.ingest.Fixtures.tika;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Extractors#tika} makes of each supported format. */
class TikaExtractorTest {
    private static final Extractor EXTRACTOR = Extractors.tika(ExtractionLimits.DEFAULTS);

    @TempDir
    Path tmp;

    private static List<ExtractedDocument> extract(Path file) {
        return EXTRACTOR.extract(file, file.getFileName().toString());
    }

    private static ExtractedDocument single(Path file) {
        List<ExtractedDocument> docs = extract(file);
        assertEquals(1, docs.size(), () -> "documents of " + file.getFileName() + ": " + paths(docs));
        ExtractedDocument doc = docs.get(0);
        assertEquals("", doc.path());
        assertTrue(doc.isRoot());
        return doc;
    }

    private static String text(ExtractedDocument doc) {
        return doc.blocks().stream().map(RawBlock::text).collect(Collectors.joining("\n"));
    }

    private static List<String> texts(ExtractedDocument doc, BlockKind kind) {
        return blocks(doc, kind).stream().map(b -> b.text().strip()).toList();
    }

    private static List<RawBlock> blocks(ExtractedDocument doc, BlockKind kind) {
        return doc.blocks().stream().filter(b -> b.kind() == kind).toList();
    }

    private static List<String> paths(List<ExtractedDocument> docs) {
        return docs.stream().map(ExtractedDocument::path).toList();
    }

    /** Asserts the document's media type and, of its metadata, these entries (others may be present). */
    private static void assertExtracted(ExtractedDocument doc, String contentType, Map<String, String> metadata) {
        assertEquals(contentType, doc.contentType());
        assertMetadata(doc, metadata);
    }

    /** Asserts these entries of the document's metadata (others may be present). */
    private static void assertMetadata(ExtractedDocument doc, Map<String, String> expected) {
        expected.forEach((key, value) -> assertEquals(value, doc.metadata().get(key), key));
    }

    private static String canonical(ExtractedDocument doc) {
        return Canonicalizer.standard().canonicalize(doc).text();
    }

    // ---------------------------------------------------------------- paged formats

    @Test
    void pdf_text_comes_with_page_count_and_page_numbers() {
        ExtractedDocument doc = single(tika("testPDF.pdf"));

        assertExtracted(
                doc,
                "application/pdf",
                Map.of(
                        MetadataKeys.PAGES,
                        "1",
                        MetadataKeys.TITLE,
                        "Apache Tika - Apache Tika",
                        MetadataKeys.AUTHOR,
                        "Bertrand Delacrétaz",
                        MetadataKeys.FILE_NAME,
                        "testPDF.pdf"));
        assertTrue(text(doc).contains("Apache Tika is a toolkit for detecting and extracting metadata"), text(doc));
        assertTrue(
                doc.blocks().stream().allMatch(b -> b.page() == 1),
                () -> "pages: " + doc.blocks().stream().map(RawBlock::page).toList());
    }

    @Test
    void pdf_lines_of_one_paragraph_are_unwrapped_by_the_canonicalizer() {
        String text = canonical(single(tika("testPDF.pdf")));

        assertTrue(
                text.contains(
                        "Apache Tika is a toolkit for detecting and extracting metadata and structured text content "
                                + "from various documents using existing parser libraries."),
                text);
    }

    @Test
    void html_whose_declared_charset_lies_is_decoded_from_its_bytes() {
        // Tika's testArabicMisleadingCharset.html: windows-1256 bytes under <meta charset=UTF-8>; Tika trusts the
        // meta and yields replacement characters, so the text is read again by Tika's statistical detector
        ExtractedDocument doc = single(tika("testArabicMisleadingCharset.html"));

        assertEquals("text/html", doc.contentType());
        assertEquals("windows-1256", doc.metadata().get(MetadataKeys.CHARSET));
        String text = texts(doc, BlockKind.PARAGRAPH).toString();
        assertTrue(text.contains("اللغة العربية"), text);
        assertFalse(text.contains("\uFFFD"), "no replacement characters left: " + text);
    }

    @Test
    void docx_yields_title_author_and_heading_levels() {
        ExtractedDocument doc = single(tika("testWORD.docx"));

        assertExtracted(
                doc,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                Map.of(MetadataKeys.TITLE, "Sample Word Document", MetadataKeys.AUTHOR, "Keith Bennett"));
        assertEquals(
                List.of(
                        "Sample Word Document Title",
                        "And now for a subtitle",
                        "Main Heading",
                        "Heading Level 1",
                        "Heading Level 2",
                        "Heading Level 3"),
                texts(doc, BlockKind.HEADING));
        List<Integer> levels =
                blocks(doc, BlockKind.HEADING).stream().map(RawBlock::level).toList();
        assertEquals(List.of(1, 2, 1, 1, 2, 3), levels);
        assertTrue(texts(doc, BlockKind.PARAGRAPH).contains("This is a sample Microsoft Word Document."));
    }

    @Test
    void docx_table_rows_share_a_table_id_and_only_the_first_is_the_header() {
        ExtractedDocument doc = single(tika("testWORD.docx"));
        List<RawBlock> rows = blocks(doc, BlockKind.TABLE_ROW);

        assertEquals(3, rows.size(), rows::toString);
        assertTrue(rows.stream().allMatch(r -> r.tableId() == rows.get(0).tableId() && r.tableId() > 0));
        assertEquals(
                List.of(true, false, false), rows.stream().map(RawBlock::header).toList());
        // the nested table collapses into its cell
        assertEquals(
                List.of("", "Nested table More of our nested table"),
                rows.get(1).cells());
    }

    @Test
    void pptx_slides_are_pages() {
        ExtractedDocument doc = single(tika("testPPT.pptx"));

        assertExtracted(
                doc,
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                Map.of(MetadataKeys.PAGES, "3", MetadataKeys.TITLE, "Attachment Test"));
        assertEquals("Attachment Test", doc.blocks().get(0).text().strip());
        assertEquals(1, doc.blocks().get(0).page());
        assertEquals(
                List.of(1, 2, 3),
                doc.blocks().stream().map(RawBlock::page).distinct().toList());
        RawBlock slide2 = doc.blocks().stream()
                .filter(b -> b.text().contains("developed by Rajiv Kumar Nistala"))
                .findFirst()
                .orElseThrow();
        assertEquals(2, slide2.page());
        assertTrue(texts(doc, BlockKind.PARAGRAPH).contains("Black Panther"));
    }

    // ---------------------------------------------------------------- office formats of our own

    @Test
    void xlsx_rows_become_table_rows_under_the_sheet_name() {
        ExtractedDocument doc = single(Fixtures.inventoryXlsx(tmp));

        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", doc.contentType());
        assertEquals(List.of("Inventory"), texts(doc, BlockKind.HEADING));
        List<RawBlock> rows = blocks(doc, BlockKind.TABLE_ROW);
        assertEquals(
                List.of(
                        List.of("Product", "Quantity", "Warehouse"),
                        List.of("Anchor bolts", "120", "North"),
                        List.of("Copper wire", "45", "South")),
                rows.stream().map(RawBlock::cells).toList());
        assertEquals(
                List.of(true, false, false), rows.stream().map(RawBlock::header).toList());
        assertEquals(
                "Product | Quantity | Warehouse\nAnchor bolts | 120 | North\nCopper wire | 45 | South",
                canonical(doc).substring(canonical(doc).indexOf("Product")));
    }

    @Test
    void odt_keeps_headings_lists_and_tables() {
        // fixtures/fixture.odt: LibreOffice's conversion of fixtures/fixture.html (see fixtures/README.md)
        ExtractedDocument doc = single(resource("fixtures/fixture.odt"));

        assertExtracted(
                doc, "application/vnd.oasis.opendocument.text", Map.of(MetadataKeys.TITLE, "Warehouse Safety Notes"));
        assertEquals(List.of("Warehouse Safety Notes", "Loading Dock"), texts(doc, BlockKind.HEADING));
        assertEquals(
                List.of("Wear high-visibility vests at all times.", "Report spills to the shift lead at once."),
                texts(doc, BlockKind.LIST_ITEM));
        assertEquals(
                List.of("Zone | Supervisor", "North | Ada Lovelace", "South | Grace Hopper"),
                texts(doc, BlockKind.TABLE_ROW));
    }

    @Test
    void rtf_keeps_paragraphs_and_lists_but_flattens_headings_and_tables() {
        ExtractedDocument doc = single(resource("fixtures/fixture.rtf"));

        assertExtracted(doc, "application/rtf", Map.of(MetadataKeys.TITLE, "Warehouse Safety Notes"));
        assertEquals(
                List.of("Wear high-visibility vests at all times.", "Report spills to the shift lead at once."),
                texts(doc, BlockKind.LIST_ITEM));
        List<String> paragraphs = texts(doc, BlockKind.PARAGRAPH);
        assertTrue(
                paragraphs.contains("Forklift drivers must complete the refresher course every twelve months."),
                paragraphs::toString);
        // Tika's RTF parser reports neither heading styles nor table structure: cells arrive as paragraphs
        assertEquals(List.of(), texts(doc, BlockKind.HEADING));
        assertEquals(List.of(), texts(doc, BlockKind.TABLE_ROW));
        assertTrue(paragraphs.containsAll(List.of("Loading Dock", "Zone", "Ada Lovelace")), paragraphs::toString);
    }

    // ---------------------------------------------------------------- HTML

    @Test
    void html_headings_and_paragraphs_with_title_and_author() {
        ExtractedDocument doc = single(tika("testHTML.html"));

        assertExtracted(
                doc,
                "text/html",
                Map.of(MetadataKeys.TITLE, "Title : Test Indexation Html", MetadataKeys.AUTHOR, "Tika Developers"));
        assertEquals(List.of("Test Indexation Html"), texts(doc, BlockKind.HEADING));
        assertEquals(List.of("Indexation du fichier"), texts(doc, BlockKind.PARAGRAPH));
    }

    @Test
    void utf8_html_keeps_non_ascii_letters() {
        // the body of Tika's testHTML_utf8.html: UTF-8 bytes, no declared charset
        String page = """
                <html>
                <head><title>Title : Tilte with UTF-8 chars öäå</title></head>
                <body>
                <h1>Content with UTF-8 chars</h1>
                <p>åäö</p>
                </body>
                </html>
                """;
        ExtractedDocument doc = single(Fixtures.writeUtf8(tmp, "testHTML_utf8.html", page));

        assertMetadata(
                doc, Map.of(MetadataKeys.CHARSET, "UTF-8", MetadataKeys.TITLE, "Title : Tilte with UTF-8 chars öäå"));
        assertEquals(List.of("åäö"), texts(doc, BlockKind.PARAGRAPH));
    }

    @Test
    void html_script_in_head_is_not_text() {
        ExtractedDocument doc = single(tika("testHTMLBadScript.html"));

        assertEquals(
                List.of("This is a test."),
                doc.blocks().stream().map(b -> b.text().strip()).toList());
        assertFalse(text(doc).contains("cool script"));
    }

    @Test
    void html_title_and_layout_text_stay_out_of_the_body_but_all_body_paragraphs_are_kept() {
        ExtractedDocument doc = single(tika("boilerplate.html"));

        assertEquals("Title", doc.metadata().get(MetadataKeys.TITLE));
        String text = canonical(doc);
        assertTrue(
                text.contains(
                        "This is the real meat of the page, and represents the text we want. It has lots of juicy "
                                + "content. We assume that it won't get filtered out. And that all of the lines will be in the output."),
                text);
        assertTrue(text.contains("Here's another paragraph of text. This is the end of the text."), text);
        assertFalse(text.startsWith("Title"), text);
        // source line breaks inside <p> are white space, not structure
        assertTrue(
                doc.blocks().stream().noneMatch(b -> b.text().contains("\n")),
                () -> doc.blocks().toString());
    }

    @Test
    void html_site_chrome_marked_up_as_such_is_dropped() {
        ExtractedDocument doc = single(resource("fixtures/site-chrome.html"));
        String all = text(doc);

        for (String chrome : List.of(
                "HEADTITLEWORD",
                "STYLEWORD",
                "SCRIPTWORD",
                "BANNERWORD",
                "NAVWORD",
                "ROLENAVWORD",
                "DIVHEADERWORD",
                "HIDDENWORD",
                "ASIDEWORD",
                "NOSCRIPTWORD",
                "FOOTERWORD")) {
            assertFalse(all.contains(chrome), () -> chrome + " leaked into " + all);
        }
        // an <article>'s own <header> holds its title, which is content
        assertEquals(List.of("Orchard Report"), texts(doc, BlockKind.HEADING));
        assertEquals(
                List.of(
                        "The apple harvest finished two weeks early this year.",
                        "Pear trees in the east block need new stakes before winter."),
                texts(doc, BlockKind.PARAGRAPH));
        assertEquals("HEADTITLEWORD Orchard Report", doc.metadata().get(MetadataKeys.TITLE));
    }

    // ---------------------------------------------------------------- plain text and Markdown

    @Test
    void latin1_plain_text_is_decoded_as_latin1() {
        String content = "Café Notes\n\nThe café on Bahnhofstrasse is run by Anna Müller.\n"
                + "She moved to Zürich in 2019 and\nopened it the same year.\n";
        byte[] latin1 = content.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(content.length(), latin1.length, "one byte per character");
        ExtractedDocument doc = single(Fixtures.write(tmp, "notes.txt", latin1));

        assertExtracted(doc, "text/plain", Map.of(MetadataKeys.CHARSET, "ISO-8859-1"));
        String text = text(doc);
        assertTrue(text.contains("Müller"), text);
        assertTrue(text.contains("Zürich"), text);
        assertTrue(text.contains("café"), text);
        assertFalse(text.contains("\uFFFD"), text);
        assertEquals(
                "Café Notes\n\nThe café on Bahnhofstrasse is run by Anna Müller. She moved to Zürich in 2019 and opened it the same year.",
                canonical(doc));
    }

    @Test
    void utf8_plain_text_is_decoded_as_utf8() {
        ExtractedDocument doc = single(Fixtures.writeUtf8(
                tmp, "notes.txt", "Grüße aus Zürich: the café owner, José Müller, opens at nine every morning.\n"));

        assertEquals("UTF-8", doc.metadata().get(MetadataKeys.CHARSET));
        assertTrue(text(doc).contains("Grüße aus Zürich"), text(doc));
    }

    @Test
    void markdown_is_typed_as_markdown_and_its_syntax_reduced_by_the_canonicalizer() {
        ExtractedDocument doc = single(resource("fixtures/release-checklist.md"));

        assertEquals("text/markdown", doc.contentType());
        // the extractor hands Markdown over as text; structure is the canonicalizer's job
        assertTrue(text(doc).startsWith("# Release Checklist\n"), text(doc));
        CanonicalText ct = Canonicalizer.standard().canonicalize(doc);
        assertEquals("""
                Release Checklist

                Before tagging a release, run the full test suite and read the contribution guide once more.

                Steps

                Bump the version in pom.xml.

                Write the release notes.

                Step | Owner
                Tag | Release manager
                Announce | Community lead""", ct.text());
        assertEquals(
                List.of(
                        BlockKind.HEADING,
                        BlockKind.PARAGRAPH,
                        BlockKind.HEADING,
                        BlockKind.LIST_ITEM,
                        BlockKind.LIST_ITEM,
                        BlockKind.TABLE_ROW,
                        BlockKind.TABLE_ROW,
                        BlockKind.TABLE_ROW),
                ct.blocks().stream().map(CanonicalBlock::kind).toList());
    }

    // ---------------------------------------------------------------- mail

    @Test
    void eml_attachments_are_child_documents_of_the_message() {
        List<ExtractedDocument> docs = extract(tika("testRFC822_multipart_attachments.eml"));

        assertEquals(List.of("", "/1", "/2"), paths(docs));
        ExtractedDocument message = docs.get(0);
        assertExtracted(
                message,
                "message/rfc822",
                Map.of(
                        MetadataKeys.TITLE,
                        "EML 1",
                        MetadataKeys.FROM,
                        "Bugs Bunny <Bugs.Bunny@acme.com>",
                        MetadataKeys.TO,
                        "Bugs Bunny <Bugs.Bunny@acme.com>"));
        assertEquals("This is the html body of the main msg.", text(message).strip());
        assertEquals(null, message.parentPath());

        ExtractedDocument a = docs.get(1);
        ExtractedDocument b = docs.get(2);
        assertEquals("", a.parentPath());
        assertEquals("", b.parentPath());
        assertFalse(a.isRoot());
        assertExtracted(a, "text/plain", Map.of(MetadataKeys.FILE_NAME, "Test TxtA.txt"));
        assertEquals("Test TxtB.txt", b.metadata().get(MetadataKeys.FILE_NAME));
        assertEquals("This is Test TXTA File for parser", text(a).strip());
        assertEquals("This is Test TXTB File for parser", text(b).strip());
    }

    @Test
    void mbox_messages_are_child_documents_titled_by_their_subject() {
        List<ExtractedDocument> docs = extract(tika("complex.mbox"));

        assertEquals(List.of("", "/1", "/2", "/3"), paths(docs));
        assertEquals("application/mbox", docs.get(0).contentType());
        List<ExtractedDocument> messages = docs.subList(1, docs.size());
        for (ExtractedDocument m : messages) {
            assertEquals("", m.parentPath());
            assertEquals("message/rfc822", m.contentType());
            assertEquals(
                    "Re: question about when shuffle/sort start working",
                    m.metadata().get(MetadataKeys.TITLE));
        }
        assertEquals(
                List.of(
                        "Jothi Padmanabhan <jothipn@yahoo-inc.com>",
                        "Jianmin Woo <jianmin_woo@yahoo.com>",
                        "Jothi Padmanabhan <jothipn@yahoo-inc.com>"),
                messages.stream().map(m -> m.metadata().get(MetadataKeys.FROM)).toList());
        assertEquals(
                "<C649564F.1435F%jothipn@yahoo-inc.com>",
                messages.get(0).metadata().get(MetadataKeys.MESSAGE_ID));
        assertTrue(text(messages.get(0)).contains("When a Mapper completes, MapCompletionEvents are generated."));
        assertTrue(text(messages.get(1)).contains("Thanks a lot for your explanation, Jothi."));
        assertTrue(text(messages.get(2)).contains("No you cannot raise this event yourself"));
    }

    @Test
    void mbox_with_one_message_has_one_child() {
        List<ExtractedDocument> docs = extract(tika("testMBOX_complex.mbox"));

        assertEquals(List.of("", "/1"), paths(docs));
        ExtractedDocument m = docs.get(1);
        assertMetadata(m, Map.of(MetadataKeys.TITLE, "xxxxxxx", MetadataKeys.FROM, "Some Person <hey@example.com>"));
        String text = canonical(m);
        assertTrue(text.contains("My name is Another Person. body 2"), text);
    }

    @Test
    void a_file_with_more_embedded_documents_than_the_limit_is_refused_not_truncated() {
        Extractor two = Extractors.tika(new ExtractionLimits(100L << 20, 20_000_000, 2));
        DocumentRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(
                DocumentRejectedException.class, () -> two.extract(tika("complex.mbox"), "complex.mbox"));
        assertEquals(RejectReason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("more than 2 embedded documents"), e.getMessage());

        Extractor three = Extractors.tika(new ExtractionLimits(100L << 20, 20_000_000, 3));
        assertEquals(List.of("", "/1", "/2", "/3"), paths(three.extract(tika("complex.mbox"), "complex.mbox")));
    }

    @Test
    void outlook_msg_yields_subject_sender_and_body() {
        ExtractedDocument doc = extract(tika("testMSG.msg")).get(0);

        assertExtracted(
                doc,
                "application/vnd.ms-outlook",
                Map.of(MetadataKeys.TITLE, "MIME registry use cases", MetadataKeys.FROM, "Jukka Zitting"));
        assertEquals(
                "<510143ac0901291116s5f368dfby9d6423ce61acc36a@mail.gmail.com>",
                doc.metadata().get(MetadataKeys.MESSAGE_ID));
        assertEquals(List.of("MIME registry use cases"), texts(doc, BlockKind.HEADING));
        // the plain-text body arrives one <p> per hard-wrapped line, and only paged formats get lines re-joined
        List<String> paragraphs = texts(doc, BlockKind.PARAGRAPH);
        assertTrue(
                paragraphs.contains("As discussed, I've been working on making the type detection code more"),
                paragraphs::toString);
        assertTrue(
                paragraphs.contains("modular and extensible. This work has progressed pretty well, and now"),
                paragraphs::toString);
    }

    @Test
    void extraction_is_deterministic() {
        Path file = tika("testWORD.docx");
        assertEquals(extract(file), extract(file));
    }
}
