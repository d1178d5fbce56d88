package io.ragplatform.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The error model end to end: the caller's mistakes are 4xx with their codes, a library's exception a 500. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class ErrorModelApiTest {
    @Test
    void a_library_illegal_argument_is_a_500_internal_error_not_a_400() {
        given().get("/test/failing/library-illegal-argument")
                .then()
                .statusCode(500)
                .body("error", equalTo("internal_error"))
                .body("message", containsString("incident"))
                .body("message", not(containsString("Illegal character")));
        given().get("/test/failing/number-format").then().statusCode(500).body("error", equalTo("internal_error"));
    }

    @Test
    void bad_search_parameters_are_400_invalid_request_with_the_same_words() {
        given().queryParam("q", "x")
                .queryParam("mode", "fuzzy")
                .get("/v1/search")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", equalTo("mode must be one of hybrid, vector, keyword; was 'fuzzy'"));
        given().queryParam("q", "x")
                .queryParam("k", "0")
                .get("/v1/search")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", equalTo("k must be between 1 and 1000; was 0"));
        given().queryParam("q", "x")
                .queryParam("k", "1001")
                .get("/v1/search")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void bad_run_specs_and_chat_log_options_are_400_invalid_request() {
        given().contentType("application/json")
                .body("{\"set\":\"err-model\",\"version\":0}")
                .post("/v1/eval/runs")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", equalTo("set versions start at 1; was 0"));
        given().contentType("application/json")
                .body("{\"set\":\"err-model\",\"indexVersion\":-1}")
                .post("/v1/eval/runs")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().contentType("application/x-ndjson")
                .queryParam("testFraction", "1.5")
                .body("{\"query\":\"how long are backups kept\"}\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/eval/sets/err-model/chatlog")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", equalTo("testFraction must be in [0, 1], was 1.5"));
    }

    @Test
    void a_bad_set_name_is_400_invalid_request() {
        given().get("/v1/eval/sets/bad name!")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", containsString("invalid eval set name"));
    }
}
