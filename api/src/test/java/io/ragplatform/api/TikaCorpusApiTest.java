package io.ragplatform.api;

import static io.ragplatform.api.Fixtures.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ragplatform.fixtures.Fixture;
import io.ragplatform.fixtures.ZipBomb;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Apache Tika's test corpus (56 files of the fixtures module) through the REST upload, with the service's default
 * extraction (forked parsers): every file is stored or refused with a 4xx and a reason code, none is a server error;
 * and a 1 GB DOCX zip bomb is refused as {@code zip_bomb} in seconds.
 */
@QuarkusTest
@QuarkusTestResource(DataDirResource.class)
class TikaCorpusApiTest {
    @Test
    void every_tika_test_document_is_stored_or_refused_with_a_reason_never_a_server_error() {
        List<String> corpus = Fixture.tikaCorpus();
        List<String> serverErrors = new ArrayList<>();
        int stored = 0;
        for (String name : corpus) {
            Response r = upload(name, Fixture.bytes("tika/" + name), "corpus/" + name);
            int status = r.statusCode();
            if (status == 200) {
                stored++;
            } else if (status >= 500 || status < 400 || r.jsonPath().getString("error") == null) {
                serverErrors.add(name + " -> " + status + " " + r.asString());
            }
        }
        assertEquals(List.of(), serverErrors);
        assertEquals(56, corpus.size());
        assertTrue(stored >= 40, "stored " + stored + " of " + corpus.size());
    }

    @Test
    void a_docx_zip_bomb_is_refused_in_seconds() throws IOException {
        Path dir = Files.createTempDirectory("rag-bomb-");
        byte[] bomb = Files.readAllBytes(ZipBomb.docx(dir.resolve("bomb.docx"), 1L << 30));
        // the forked parser started, so that the time is the refusal's, not the JVM start's
        upload("warm.txt", ApiCalls.utf8("A note that starts the forked parser."), "corpus/warm.txt")
                .then()
                .statusCode(200);

        long t0 = System.nanoTime();
        ApiCalls.error(upload("bomb.docx", bomb, "corpus/bomb.docx").then(), 422, "zip_bomb");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertTrue(ms < 5_000, "refused after " + ms + " ms");
    }
}
