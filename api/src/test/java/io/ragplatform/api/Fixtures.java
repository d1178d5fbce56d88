package io.ragplatform.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test files from the class path, and the upload call. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
