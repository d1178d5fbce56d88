package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.search;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chinese and English versions of one policy through REST, with the service's default language models: a Chinese query
 * finds the Chinese version first and an English query the English one, in every mode; each hit names its languages.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class ChineseSearchApiTest {
    private static final String ENGLISH = """
            Travel Expense Policy

            Employees book flights through the travel desk at least fourteen days before departure. Hotel costs are \
            reimbursed up to the city limit, and receipts must be submitted within thirty days of return.
            """;
    private static final String CHINESE = """
            差旅费用政策

            员工至少在出发前十四天通过差旅服务台预订航班。酒店费用按城市标准报销，收据必须在返回后三十天内提交。
            """;

    @Test
    void each_language_finds_its_own_version_first_and_hits_name_their_languages() {
        upload("policy-en.txt", utf8(ENGLISH), "zh-test/policy-en.txt").then().statusCode(200);
        upload("policy-zh.txt", utf8(CHINESE), "zh-test/policy-zh.txt").then().statusCode(200);
        for (String mode : List.of("keyword", "vector", "hybrid")) {
            JsonPath zh = ok(search("q", "收据必须在什么时候提交？", "mode", mode, "k", 20));
            assertEquals("zh-test/policy-zh.txt", firstOfThisTest(zh), mode);
            JsonPath en = ok(search("q", "when must receipts be submitted", "mode", mode, "k", 20));
            assertEquals("zh-test/policy-en.txt", firstOfThisTest(en), mode);
        }
        JsonPath zh = ok(search("q", "收据必须在什么时候提交？", "mode", "hybrid", "k", 1));
        assertEquals(List.of("zh"), zh.getList("results[0].languages"));
        JsonPath en = ok(search("q", "receipts submitted within thirty days", "mode", "keyword", "k", 1));
        assertEquals(List.of("en"), en.getList("results[0].languages"));
    }

    /** The first result among this test's two sources (other tests' documents share the index). */
    private static String firstOfThisTest(JsonPath results) {
        for (Object source : results.getList("results.sources[0].sourceId")) {
            if (String.valueOf(source).startsWith("zh-test/")) {
                return (String) source;
            }
        }
        return null;
    }
}
