package io.ragplatform.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each document's data-quality measures, and the checks of a {@link QualityPolicy} that refuse its file. */
class QualityTest {
    /** "Le café est prêt. It’s fine." written in UTF-8 and read back as Windows-1252, then saved as UTF-8. */
    private static final String MOJIBAKE = "Le cafÃ© est prÃªt. Itâ€™s fine.";

    private static DocumentPreparer preparer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        preparer = Fixtures.englishPreparer(200);
    }

    private QualityReport quality(DocumentPreparer p, Path file) {
        return p.prepare(file, file.getFileName().toString(), "s", Map.of(), Acl.PUBLIC_ONLY)
                .root()
                .quality();
    }

    /** A preparer whose extractor returns {@code docs} whatever the file, every text taken as English. */
    private static DocumentPreparer returning(LanguageDetector languages, ExtractedDocument... docs) {
        Canonicalizer canonicalizer = Canonicalizer.standard();
        return new DocumentPreparer(
                (file, name) -> List.of(docs),
                canonicalizer,
                Chunker.structural(TokenCounter.approximate(), 200, canonicalizer.hashVersion()),
                languages);
    }

    private QualityReport quality(ExtractedDocument doc) {
        return quality(returning(text -> "en", doc), Fixtures.writeUtf8(tmp, "any.txt", "x"));
    }

    private static long nonBlank(String s) {
        return s.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }

    // ---------------------------------------------------------------- measures

    @Test
    void mojibake_sequences_are_counted_by_their_characters_and_accented_text_is_not_mojibake() {
        assertEquals(7, QualityMeasures.mojibake(MOJIBAKE)); // Ã© (2), Ãª (2), â€™ (3)
        assertEquals(0, QualityMeasures.mojibake("Crème brûlée à la française, naïve café, Größe, Ärger, Øre"));
        assertEquals(2, QualityMeasures.mojibake("two \ufffd\ufffd replacements"));
        assertEquals(0, QualityMeasures.mojibake("a lead at the end Ã"), "a lead byte without its continuation");
        assertEquals(4, QualityMeasures.mojibake("ðŸ˜€"), "a four-byte sequence (an emoji)");
    }

    @Test
    void a_mojibake_text_file_reports_its_share_of_mojibake() {
        QualityReport q = quality(preparer, Fixtures.writeUtf8(tmp, "bad.txt", MOJIBAKE));

        assertEquals(Math.round(7.0 / nonBlank(MOJIBAKE) * 10_000) / 10_000.0, q.mojibakeShare());
        assertEquals(0, q.replacementShare());
        QualityReport clean = quality(preparer, Fixtures.writeUtf8(tmp, "good.txt", "Le café est prêt. It’s fine."));
        assertEquals(0, clean.mojibakeShare());
    }

    @Test
    void replacement_characters_are_their_own_share_and_count_as_mojibake() {
        // under the extractor's own limit (10% undecodable characters: corrupt_document)
        String text = "Ma\ufffdana ser\ufffd un buen d\ufffda para todos los que vienen a la fiesta del pueblo.";
        QualityReport q = quality(preparer, Fixtures.writeUtf8(tmp, "fffd.txt", text));

        double share = Math.round(3.0 / nonBlank(text) * 10_000) / 10_000.0;
        assertEquals(share, q.replacementShare());
        assertEquals(share, q.mojibakeShare());
    }

    @Test
    void characters_and_tokens_are_those_of_the_canonical_text_and_its_chunks() {
        PreparedDocument d = preparer.prepare(
                        Fixtures.handbook("handbook.md"), "handbook.md", "s", Map.of(), Acl.PUBLIC_ONLY)
                .root();

        assertEquals(d.textLength(), d.quality().characters());
        assertEquals(
                d.chunks().stream().mapToInt(Chunk::tokens).sum(), d.quality().tokens());
        assertTrue(d.quality().tokens() > 1000, "tokens " + d.quality().tokens());
        assertEquals("en", d.quality().language());
        assertEquals(1.0, d.quality().languageConfidence(), "a detector without a score is taken at its word");
    }

    @Test
    void repeated_lines_are_the_share_of_lines_that_repeat_an_earlier_one() {
        String text = "Alpha is first.\n\nBeta is second.\n\nAlpha is first.\n\nAlpha is first.\n\nGamma is third.";
        QualityReport q = quality(preparer, Fixtures.writeUtf8(tmp, "repeats.txt", text));

        assertEquals(0.4, q.repeatedLineShare()); // 2 of 5
        assertEquals(0, quality(preparer, Fixtures.handbook("handbook.txt")).repeatedLineShare(), 0.02);
    }

    @Test
    void boilerplate_is_the_share_of_running_headers_footers_and_page_numbers_dropped() {
        List<String> bodies = List.of(
                "The first page tells of apples and pears.",
                "The second page is about ships at sea.",
                "The third page lists the birds of the valley.");
        List<RawBlock> blocks = new java.util.ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            blocks.add(
                    RawBlock.of(BlockKind.PARAGRAPH, "ACME Confidential\n\n" + bodies.get(p - 1) + "\n\nPage " + p, p));
        }
        QualityReport q = quality(Fixtures.pdf(blocks));

        long chrome = 3 * (nonBlank("ACME Confidential") + nonBlank("Page 1"));
        long body = bodies.stream().mapToLong(QualityTest::nonBlank).sum();
        assertEquals(Math.round((double) chrome / (chrome + body) * 10_000) / 10_000.0, q.boilerplateShare());
        assertEquals(0, quality(Fixtures.plain("ACME Confidential\n\nPage 1")).boilerplateShare(), "no pages");
    }

    @Test
    void pages_without_text_need_ocr_unless_ocr_read_them() {
        List<RawBlock> blocks = List.of(
                RawBlock.of(BlockKind.PARAGRAPH, "Text on the first page.", 1),
                RawBlock.of(BlockKind.PARAGRAPH, "  ", 2),
                RawBlock.of(BlockKind.PARAGRAPH, "Text on the third page.", 3));
        Map<String, String> fourPages = Map.of(MetadataKeys.PAGES, "4");

        QualityReport scanned = quality(new ExtractedDocument("", "application/pdf", fourPages, blocks));
        assertEquals(List.of(2, 4), scanned.pagesWithoutText());
        assertTrue(scanned.needsOcr());

        QualityReport read = quality(new ExtractedDocument(
                "", "application/pdf", Map.of(MetadataKeys.PAGES, "4", MetadataKeys.OCR_PAGES, "2,4"), blocks));
        assertEquals(List.of(2, 4), read.pagesWithoutText());
        assertFalse(read.needsOcr(), "OCR read both pages and found nothing: blank pages");

        QualityReport half = quality(new ExtractedDocument(
                "", "application/pdf", Map.of(MetadataKeys.PAGES, "4", MetadataKeys.OCR_PAGES, "2"), blocks));
        assertTrue(half.needsOcr(), "page 4 was not read");

        QualityReport unpaged = quality(Fixtures.plain("No pages here."));
        assertEquals(List.of(), unpaged.pagesWithoutText());
        assertFalse(unpaged.needsOcr());
    }

    @Test
    void a_real_pdf_with_a_blank_page_lists_it_and_the_handbook_has_none() throws IOException {
        Path pdf = tmp.resolve("blank-page.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (String text : new String[] {"Text on the first page.", null, "Text on the third page."}) {
                PDPage page = new PDPage();
                doc.addPage(page);
                if (text != null) {
                    try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                        s.beginText();
                        s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                        s.newLineAtOffset(72, 700);
                        s.showText(text);
                        s.endText();
                    }
                }
            }
            doc.save(pdf.toFile());
        }
        QualityReport q = quality(preparer, pdf);

        assertEquals(List.of(2), q.pagesWithoutText());
        assertTrue(q.needsOcr());
        QualityReport handbook = quality(preparer, Fixtures.handbook("handbook.pdf"));
        assertEquals(List.of(), handbook.pagesWithoutText());
        assertFalse(handbook.needsOcr());
    }

    @Test
    void tika_gives_its_confidence_in_the_language() {
        LanguageDetector tika = LanguageDetector.tika();

        LanguageDetector.Detection english = tika.identify(
                "This handbook describes how Northwind Traders collects, stores, shares, and deletes data "
                        + "in the course of its business. It applies to every employee and contractor.");
        assertEquals("en", english.language());
        assertTrue(english.confidence() > 0.9, "confidence " + english.confidence());
        assertEquals(new LanguageDetector.Detection("und", 0), tika.identify("  "));
        assertEquals(
                english.language(),
                tika.detect(
                        "This handbook describes how Northwind Traders collects, "
                                + "stores, shares, and deletes data in the course of its business. It applies to every employee."));
    }

    @Test
    void the_report_is_the_same_for_the_same_bytes() {
        Path file = Fixtures.handbook("handbook.pdf");
        assertEquals(quality(preparer, file), quality(preparer, file));
        assertNotNull(quality(preparer, file));
    }

    // ---------------------------------------------------------------- checks

    @Test
    void a_file_failing_a_check_is_refused_naming_the_check_and_the_measured_value() {
        DocumentPreparer checking = preparer.withQuality(QualityPolicy.parse("empty, mojibake>0.05"));
        Path bad = Fixtures.writeUtf8(tmp, "bad.txt", MOJIBAKE);

        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> checking.prepare(bad, "bad.txt", "s", Map.of(), Acl.PUBLIC_ONLY));

        assertEquals(RejectReason.QUALITY_CHECK, e.reason());
        assertEquals("quality_check_failed", e.code());
        assertEquals(DocumentRejectedException.CHUNKING, e.stage());
        assertEquals(
                "'bad.txt' refused by data-quality check mojibake>0.05: mojibake share "
                        + quality(preparer, bad).mojibakeShare(),
                e.getMessage());
        QualityReport clean = quality(checking, Fixtures.handbook("handbook.txt"));
        assertEquals(0, clean.mojibakeShare());
        assertEquals(preparer.pipelineVersion(), checking.pipelineVersion(), "checks change no chunk");
    }

    @Test
    void without_checks_nothing_is_refused_for_its_quality() {
        assertEquals(QualityPolicy.NONE, preparer.quality());
        assertTrue(
                quality(preparer, Fixtures.writeUtf8(tmp, "bad.txt", MOJIBAKE)).mojibakeShare() > 0.05);
    }

    @Test
    void empty_refuses_a_file_with_an_embedded_document_without_text() {
        ExtractedDocument root = Fixtures.plain("A message with an attachment.");
        ExtractedDocument attachment = new ExtractedDocument("/attachment-1", "image/png", Map.of(), List.of());
        Path file = Fixtures.writeUtf8(tmp, "mail.eml", "x");

        PreparedUpload kept =
                returning(text -> "en", root, attachment).prepare(file, "mail.eml", "s", Map.of(), Acl.PUBLIC_ONLY);
        assertEquals(0, kept.documents().get(1).quality().characters());

        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> returning(text -> "en", root, attachment)
                        .withQuality(QualityPolicy.parse("empty"))
                        .prepare(file, "mail.eml", "s", Map.of(), Acl.PUBLIC_ONLY));
        assertEquals(
                "'mail.eml' refused by data-quality check empty: no text once canonicalized (0 characters)"
                        + " in its embedded document /attachment-1",
                e.getMessage());
    }

    @Test
    void a_file_the_detector_cannot_place_fails_a_language_confidence_check() {
        Path file = Fixtures.writeUtf8(tmp, "any.txt", "x");
        DocumentPreparer undetermined = returning(text -> "und", Fixtures.plain("12 34 56 78 90"));

        assertEquals(0, quality(undetermined, file).languageConfidence());
        DocumentRejectedException e = assertThrows(
                DocumentRejectedException.class,
                () -> quality(undetermined.withQuality(QualityPolicy.parse("language-confidence<0.3")), file));
        assertTrue(e.getMessage().endsWith("check language-confidence<0.3: language confidence 0"), e.getMessage());
        assertEquals(
                1.0,
                quality(returning(text -> "en", Fixtures.plain("12 34 56 78 90")), file)
                        .languageConfidence());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "mojibake>0.05; 0.05; false",
                "mojibake>=0.05; 0.05; true",
                "mojibake<0.05; 0.04; true",
                "mojibake<=0.05; 0.06; false",
            })
    void comparisons_are_strict_or_not_as_written(String term, double share, boolean fails) {
        QualityReport r = new QualityReport(10, 2, 0, share, "en", 1, 0, 0, List.of(), false);
        assertEquals(fails, QualityCheck.parse(term).fails(r));
    }

    @Test
    void checks_are_parsed_in_any_case_and_spacing_and_written_back_canonically() {
        QualityPolicy p = QualityPolicy.parse(
                " empty, MOJIBAKE >= 0.05 ,repeated-lines>0.5,,language-confidence<0.3,needs-ocr,characters<200,"
                        + "tokens<10,replacement>0,boilerplate>0.9,pages-without-text>=1");

        assertEquals(
                "empty,mojibake>=0.05,repeated-lines>0.5,language-confidence<0.3,needs-ocr,characters<200,tokens<10,"
                        + "replacement>0,boilerplate>0.9,pages-without-text>=1",
                p.toString());
        assertEquals(QualityPolicy.NONE, QualityPolicy.parse("  "));
        assertEquals(QualityPolicy.NONE, QualityPolicy.parse(null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "empty,mojibak>0.1; unknown data-quality check 'mojibak' in 'mojibak>0.1'; the checks are empty, needs-ocr,",
                "mojibake; 'mojibake': mojibake needs a comparison and a number, e.g. mojibake>0.5",
                "empty>0; 'empty>0': empty is a flag and takes no comparison",
                "mojibake>1.5; 'mojibake>1.5': mojibake share is from 0 to 1; 1.5 is out of range",
                "mojibake>; 'mojibake>': '' is not a number",
                "characters<-3; 'characters<-3': '-3' is not a number",
                "=5; '=5' is not a data-quality check",
            })
    void a_bad_term_is_a_parse_error_naming_it(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QualityPolicy.parse(text));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
