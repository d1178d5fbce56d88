package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OCR through the REST upload, with the product's default {@code rag.extraction.ocr=auto} (the other tests run with
 * OCR off, so that what they see does not depend on the machine). Needs Tesseract with English and Simplified
 * Chinese ({@code tesseract-ocr}, {@code tesseract-ocr-eng}, {@code tesseract-ocr-chi-sim}, which {@code .ci/run}
 * installs); without them these tests report themselves skipped.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
@TestProfile(OcrApiTest.Auto.class)
class OcrApiTest {
    private static final boolean TESSERACT = tesseractLanguages().containsAll(List.of("eng", "chi_sim"));

    /** OCR as shipped: auto, in English and Simplified Chinese. */
    public static class Auto implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rag.extraction.ocr", "auto", "rag.extraction.ocr-languages", "eng+chi_sim");
        }
    }

    /** The languages {@code tesseract --list-langs} names; none when it is not on the PATH. */
    private static List<String> tesseractLanguages() {
        try {
            Process p = new ProcessBuilder("tesseract", "--list-langs")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().map(String::strip).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    @BeforeEach
    void needsTesseract() {
        assumeTrue(TESSERACT, "Tesseract with eng and chi_sim is not installed");
    }

    /**
     * Uploads a fixture under {@code ocr/<name>}, expects it stored with OCR having read {@code ocrPages}, and returns
     * the text of the best keyword hit for {@code query} within it.
     */
    private static String stored(String fixture, String name, String ocrPages, String query) {
        String sourceId = "ocr/" + name;
        upload(name, bytes(fixture), sourceId).then().statusCode(200);
        documentsOf(sourceId).statusCode(200).body("documents[0].properties.ocrPages", equalTo(ocrPages));
        return search("q", query, "mode", "keyword", "sourceId", sourceId)
                .statusCode(200)
                .extract()
                .path("results[0].text");
    }

    @Test
    void tikas_scanned_pdf_is_ingested_with_its_text_and_its_ocr_page() {
        assertThat(
                stored("tika/testOCR.pdf", "testOCR.pdf", "1", "happy new year"),
                containsString("Happy New Year 2003"));
    }

    @Test
    void a_pdf_with_one_scanned_page_names_that_page() {
        String text = stored("ocr/scanned-policy.pdf", "policy.pdf", "2", "receipts seven years");
        assertThat(text, containsString("Receipts are kept for seven years"));
        assertThat(text, containsString("filed through the portal"));
    }

    @Test
    void images_in_english_and_chinese_become_searchable_text() {
        assertThat(
                stored("ocr/scanned-memo.jpg", "memo.jpg", "1", "travel expenses reimbursed"),
                containsString("thirty days"));
        assertThat(stored("ocr/scanned-memo-zh.png", "memo-zh.png", "1", "收据保存"), containsString("收据保存七年"));
    }
}
