package io.ragplatform.api;

import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
                Arguments.of("blank.txt", "   \n\n\t  \n".getBytes(StandardCharsets.UTF_8), 422, "no_text"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("badFiles")
    void bad_file_is_refused_recorded_and_not_stored(String name, byte[] content, int status, String error) {
        String sourceId = "bad/" + name;
        upload(name, content, sourceId)
                .then()
                .statusCode(status)
                .body("error", equalTo(error))
                .body("message", containsString(name));
        given().queryParam("sourceId", sourceId).get("/v1/documents").then().statusCode(404);
        given().get("/v1/ingest/failures")
                .then()
                .statusCode(200)
                .body("failures.sourceId", hasItem(sourceId))
                .body("failures.find { it.sourceId == '" + sourceId + "' }.error", equalTo(error));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void request_errors_are_json() {
        given().multiPart("sourceId", "bad/none")
                .post("/v1/documents")
                .then()
                .statusCode(400)
                .body("error", equalTo("missing_file"));
        given().contentType("application/json")
                .body("{}")
                .post("/v1/documents")
                .then()
                .statusCode(415)
                .body("error", equalTo("unsupported_media_type"))
                .body("message", notNullValue());
        byte[] text = "A short note about retention.".getBytes(StandardCharsets.UTF_8);
        upload("note.txt", text, "bad/meta", "[1,2]").then().statusCode(400).body("error", equalTo("invalid_metadata"));
        upload("note.txt", text, "bad/meta", "{\"a\":1}")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_metadata"));
        upload("note.txt", text, "bad/meta", "{not json")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_metadata"));
        upload("note.txt", text, "bad/\u0001ctl").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().queryParam("sourceId", "bad/meta").get("/v1/documents").then().statusCode(404);
    }

    @Test
    void a_good_file_after_bad_ones_is_stored() {
        upload("fine.txt", "Everything here is fine and searchable.".getBytes(StandardCharsets.UTF_8), "bad/fine")
                .then()
                .statusCode(200)
                .body("status", equalTo("created"));
    }
}
