package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.ok;
import static io.ragplatform.api.ApiCalls.postRun;
import static io.ragplatform.api.ApiCalls.postSet;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reports and comparisons of hostile eval data (markup and {@code javascript:} in queries, answers, contexts, chunk
 * text, sourceIds and item IDs) come back as inert pages: every value escaped, no script, no event handler, no
 * {@code javascript:} link, and a Content-Security-Policy that would stop one anyway.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class ReportHardeningApiTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(2)>";
    private static final String JS = "javascript:alert(3)";
    private static final String HOSTILE_SOURCE = "hostile/" + IMG;

    /** The elements the renderers write; anything else in a page came from the data. */
    private static final Set<String> TAGS = Set.of(
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "h1",
            "h2",
            "h3",
            "nav",
            "a",
            "section",
            "article",
            "div",
            "p",
            "b",
            "br",
            "span",
            "code",
            "pre",
            "table",
            "caption",
            "tr",
            "th",
            "td",
            "details",
            "summary",
            "figure",
            "ul",
            "li",
            "svg",
            "g",
            "rect",
            "line",
            "text",
            "circle",
            "polyline");

    private static final Pattern TAG = Pattern.compile("<(/?)([!a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    @Test
    void reports_and_comparisons_of_hostile_data_are_escaped_and_locked_down() {
        ok(upload(
                "hostile.txt",
                utf8("Glacier melt quokkaglacier " + SCRIPT + " and " + IMG + " and " + JS + " in the chunk text."),
                HOSTILE_SOURCE));
        String items = "{\"id\":\"h1" + json(IMG) + "\",\"query\":\"quokkaglacier " + json(SCRIPT) + "\","
                + "\"relevant\":[{\"sourceId\":\"" + json(HOSTILE_SOURCE) + "\"},{\"sourceId\":\"" + JS + "\"}],"
                + "\"answer\":\"" + json(IMG) + " " + json(SCRIPT) + "\",\"contexts\":[\"" + json(SCRIPT) + "\"]}\n"
                + "{\"id\":\"" + JS + "\",\"query\":\"" + JS + "\",\"relevant\":[{\"sourceId\":\"" + JS
                + "\"},{\"chunkId\":\"" + JS + "\"}],"
                + "\"answer\":\"" + JS + "\"}\n";
        ok(postSet("hostile-set", items));
        String base =
                ok(postRun("{\"set\":\"hostile-set\",\"mode\":\"keyword\"}")).getString("runId");
        String candidate =
                ok(postRun("{\"set\":\"hostile-set\",\"mode\":\"hybrid\"}")).getString("runId");

        Response report = given().queryParam("format", "html").get("/v1/eval/runs/" + base + "/report");
        assertInert(report);
        String page = report.asString();
        assertTrue(page.contains("quokkaglacier &lt;script&gt;alert(1)&lt;/script&gt;"), "the query, escaped");
        assertTrue(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), "the item ID / answer, escaped");
        assertTrue(page.contains("/v1/documents?sourceId=javascript%3Aalert%283%29"), "a javascript: sourceId");
        assertTrue(page.contains("/v1/chunks/javascript%3Aalert%283%29"), "a javascript: chunk ID");

        Response comparison = given().queryParam("base", base)
                .queryParam("candidate", candidate)
                .queryParam("format", "html")
                .get("/v1/eval/runs/compare");
        assertInert(comparison);
    }

    @Test
    void a_set_name_with_markup_is_refused() {
        error(
                postSet("<script>", "{\"id\":\"a\",\"query\":\"q\",\"relevant\":[{\"sourceId\":\"s\"}]}"),
                400,
                "invalid_request");
    }

    private static void assertInert(Response r) {
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        String csp = r.header("Content-Security-Policy");
        assertEquals(EvalRunsResource.REPORT_CSP, csp);
        assertTrue(csp.startsWith("default-src 'none';"), csp);
        assertFalse(csp.contains("script-src"), "no script is allowed, so none needs a source");
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        String page = r.asString();
        Matcher tag = TAG.matcher(page);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase(java.util.Locale.ROOT);
            if (name.equals("!doctype")) {
                continue;
            }
            assertTrue(TAGS.contains(name), "an element the renderer does not write: " + tag.group());
            assertFalse(
                    Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE)
                            .matcher(tag.group(3))
                            .find(),
                    "an event handler attribute: " + tag.group());
            Matcher href = HREF.matcher(tag.group(3));
            while (href.find()) {
                assertTrue(
                        href.group(1).startsWith("/") || href.group(1).startsWith("#"),
                        "a link out of the service: " + href.group(1));
            }
        }
        for (String raw : List.of("<script", "<img", SCRIPT, IMG)) {
            assertFalse(page.contains(raw), raw);
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
