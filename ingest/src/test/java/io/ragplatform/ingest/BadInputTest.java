package io.ragplatform.ingest;

import static io.ragplatform.ingest.Fixtures.tika;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input becomes a {@link DocumentRejectedException} with a reason a caller can act on. */
class BadInputTest {
    private static final Extractor EXTRACTOR = Extractors.tika(ExtractionLimits.DEFAULTS);

    @TempDir
    Path tmp;

    private static DocumentRejectedException rejected(Extractor extractor, Path file) {
        String name = file.getFileName().toString();
        RuntimeException e = assertThrows(RuntimeException.class, () -> extractor.extract(file, name));
        DocumentRejectedException r = assertInstanceOf(
                DocumentRejectedException.class, e, () -> "a bad file must be a DocumentRejectedException, not " + e);
        assertTrue(
                r.getMessage().contains("'" + name + "'"), () -> "message does not name the file: " + r.getMessage());
        return r;
    }

    private static DocumentRejectedException rejected(Path file) {
        return rejected(EXTRACTOR, file);
    }

    /** {@link #rejected(Extractor, Path)}, for {@code reason}, with a message that says {@code inMessage}. */
    private static DocumentRejectedException rejected(
            Extractor extractor, Path file, RejectReason reason, String inMessage) {
        DocumentRejectedException e = rejected(extractor, file);
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
        return e;
    }

    private static DocumentRejectedException rejected(Path file, RejectReason reason, String inMessage) {
        return rejected(EXTRACTOR, file, reason, inMessage);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    @Test
    void empty_file_is_rejected_as_empty() {
        DocumentRejectedException e = rejected(Fixtures.write(tmp, "empty.txt", new byte[0]));

        assertEquals(RejectReason.EMPTY_FILE, e.reason());
        assertEquals("empty_file", e.reason().code());
        assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
    }

    /** Damaged, encrypted or image-only fixtures: the reason of each and a word its message must say. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "testWORD_truncated.docx, CORRUPT, could not be parsed",
        "testWORD_protected_passtika.docx, ENCRYPTED, password",
        "testPassword4Spaces.pdf, ENCRYPTED, application/pdf",
        "testOCR.pdf, NO_TEXT, OCR"
    })
    void a_bad_fixture_is_rejected_for_its_reason(String fixture, RejectReason reason, String inMessage) {
        rejected(tika(fixture), reason, inMessage);
    }

    @Test
    void random_bytes_named_bin_are_an_unsupported_type() {
        rejected(
                Fixtures.write(tmp, "x.bin", randomBytes(4096)),
                RejectReason.UNSUPPORTED_TYPE,
                "application/octet-stream");
    }

    @Test
    void random_bytes_named_pdf_are_rejected_as_a_corrupt_pdf() {
        // the name makes Tika try the PDF parser, which fails on the bytes: a damaged PDF, not an unknown type
        DocumentRejectedException e =
                rejected(Fixtures.write(tmp, "x.pdf", randomBytes(4096)), RejectReason.CORRUPT, "application/pdf");
        assertTrue(e.getCause() != null, "the parser's exception is kept as the cause");
    }

    @Test
    void random_bytes_named_txt_are_not_accepted_as_text() {
        DocumentRejectedException e = rejected(Fixtures.write(tmp, "x.txt", randomBytes(4096)));

        assertTrue(
                Set.of(RejectReason.UNSUPPORTED_TYPE, RejectReason.CORRUPT).contains(e.reason()), e.reason()::toString);
    }

    @Test
    void random_bytes_named_docx_are_rejected_as_a_corrupt_docx() {
        assertEquals(
                RejectReason.CORRUPT,
                rejected(Fixtures.write(tmp, "x.docx", randomBytes(4096))).reason());
    }

    @Test
    void png_image_is_an_unsupported_type() throws IOException {
        rejected(Fixtures.write(tmp, "pixel.png", png()), RejectReason.UNSUPPORTED_TYPE, "image/png");
    }

    @Test
    void png_is_recognised_by_its_bytes_whatever_its_name() throws IOException {
        DocumentRejectedException e = rejected(Fixtures.write(tmp, "scan.txt", png()));

        assertEquals(RejectReason.UNSUPPORTED_TYPE, e.reason());
    }

    @Test
    void file_over_the_byte_limit_is_rejected_as_too_large() {
        Extractor small = Extractors.tika(new ExtractionLimits(1000, 20_000_000, 100));
        Path file = Fixtures.writeUtf8(tmp, "long.txt", "All work and no play makes Jack a dull boy.\n".repeat(30));

        DocumentRejectedException e = rejected(small, file, RejectReason.TOO_LARGE, "1320 bytes");
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void file_at_the_byte_limit_is_accepted() {
        Extractor small = Extractors.tika(new ExtractionLimits(1000, 20_000_000, 100));
        Path file = Fixtures.writeUtf8(tmp, "exact.txt", "abcdefghi\n".repeat(100));

        assertEquals(1, small.extract(file, "exact.txt").size());
    }

    @Test
    void text_beyond_the_character_limit_is_rejected_as_text_too_large() {
        Extractor tight = Extractors.tika(new ExtractionLimits(100L << 20, 500, 100));
        Path file = Fixtures.writeUtf8(tmp, "long.txt", "All work and no play makes Jack a dull boy.\n".repeat(30));

        rejected(tight, file, RejectReason.TEXT_TOO_LARGE, "500 characters");
    }

    @Test
    void character_limit_counts_the_text_of_embedded_documents_too() {
        // the message body is short; the two attachments carry the rest
        Extractor tight = Extractors.tika(new ExtractionLimits(100L << 20, 60, 100));

        DocumentRejectedException e = rejected(tight, tika("testRFC822_multipart_attachments.eml"));

        assertEquals(RejectReason.TEXT_TOO_LARGE, e.reason());
    }

    @Test
    void whitespace_only_text_is_rejected_for_having_no_text() {
        DocumentRejectedException e = rejected(Fixtures.writeUtf8(tmp, "blank.txt", "   \n\t \n  \r\n   "));

        assertEquals(RejectReason.NO_TEXT, e.reason());
    }

    @Test
    void every_reason_has_a_distinct_lower_case_code() {
        Set<String> codes = new java.util.HashSet<>();
        for (RejectReason r : RejectReason.values()) {
            assertEquals(r.code().toLowerCase(java.util.Locale.ROOT), r.code());
            if (!codes.add(r.code())) {
                fail("duplicate code " + r.code());
            }
        }
    }

    /** A valid 4x4 red RGB PNG. */
    private static byte[] png() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < 4; y++) {
            raw.write(0);
            for (int x = 0; x < 4; x++) {
                raw.write(new byte[] {(byte) 0xff, 0, 0});
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        byte[] buf = new byte[256];
        int n = deflater.deflate(buf);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", new byte[] {0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0});
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(int32(data.length));
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(int32((int) crc.getValue()));
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Test
    void generated_png_is_a_valid_image() throws IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png()));
        assertEquals(4, image.getWidth());
        assertEquals(0xffff0000, image.getRGB(2, 2));
    }
}
