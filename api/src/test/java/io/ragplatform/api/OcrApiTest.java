package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
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

    @Test
    void tikas_scanned_pdf_is_ingested_with_its_text_and_its_ocr_page() {
        upload("testOCR.pdf", bytes("tika/testOCR.pdf"), "ocr/testOCR.pdf")
                .then()
                .statusCode(200);
        documentsOf("ocr/testOCR.pdf")
                .statusCode(200)
                .body("documents[0].properties.ocrPages", equalTo("1"))
                .body("documents[0].properties.ocr", equalTo("eng+chi_sim"));
        search("q", "happy new year", "mode", "keyword", "sourceId", "ocr/testOCR.pdf")
                .statusCode(200)
                .body("results[0].text", containsString("Happy New Year 2003"));
    }

    @Test
    void a_pdf_with_one_scanned_page_names_that_page() {
        upload("policy.pdf", bytes("ocr/scanned-policy.pdf"), "ocr/policy.pdf")
                .then()
                .statusCode(200);
        documentsOf("ocr/policy.pdf").statusCode(200).body("documents[0].properties.ocrPages", equalTo("2"));
        search("q", "receipts seven years", "mode", "keyword", "sourceId", "ocr/policy.pdf")
                .statusCode(200)
                .body("results[0].text", containsString("Receipts are kept for seven years"))
                .body("results[0].text", containsString("filed through the portal"));
    }

    @Test
    void images_in_english_and_chinese_become_searchable_text() {
        upload("memo.jpg", bytes("ocr/scanned-memo.jpg"), "ocr/memo.jpg").then().statusCode(200);
        upload("memo-zh.png", bytes("ocr/scanned-memo-zh.png"), "ocr/memo-zh.png")
                .then()
                .statusCode(200);
        search("q", "travel expenses reimbursed", "mode", "keyword", "sourceId", "ocr/memo.jpg")
                .statusCode(200)
                .body("results[0].text", containsString("thirty days"));
        search("q", "收据保存", "mode", "keyword", "sourceId", "ocr/memo-zh.png")
                .statusCode(200)
                .body("results[0].text", containsString("收据保存七年"));
    }
}
