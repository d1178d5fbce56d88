package io.ragplatform.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The REST calls the api tests repeat, and the two ways they read an answer: {@link #ok} for a 200 body, {@link #error}
 * for the error model's {@code {"error": code}}. Each call returns the response, so a test adds its own checks.
 */
final class ApiCalls {
    static final String NDJSON = "application/x-ndjson";

    private ApiCalls() {}

    static ValidatableResponse get(String path) {
        return given().get(path).then();
    }

    /** {@code POST /v1/eval/sets/{name}} with NDJSON items. */
    static ValidatableResponse postSet(String name, String ndjson) {
        return given().contentType(NDJSON)
                .body(utf8(ndjson))
                .post("/v1/eval/sets/" + name)
                .then();
    }

    /** {@code POST /v1/eval/runs} with a JSON run spec. */
    static ValidatableResponse postRun(String spec) {
        return given().contentType("application/json")
                .body(spec)
                .post("/v1/eval/runs")
                .then();
    }

    /** {@code GET /v1/search} with name/value pairs as query parameters. */
    static ValidatableResponse search(Object... nameValuePairs) {
        return given().queryParams(pairs(nameValuePairs)).get("/v1/search").then();
    }

    /** {@code GET /v1/documents?sourceId=...}: the documents of one source. */
    static ValidatableResponse documentsOf(String sourceId) {
        return given().queryParam("sourceId", sourceId).get("/v1/documents").then();
    }

    /** The index version searches read now. */
    static long currentIndexVersion() {
        return ok(get("/v1/index/versions")).getLong("current");
    }

    /** Polls {@code GET /v1/jobs/{id}} until the job is no longer running (a minute at most); its last answer. */
    static JsonPath awaitJob(String id) {
        return awaitJob(id, JsonPathConfig.jsonPathConfig());
    }

    /** {@link #awaitJob(String)}, reading the answers with that config (set before the first read, which parses). */
    static JsonPath awaitJob(String id, JsonPathConfig config) {
        for (int i = 0; i < 600; i++) {
            JsonPath job = ok(get("/v1/jobs/" + id)).using(config);
            if (!"running".equals(job.getString("state"))) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    /** {@code POST /v1/sources/{name}/sync} (202 with the job), then the job once it has ended, asserted done. */
    static JsonPath syncDone(String source) {
        String id = given().post("/v1/sources/" + source + "/sync")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath job = awaitJob(id);
        assertEquals("done", job.getString("state"), job.prettify());
        return job;
    }

    /** A 200 answer's body. */
    static JsonPath ok(ValidatableResponse response) {
        return response.statusCode(200).extract().jsonPath();
    }

    static JsonPath ok(Response response) {
        return ok(response.then());
    }

    /** An error answer: that status, and that code in the error body. */
    static ValidatableResponse error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).body("error", equalTo(code));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> pairs(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs, got " + nameValuePairs.length + " values");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            params.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return params;
    }
}
