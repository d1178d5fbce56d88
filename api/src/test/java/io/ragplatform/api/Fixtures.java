package io.ragplatform.api;

import static io.restassured.RestAssured.given;

import io.ragplatform.fixtures.Fixture;
import io.restassured.response.Response;

/** Test files from the fixtures module, and the upload call. */
final class Fixtures {
    private Fixtures() {}

    /** A shared test file, e.g. {@code "handbook/handbook.pdf"} or {@code "tika/testOCR.pdf"}. */
    static byte[] bytes(String fixture) {
        return Fixture.bytes(fixture);
    }

    static Response upload(String fileName, byte[] content, String sourceId) {
        return upload(fileName, content, sourceId, null);
    }

    static Response upload(String fileName, byte[] content, String sourceId, String metadata) {
        var spec = given().multiPart("file", fileName, content, "application/octet-stream");
        if (sourceId != null) {
            spec = spec.multiPart("sourceId", sourceId);
        }
        if (metadata != null) {
            spec = spec.multiPart("metadata", metadata);
        }
        return spec.when().post("/v1/documents");
    }
}
