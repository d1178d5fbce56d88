package io.ragplatform.ingest;

import io.ragplatform.fixtures.Fixture;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Test fixtures: this module's own files under {@code src/test/resources/fixtures}, the shared ones of the fixtures
 * module (handbook, Tika test documents) and small files written on the fly.
 */
final class Fixtures {
    private Fixtures() {}

    /** A file of this module's test class path, e.g. {@code "fixtures/fixture.odt"}. */
    static Path resource(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The real pipeline (Tika in process, the standard canonicalizer, structural chunks of at most {@code maxTokens}
     * approximate tokens), every text taken as English.
     */
    static DocumentPreparer englishPreparer(int maxTokens) {
        Canonicalizer canonicalizer = Canonicalizer.standard();
        return new DocumentPreparer(
                Extractors.tika(ExtractionLimits.DEFAULTS),
                canonicalizer,
                Chunker.structural(TokenCounter.approximate(), maxTokens, canonicalizer.hashVersion()),
                text -> "en");
    }

    /** An Apache Tika test document of the fixtures module. */
    static Path tika(String name) {
        return Fixture.tika(name);
    }

    /** A handbook file of the fixtures module. */
    static Path handbook(String name) {
        return Fixture.handbook(name);
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeUtf8(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A one-sheet workbook "Inventory" with a header row and two data rows. Written with POI (which Tika brings)
     * because LibreOffice on the build machines has no Calc.
     */
    static Path inventoryXlsx(Path dir) {
        List<List<Object>> rows = List.of(
                List.of("Product", "Quantity", "Warehouse"),
                List.of("Anchor bolts", 120, "North"),
                List.of("Copper wire", 45, "South"));
        Path file = dir.resolve("inventory.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = wb.createSheet("Inventory");
            for (int i = 0; i < rows.size(); i++) {
                XSSFRow row = sheet.createRow(i);
                for (int j = 0; j < rows.get(i).size(); j++) {
                    Object v = rows.get(i).get(j);
                    if (v instanceof Integer n) {
                        row.createCell(j).setCellValue(n);
                    } else {
                        row.createCell(j).setCellValue((String) v);
                    }
                }
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A root document of the given type whose blocks are all paragraphs on page 0. */
    static ExtractedDocument doc(String contentType, RawBlock... blocks) {
        return new ExtractedDocument("", contentType, Map.of(), List.of(blocks));
    }

    /** A root PDF of these blocks (each carrying its page). */
    static ExtractedDocument pdf(List<RawBlock> blocks) {
        return new ExtractedDocument("", "application/pdf", Map.of(), blocks);
    }

    static ExtractedDocument plain(String text) {
        return doc("text/plain", RawBlock.of(BlockKind.PARAGRAPH, text, 0));
    }

    static RawBlock heading(int level, String text) {
        return new RawBlock(BlockKind.HEADING, level, text, List.of(), 0, 0, false);
    }

    static RawBlock paragraph(String text) {
        return RawBlock.of(BlockKind.PARAGRAPH, text, 0);
    }

    static RawBlock row(int tableId, boolean header, String... cells) {
        return new RawBlock(BlockKind.TABLE_ROW, 0, String.join(" | ", cells), List.of(cells), 0, tableId, header);
    }
}
