package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.documentsOf;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad file gets a 4xx naming the reason, is recorded as a failure, stores nothing, and leaves the service up. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class BadInputApiTest {
    static java.util.stream.Stream<Arguments> badFiles() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        byte[] docx = bytes("handbook/handbook.docx");
        byte[] png = {
            (byte) 0x89,
            'P',
            'N',
            'G',
            '\r',
            '\n',
            0x1a,
            '\n',
            0,
            0,
            0,
            13,
            'I',
            'H',
            'D',
            'R',
            0,
            0,
            0,
            1,
            0,
            0,
            0,
            1,
            8,
            2,
            0,
            0,
            0
        };
        return java.util.stream.Stream.of(
                Arguments.of("empty.pdf", new byte[0], 400, "empty_file"),
                Arguments.of("garbage.bin", garbage, 415, "unsupported_media_type"),
                Arguments.of("garbage.pdf", garbage, 422, "corrupt_document"),
                Arguments.of("pixel.png", png, 415, "unsupported_media_type"),
                Arguments.of("truncated.docx", Arrays.copyOf(docx, docx.length / 2), 422, "corrupt_document"),
                Arguments.of("testWORD_truncated.docx", bytes("tika/testWORD_truncated.docx"), 422, "corrupt_document"),
                Arguments.of("encrypted.pdf", bytes("tika/testPassword4Spaces.pdf"), 422, "encrypted_document"),
                Arguments.of("scanned.pdf", bytes("tika/testOCR.pdf"), 422, "no_text"),
                Arguments.of("blank.txt", utf8("   \n\n\t  \n"), 422, "no_text"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("badFiles")
    void bad_file_is_refused_recorded_and_not_stored(String name, byte[] content, int status, String error) {
        String sourceId = "bad/" + name;
        error(upload(name, content, sourceId).then(), status, error).body("message", containsString(name));
        documentsOf(sourceId).statusCode(404);
        get("/v1/ingest/failures")
                .statusCode(200)
                .body("failures.sourceId", hasItem(sourceId))
                .body("failures.find { it.sourceId == '" + sourceId + "' }.error", equalTo(error));
        get("/q/health/ready").statusCode(200);
    }

    /**
     * A body declared beyond the upload limit is refused by the service's own JSON before a byte of it is sent (a
     * raw request: headers only, no body follows), whether below or above the HTTP layer's backstop.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {106_000_000L, 5_000_000_000L})
    void a_body_declared_beyond_the_upload_limit_gets_the_services_413_at_once(long declared) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /v1/documents HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + declared
                                    + "\r\n\r\n--b\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // the answer comes while the client still owes the body: read it up to the end of its JSON
            java.io.InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            for (int b; !received.toString().endsWith("}") && (b = in.read()) >= 0; ) {
                received.append((char) b);
            }
            String answer = received.toString();
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("{\"error\":\"file_too_large\""), answer);
            assertTrue(answer.contains("104857600"), "names the limit: " + answer);
        }
    }

    @Test
    void a_scanned_pdf_refused_for_want_of_ocr_says_how_to_get_it() {
        // the tests run with rag.extraction.ocr=off (OcrApiTest turns it on)
        error(upload("scan.pdf", bytes("tika/testOCR.pdf"), "bad/scan-ocr").then(), 422, "no_text")
                .body("message", containsString("a scanned PDF needs OCR: OCR is turned off"))
                .body("message", containsString("(rag.extraction.ocr)"));
        error(upload("scan.png", bytes("ocr/scanned-memo.png"), "bad/scan-png").then(), 415, "unsupported_media_type")
                .body("message", containsString("image/png"))
                .body("message", containsString("(rag.extraction.ocr)"));
    }

    @Test
    void request_errors_are_json() {
        error(given().multiPart("sourceId", "bad/none").post("/v1/documents").then(), 400, "missing_file");
        error(
                        given().contentType("application/json")
                                .body("{}")
                                .post("/v1/documents")
                                .then(),
                        415,
                        "unsupported_media_type")
                .body("message", notNullValue());
        byte[] text = utf8("A short note about retention.");
        for (String metadata : List.of("[1,2]", "{\"a\":1}", "{not json")) {
            error(upload("note.txt", text, "bad/meta", metadata).then(), 400, "invalid_metadata");
        }
        error(upload("note.txt", text, "bad/\u0001ctl").then(), 400, "invalid_request");
        documentsOf("bad/meta").statusCode(404);
    }

    @Test
    void a_good_file_after_bad_ones_is_stored() {
        upload("fine.txt", utf8("Everything here is fine and searchable."), "bad/fine")
                .then()
                .statusCode(200)
                .body("status", equalTo("created"));
    }
}
