package io.ragplatform.index.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.TestPipeline;
import io.ragplatform.ingest.DocumentPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapters read as the scope they were built with: a finance-only document is invisible to an eng reader. */
class AdapterAccessTest {
    private static final AccessScope ENG = AccessScope.groups(Set.of("eng"));
    private static final AccessScope FINANCE = AccessScope.groups(Set.of("finance"));
    private static final String SHARED =
            "Glacier Notes\n\nA shared paragraph about glacier melt rates in the Alps.\n\n";

    @TempDir
    Path tmp;

    private RagIndex build() throws IOException {
        Embedder model = TestCorpus.model();
        DocumentPreparer preparer = TestPipeline.preparer(model, text -> "en");
        RagIndex index = RagIndex.open(tmp.resolve("index"), model, "test");
        upload(index, preparer, "public.txt", SHARED, List.of("public"));
        upload(
                index,
                preparer,
                "finance.txt",
                SHARED + "Budget\n\nThe glacier survey budget of the treasury is kept in the vault.",
                List.of("finance"));
        return index;
    }

    private void upload(RagIndex index, DocumentPreparer preparer, String name, String text, List<String> acl)
            throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        index.upsert(preparer.prepare(f, name, name, Map.of(), acl));
    }

    private static List<String> sources(List<Content> contents) {
        return contents.stream()
                .map(c -> c.textSegment().metadata().getString("sourceId"))
                .toList();
    }

    @Test
    void the_content_retriever_returns_and_cites_only_what_its_scope_may_read() throws IOException {
        try (RagIndex index = build()) {
            for (SearchMode mode : SearchMode.values()) {
                List<Content> eng = RagContentRetriever.builder(index, ENG)
                        .mode(mode)
                        .maxResults(5)
                        .build()
                        .retrieve(Query.from("glacier survey budget treasury"));
                assertFalse(eng.isEmpty(), mode.toString());
                assertEquals(List.of("public.txt"), sources(eng), mode + ": the shared chunk, cited by public.txt");
                assertTrue(eng.stream().noneMatch(c -> c.textSegment().text().contains("vault")), mode.toString());

                List<Content> finance = RagContentRetriever.builder(index, FINANCE)
                        .mode(mode)
                        .maxResults(5)
                        .sourceId("finance.txt")
                        .build()
                        .retrieve(Query.from("glacier survey budget treasury"));
                assertEquals(2, finance.size(), mode.toString());
                assertEquals(List.of("finance.txt", "finance.txt"), sources(finance), mode.toString());
                assertTrue(RagContentRetriever.builder(index, ENG)
                        .mode(mode)
                        .sourceId("finance.txt")
                        .build()
                        .retrieve(Query.from("glacier"))
                        .isEmpty());
            }
            assertTrue(
                    RagContentRetriever.builder(index, ENG).build().toString().contains("access=AccessScope[eng]"));
        }
    }

    @Test
    void the_embedding_store_searches_only_what_its_scope_may_read() throws IOException {
        try (RagIndex index = build()) {
            EmbeddingSearchRequest.EmbeddingSearchRequestBuilder request = EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(index.embedder().embedQuery("glacier survey budget treasury")))
                    .maxResults(5);
            List<EmbeddingMatch<TextSegment>> eng =
                    new RagEmbeddingStore(index, ENG).search(request.build()).matches();
            assertEquals(1, eng.size(), "only the shared chunk");
            assertEquals("public.txt", eng.get(0).embedded().metadata().getString("sourceId"));
            assertEquals(
                    2,
                    new RagEmbeddingStore(index, FINANCE)
                            .search(request.build())
                            .matches()
                            .size());
            assertTrue(new RagEmbeddingStore(index, ENG)
                    .search(request.filter(metadataKey("sourceId").isEqualTo("finance.txt"))
                            .build())
                    .matches()
                    .isEmpty());
        }
    }
}
