package io.ragplatform.index;

import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.PreparedUpload;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What index tests share: the real in-process model (loaded once per class), the real preparation pipeline, a
 * temporary directory per test, and texts to upload. Public for the tests of the index's implementations (their
 * packages' own classes), which extend it too.
 */
public abstract class IndexFixture {
    protected static Embedder model;
    protected static DocumentPreparer preparer;

    @TempDir
    protected Path tmp;

    @BeforeAll
    static void loadModel() {
        model = Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0);
        preparer = TestPipeline.preparer(model);
    }

    /** The upload of {@code text} as a text file under {@code sourceId}. */
    protected PreparedUpload prepare(String sourceId, String text) {
        return TestPipeline.prepare(preparer, tmp, sourceId, text);
    }

    /** The upload of {@code text} as a text file under {@code sourceId}, readable by {@code acl}. */
    PreparedUpload prepare(String sourceId, String text, String... acl) {
        return TestPipeline.prepare(preparer, tmp, sourceId, text, java.util.List.of(acl));
    }

    /** A Lucene index in this test's directory, for the pipeline {@code "test"}, embedding with {@code embedder}. */
    RagIndex newIndex(Embedder embedder) {
        return RagIndex.open(tmp.resolve("index"), embedder, "test");
    }

    /** The ID of the first chunk of a stored document. */
    static String firstChunkOf(RagIndex index, String documentId) {
        return index.document(documentId, AccessScope.ALL)
                .orElseThrow()
                .chunks()
                .get(0)
                .chunkId();
    }

    /** The sources a stored chunk occurs in, in the chunk's order. */
    static java.util.List<String> sourcesOfChunk(RagIndex index, String chunkId) {
        return index.chunk(chunkId, AccessScope.ALL).orElseThrow().occurrences().stream()
                .map(Occurrence::sourceId)
                .toList();
    }

    /** {@code n} titled sections of their own, {@code insert} appended to the middle one. */
    static String sections(int n, String insert) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("Section Number ").append(i).append("\n\n");
            sb.append("Paragraph ")
                    .append(i)
                    .append(" explains how the archive of region ")
                    .append(i)
                    .append(" is rotated every ")
                    .append(i + 2)
                    .append(" weeks by the storage team.");
            if (i == n / 2) {
                sb.append(insert);
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }
}
