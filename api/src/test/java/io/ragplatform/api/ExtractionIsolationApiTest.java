package io.ragplatform.api;

import static io.ragplatform.api.ApiCalls.error;
import static io.ragplatform.api.ApiCalls.get;
import static io.ragplatform.api.ApiCalls.utf8;
import static io.ragplatform.api.Fixtures.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ragplatform.fixtures.HostileParser;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A parser that hangs, exhausts its heap or kills its JVM ({@link HostileParser}, registered by this module's test
 * resources) costs the one upload: it is answered 422 within the timeout, the service stays ready and serves other
 * calls meanwhile, and the next upload is stored.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
@TestProfile(ExtractionIsolationApiTest.ShortTimeout.class)
class ExtractionIsolationApiTest {
    private static final long TIMEOUT_MS = 3_000;

    /** One forked parser, 3 s per file, 128 MB of heap. */
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "rag.extraction.isolation", "fork",
                    "rag.extraction.parsers", "1",
                    "rag.extraction.timeout", TIMEOUT_MS + "ms",
                    "rag.extraction.max-heap", "128M");
        }
    }

    @Test
    void a_hanging_parser_is_answered_at_the_timeout_while_the_service_serves_others() {
        stored("before-hang.txt", "A note stored before the hanging upload, so that the forked parser is running.");

        long t0 = System.nanoTime();
        CompletableFuture<Void> hanging = CompletableFuture.runAsync(() -> error(
                        upload("stuck.rag-hang", HostileParser.CONTENT, "hostile/hang")
                                .then(),
                        422,
                        "extraction_timeout")
                .body("message", containsString("took longer than 3 s"))
                .body("message", containsString("rag.extraction.timeout")));
        // while the parse hangs, the service answers
        get("/q/health/ready").statusCode(200);
        get("/v1/search?q=note").statusCode(200);
        hanging.join();
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertTrue(ms < TIMEOUT_MS + 3_000, "answered after " + ms + " ms");
        get("/q/health/ready").statusCode(200);
        stored("after-hang.txt", "A note stored after the hanging upload, by a new forked parser.");
    }

    @Test
    void a_parser_out_of_memory_is_refused_and_the_next_upload_is_stored() {
        error(upload("hog.rag-oom", HostileParser.CONTENT, "hostile/oom").then(), 422, "extraction_failed")
                .body("message", containsString("ran out of memory"))
                .body("message", containsString("rag.extraction.max-heap"));
        get("/q/health/ready").statusCode(200);
        stored("after-oom.txt", "A note stored after the upload that exhausted the parser's heap.");
    }

    @Test
    void a_crash_of_the_parser_is_refused_and_the_next_upload_is_stored() {
        error(upload("boom.rag-crash", HostileParser.CONTENT, "hostile/crash").then(), 422, "extraction_failed")
                .body("message", containsString("the parser process died"));
        get("/q/health/ready").statusCode(200);
        stored("after-crash.txt", "A note stored after the upload that killed the parser's JVM.");
    }

    private static void stored(String name, String text) {
        upload(name, utf8(text), "hostile/" + name).then().statusCode(200).body("status", equalTo("created"));
    }
}
