package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.NDJSON;
import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.postRun;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The error model end to end: the caller's mistakes are 4xx with their codes, a library's exception a 500. */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class ErrorModelApiTest {
    @Test
    void a_library_illegal_argument_is_a_500_internal_error_not_a_400() {
        error(get("/test/failing/library-illegal-argument"), 500, "internal_error")
                .body("message", containsString("incident"))
                .body("message", not(containsString("Illegal character")));
        error(get("/test/failing/number-format"), 500, "internal_error");
    }

    @Test
    void bad_search_parameters_are_400_invalid_request_with_the_same_words() {
        error(search("q", "x", "mode", "fuzzy"), 400, "invalid_request")
                .body("message", equalTo("mode must be one of hybrid, vector, keyword; was 'fuzzy'"));
        error(search("q", "x", "k", "0"), 400, "invalid_request")
                .body("message", equalTo("k must be between 1 and 1000; was 0"));
        error(search("q", "x", "k", "1001"), 400, "invalid_request");
    }

    @Test
    void bad_run_specs_and_chat_log_options_are_400_invalid_request() {
        error(postRun("{\"set\":\"err-model\",\"version\":0}"), 400, "invalid_request")
                .body("message", equalTo("set versions start at 1; was 0"));
        error(postRun("{\"set\":\"err-model\",\"indexVersion\":-1}"), 400, "invalid_request");
        error(
                        given().contentType(NDJSON)
                                .queryParam("testFraction", "1.5")
                                .body(utf8("{\"query\":\"how long are backups kept\"}\n"))
                                .post("/v1/eval/sets/err-model/chatlog")
                                .then(),
                        400,
                        "invalid_request")
                .body("message", equalTo("testFraction must be in [0, 1], was 1.5"));
    }

    @Test
    void a_bad_set_name_is_400_invalid_request() {
        error(get("/v1/eval/sets/bad name!"), 400, "invalid_request")
                .body("message", containsString("invalid eval set name"));
    }
}
