package io.ragplatform.index.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchMode;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One chunk stored once for two sources of different languages: the metadata describes an occurrence that matches the
 * filters, and combined filters hold per document, not per chunk.
 */
class SharedChunkFilterTest {
    @TempDir
    Path tmp;

    private static final String TEXT =
            "A shared paragraph about glacier melt rates in the Alps during the summer months.\n";

    private RagIndex build() throws IOException {
        Embedder model = TestCorpus.model();
        Canonicalizer canon = Canonicalizer.standard();
        RagIndex index = RagIndex.open(tmp.resolve("index"), model, "test");
        for (String[] source : new String[][] {{"a.txt", "en"}, {"b.txt", "de"}}) {
            DocumentPreparer preparer = new DocumentPreparer(
                    Extractors.tika(ExtractionLimits.DEFAULTS),
                    canon,
                    Chunker.structural(model.tokenCounter(), model.maxTokens() - 2, canon.hashVersion()),
                    text -> source[1]);
            Path f = tmp.resolve(source[0]);
            Files.writeString(f, TEXT, StandardCharsets.UTF_8);
            index.upsert(preparer.prepare(f, source[0], source[0], Map.of(), Acl.PUBLIC_ONLY));
        }
        return index;
    }

    @Test
    void metadata_names_an_occurrence_matching_the_filter_and_combined_filters_hold_per_document() throws IOException {
        try (RagIndex index = build()) {
            assertEquals(1, index.stats().chunks(), "the paragraph is stored once");

            // unfiltered: the first occurrence (a.txt); filtered on b.txt: b.txt's occurrence
            assertEquals(
                    "a.txt",
                    RagContentRetriever.builder(index, AccessScope.ALL)
                            .build()
                            .retrieve(Query.from("glacier melt"))
                            .get(0)
                            .textSegment()
                            .metadata()
                            .getString("sourceId"));
            List<Content> inB = RagContentRetriever.builder(index, AccessScope.ALL)
                    .sourceId("b.txt")
                    .build()
                    .retrieve(Query.from("glacier melt"));
            assertEquals("b.txt", inB.get(0).textSegment().metadata().getString("sourceId"));

            // a.txt is English and b.txt German: no document is both a.txt and German
            for (SearchMode mode : SearchMode.values()) {
                assertTrue(
                        RagContentRetriever.builder(index, AccessScope.ALL)
                                .mode(mode)
                                .sourceId("a.txt")
                                .language("de")
                                .build()
                                .retrieve(Query.from("glacier melt"))
                                .isEmpty(),
                        mode.toString());
            }
            RagEmbeddingStore store = new RagEmbeddingStore(index, AccessScope.ALL);
            EmbeddingSearchRequest.EmbeddingSearchRequestBuilder request = EmbeddingSearchRequest.builder()
                    .queryEmbedding(dev.langchain4j.data.embedding.Embedding.from(
                            index.embedder().embedQuery("glacier melt")))
                    .maxResults(3);
            assertTrue(store.search(request.filter(metadataKey("sourceId")
                                    .isEqualTo("a.txt")
                                    .and(metadataKey("language").isEqualTo("de")))
                            .build())
                    .matches()
                    .isEmpty());
            List<EmbeddingMatch<TextSegment>> german = store.search(
                            request.filter(metadataKey("language").isEqualTo("de"))
                                    .build())
                    .matches();
            assertEquals("b.txt", german.get(0).embedded().metadata().getString("sourceId"));
        }
    }
}
