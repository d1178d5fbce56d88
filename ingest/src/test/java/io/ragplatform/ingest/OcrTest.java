package io.ragplatform.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ragplatform.fixtures.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OCR through Tika's Tesseract parser. The tests that read pictures need Tesseract with its English and Simplified
 * Chinese data ({@value OcrOptions#PACKAGES}); where it is absent they report themselves skipped. The rest run
 * everywhere.
 */
class OcrTest {
    private static final boolean TESSERACT =
            Ocr.resolve(OcrOptions.auto(), 60).languages().equals("eng+chi_sim");

    private static Extractor inProcess;
    private static Extractor forked;

    private static Extractor inProcess() {
        assumeTrue(TESSERACT, "Tesseract with eng and chi_sim is not installed (" + OcrOptions.PACKAGES + ")");
        if (inProcess == null) {
            inProcess = Extractors.tika(ExtractionLimits.DEFAULTS, OcrOptions.auto());
        }
        return inProcess;
    }

    private static Extractor forked() {
        assumeTrue(TESSERACT, "Tesseract with eng and chi_sim is not installed (" + OcrOptions.PACKAGES + ")");
        if (forked == null) {
            forked = Extractors.forkedTika(
                    ExtractionLimits.DEFAULTS,
                    new ForkOptions(1, Duration.ofSeconds(60), 256L << 20),
                    OcrOptions.auto());
        }
        return forked;
    }

    @AfterAll
    static void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (forked != null) {
            forked.close();
        }
    }

    /** The file's own document. */
    private static ExtractedDocument first(Extractor extractor, Path file) {
        return extractor.extract(file, file.getFileName().toString()).get(0);
    }

    private static DocumentRejectedException refused(Extractor extractor, Path file) {
        return assertThrows(
                DocumentRejectedException.class,
                () -> extractor.extract(file, file.getFileName().toString()));
    }

    private static String text(ExtractedDocument doc) {
        return doc.blocks().stream().map(RawBlock::text).collect(Collectors.joining("\n"));
    }

    private static String words(String text) {
        return text.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scanned-memo.png", "scanned-memo.jpg", "scanned-memo.tiff"})
    void an_image_yields_its_text_and_says_it_was_read_by_ocr(String name) {
        List<ExtractedDocument> docs = inProcess().extract(Fixture.path("ocr/" + name), name);
        assertEquals(1, docs.size());
        ExtractedDocument doc = docs.get(0);
        String words = words(text(doc));
        assertTrue(words.contains("travel expenses are reimbursed"), words);
        assertTrue(words.contains("receipts are kept for seven years"), words);
        // an image is its one page
        assertEquals(
                "1", doc.metadata().get(MetadataKeys.OCR_PAGES), doc.metadata().toString());
    }

    @Test
    void chinese_text_in_an_image_is_read_without_spaces_between_characters() {
        ExtractedDocument doc = first(inProcess(), Fixture.path("ocr/scanned-memo-zh.png"));
        String text = text(doc);
        assertTrue(text.contains("报销申请"), text);
        assertTrue(text.contains("收据保存七年"), text);
    }

    @Test
    void a_pdf_page_without_a_text_layer_is_read_by_ocr_and_named_and_the_other_page_is_not() {
        for (Extractor extractor : List.of(inProcess(), forked())) {
            ExtractedDocument doc = first(extractor, Fixture.path("ocr/scanned-policy.pdf"));
            assertEquals("2", doc.metadata().get(MetadataKeys.OCR_PAGES));
            List<RawBlock> blocks = doc.blocks();
            assertTrue(
                    blocks.stream().anyMatch(b -> b.page() == 1 && b.text().contains("filed through the portal")),
                    blocks.toString());
            String page2 = words(blocks.stream()
                    .filter(b -> b.page() == 2)
                    .map(RawBlock::text)
                    .collect(Collectors.joining(" ")));
            assertTrue(page2.contains("within thirty days of the claim"), page2);
        }
    }

    @Test
    void tikas_scanned_pdf_yields_its_text_in_process_and_forked() {
        for (Extractor extractor : List.of(inProcess(), forked())) {
            ExtractedDocument doc = first(extractor, Fixture.tika("testOCR.pdf"));
            assertTrue(words(text(doc)).contains("happy new year 2003"), text(doc));
            assertEquals("1", doc.metadata().get(MetadataKeys.OCR_PAGES));
        }
    }

    @Test
    void a_thumbnail_of_an_office_file_is_not_read_again_by_ocr() {
        // the PPTX's thumbnail is a picture of its first slide: reading it would add a second document with the same
        // words
        List<ExtractedDocument> docs = inProcess().extract(Fixture.tika("testPPT.pptx"), "testPPT.pptx");
        assertEquals(List.of(""), docs.stream().map(ExtractedDocument::path).toList());
        assertFalse(docs.get(0).metadata().containsKey(MetadataKeys.OCR_PAGES));
    }

    @Test
    void an_image_attached_to_a_message_is_read_by_ocr_as_its_own_document(@TempDir Path dir) {
        String png = Base64.getMimeEncoder().encodeToString(Fixture.bytes("ocr/scanned-memo.png"));
        String eml = String.join(
                "\r\n",
                "From: Finance <finance@example.com>",
                "To: Staff <staff@example.com>",
                "Subject: The scanned memo",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "The memo on travel expenses is attached as a scan.",
                "--b1",
                "Content-Type: image/png; name=\"memo.png\"",
                "Content-Disposition: attachment; filename=\"memo.png\"",
                "Content-Transfer-Encoding: base64",
                "",
                png,
                "--b1--",
                "");
        Path file = Fixtures.write(dir, "memo.eml", eml.getBytes(StandardCharsets.US_ASCII));
        List<ExtractedDocument> docs = inProcess().extract(file, "memo.eml");
        assertEquals(2, docs.size(), docs.toString());
        assertTrue(text(docs.get(0)).contains("attached as a scan"), text(docs.get(0)));
        assertFalse(docs.get(0).metadata().containsKey(MetadataKeys.OCR_PAGES));
        ExtractedDocument attachment = docs.get(1);
        assertEquals("image/png", attachment.contentType());
        assertEquals("1", attachment.metadata().get(MetadataKeys.OCR_PAGES));
        assertTrue(words(text(attachment)).contains("receipts are kept for seven years"), text(attachment));
    }

    @Test
    void with_ocr_off_an_image_is_refused_as_having_no_text_and_says_ocr_is_off() {
        try (Extractor off = Extractors.tika(ExtractionLimits.DEFAULTS, OcrOptions.off())) {
            DocumentRejectedException e = refused(off, Fixture.path("ocr/scanned-memo.png"));
            assertEquals(RejectReason.UNSUPPORTED_TYPE, e.reason());
            assertTrue(e.getMessage().contains("image/png"), e.getMessage());
            assertTrue(e.getMessage().contains("OCR is turned off"), e.getMessage());
        }
    }

    @Test
    void without_tesseract_a_scanned_pdf_is_refused_naming_the_packages_to_install() {
        Ocr missing = Ocr.resolve(OcrOptions.auto(), 60, "/nonexistent/tesseract-dir/");
        assertFalse(missing.enabled());
        assertTrue(missing.unavailable().contains(OcrOptions.PACKAGES), missing.unavailable());
        try (Extractor extractor =
                new TikaExtractor(ExtractionLimits.DEFAULTS, missing, TikaParsing.inProcess(missing))) {
            DocumentRejectedException e = refused(extractor, Fixture.tika("testOCR.pdf"));
            assertEquals(RejectReason.NO_TEXT, e.reason());
            DocumentRejectedException image = refused(extractor, Fixture.path("ocr/scanned-memo.png"));
            assertEquals(RejectReason.UNSUPPORTED_TYPE, image.reason());
            for (String message : List.of(e.getMessage(), image.getMessage())) {
                assertTrue(message.contains("tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-chi-sim"), message);
            }
            assertTrue(e.getMessage().contains("scanned PDF needs OCR"), e.getMessage());
        }
    }

    @Test
    void required_ocr_without_tesseract_refuses_to_build_an_extractor() {
        IngestException e = assertThrows(
                IngestException.class,
                () -> Ocr.resolve(
                        new OcrOptions(OcrOptions.Mode.REQUIRED, List.of("eng")), 60, "/nonexistent/tesseract-dir/"));
        for (String part : List.of("OCR is required", "tesseract-ocr", "not installed")) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void a_language_tesseract_lacks_is_named_and_required_ocr_refuses_it() {
        assumeTrue(TESSERACT, "Tesseract is not installed");
        Ocr partial = Ocr.resolve(new OcrOptions(OcrOptions.Mode.AUTO, List.of("eng", "zzz")), 60);
        assertTrue(partial.enabled());
        assertEquals("eng", partial.languages());
        Ocr none = Ocr.resolve(new OcrOptions(OcrOptions.Mode.AUTO, List.of("zzz")), 60);
        assertFalse(none.enabled());
        assertTrue(none.unavailable().contains("no language data for zzz"), none.unavailable());
        IngestException e = assertThrows(
                IngestException.class,
                () -> Ocr.resolve(new OcrOptions(OcrOptions.Mode.REQUIRED, List.of("eng", "zzz")), 60));
        assertTrue(e.getMessage().contains("zzz"), e.getMessage());
    }

    @Test
    void options_parse_from_configuration_text_and_refuse_what_is_not() {
        assertEquals(
                new OcrOptions(OcrOptions.Mode.AUTO, List.of("eng", "chi_sim")),
                OcrOptions.parse("Auto", "eng+chi_sim"));
        assertEquals(OcrOptions.Mode.OFF, OcrOptions.parse("off", "").mode());
        assertEquals(
                OcrOptions.Mode.REQUIRED, OcrOptions.parse(" required ", "eng").mode());
        IllegalArgumentException mode =
                assertThrows(IllegalArgumentException.class, () -> OcrOptions.parse("sometimes", "eng"));
        assertTrue(mode.getMessage().contains("auto, off or required"), mode.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OcrOptions.parse("auto", "eng+../etc"));
        assertThrows(IllegalArgumentException.class, () -> OcrOptions.parse("auto", ""));
    }

    @Test
    void without_ocr_options_an_extractor_does_no_ocr_whatever_is_installed() {
        // the extractor the other tests use: its output does not depend on whether Tesseract is installed
        try (Extractor plain = Extractors.tika(ExtractionLimits.DEFAULTS)) {
            refused(plain, Fixture.path("ocr/scanned-memo.png"));
            Path pdf = Fixture.path("ocr/scanned-policy.pdf");
            ExtractedDocument doc = plain.extract(pdf, "scanned-policy.pdf").get(0);
            assertFalse(doc.metadata().containsKey(MetadataKeys.OCR_PAGES));
            assertTrue(
                    doc.blocks().stream().allMatch(b -> b.page() == 1),
                    doc.blocks().toString());
        }
    }
}
