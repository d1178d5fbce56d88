package io.ragplatform.index.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The index as a LangChain4j {@link ContentRetriever}, also inside LangChain4j's {@link DefaultRetrievalAugmentor}. */
class RagContentRetrieverTest {
    @org.junit.jupiter.api.io.TempDir
    static Path tmp;

    static RagIndex index;

    @BeforeAll
    static void setUp() throws IOException {
        index = TestCorpus.build(tmp);
    }

    @AfterAll
    static void tearDown() throws IOException {
        index.close();
    }

    private RagContentRetriever retriever(SearchMode mode, int maxResults) {
        return RagContentRetriever.builder(index, AccessScope.ALL)
                .mode(mode)
                .maxResults(maxResults)
                .build();
    }

    private static String sourceOf(Content c) {
        return c.textSegment().metadata().getString("sourceId");
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void a_keyword_query_finds_the_right_topic_first(SearchMode mode) {
        ContentRetriever retriever = retriever(mode, 3);
        List<Content> contents = retriever.retrieve(Query.from("Titan methane lakes"));
        assertFalse(contents.isEmpty());
        assertEquals(TestCorpus.SATURN, sourceOf(contents.get(0)), mode.toString());
        Content top = contents.get(0);
        String chunkId = top.textSegment().metadata().getString("chunkId");
        assertEquals(chunkId, top.metadata().get(ContentMetadata.EMBEDDING_ID));
        assertEquals(
                index.chunk(chunkId, AccessScope.ALL).orElseThrow().text(),
                top.textSegment().text());
        assertInstanceOf(Double.class, top.metadata().get(ContentMetadata.SCORE));
    }

    @ParameterizedTest
    @EnumSource(
            value = SearchMode.class,
            names = {"HYBRID", "VECTOR"})
    void a_paraphrased_query_finds_the_right_topic_first(SearchMode mode) {
        ContentRetriever retriever = retriever(mode, 2);
        List<Content> contents = retriever.retrieve(Query.from("How do I get my money back after a business trip?"));
        assertEquals(2, contents.size());
        Content top = contents.get(0);
        assertEquals(TestCorpus.EXPENSES, sourceOf(top), mode.toString());
        var meta = top.textSegment().metadata();
        assertTrue(
                meta.containsKey("chunkId")
                        && meta.containsKey("documentId")
                        && meta.containsKey("charStart")
                        && meta.containsKey("charEnd")
                        && meta.containsKey("indexVersion"),
                meta.toString());
        assertEquals(index.stats().indexVersion(), meta.getLong("indexVersion"));
    }

    @Test
    void the_default_is_hybrid_with_langchain4j_result_count() {
        RagContentRetriever retriever =
                RagContentRetriever.builder(index, AccessScope.ALL).build();
        assertTrue(retriever.toString().contains("HYBRID"), retriever.toString());
        assertEquals(
                RagContentRetriever.DEFAULT_MAX_RESULTS,
                retriever.retrieve(Query.from("sourdough bread")).size());
    }

    @Test
    void it_augments_a_user_message_inside_default_retrieval_augmentor() {
        RetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder()
                .contentRetriever(RagContentRetriever.builder(index, AccessScope.ALL)
                        .maxResults(1)
                        .build())
                .build();
        UserMessage question = UserMessage.from("When do I have to hand in my travel receipts?");
        AugmentationResult result =
                augmentor.augment(new AugmentationRequest(question, Metadata.from(question, "chat-1", List.of())));

        assertEquals(1, result.contents().size());
        TextSegment retrieved = result.contents().get(0).textSegment();
        assertEquals(TestCorpus.EXPENSES, retrieved.metadata().getString("sourceId"));
        String augmented = ((UserMessage) result.chatMessage()).singleText();
        assertTrue(augmented.startsWith(question.singleText()), augmented);
        assertTrue(augmented.contains(retrieved.text()), augmented);
        assertTrue(augmented.contains("thirty days"), augmented);
    }

    @Test
    void filters_restrict_results() {
        List<Content> saturnOnly = RagContentRetriever.builder(index, AccessScope.ALL)
                .sourceId(TestCorpus.SATURN)
                .maxResults(5)
                .build()
                .retrieve(Query.from("bread dough oven"));
        assertFalse(saturnOnly.isEmpty());
        saturnOnly.forEach(c -> assertEquals(TestCorpus.SATURN, sourceOf(c)));

        List<Content> german = RagContentRetriever.builder(index, AccessScope.ALL)
                .language("de")
                .contentType("text/plain")
                .maxResults(5)
                .mode(SearchMode.VECTOR)
                .build()
                .retrieve(Query.from("Saturn rings"));
        assertEquals(
                List.of(TestCorpus.BIKES),
                german.stream().map(RagContentRetrieverTest::sourceOf).toList());

        assertTrue(RagContentRetriever.builder(index, AccessScope.ALL)
                .sourceId("no-such-source")
                .build()
                .retrieve(Query.from("bread"))
                .isEmpty());
    }

    @Test
    void min_score_applies_to_vector_relevance_scores_only() {
        RagContentRetriever all = retriever(SearchMode.VECTOR, 4);
        List<Content> contents = all.retrieve(Query.from("sourdough starter"));
        double first = (Double) contents.get(0).metadata().get(ContentMetadata.SCORE);
        double second = (Double) contents.get(1).metadata().get(ContentMetadata.SCORE);
        assertTrue(first <= 1 && second < first);

        List<Content> strong = RagContentRetriever.builder(index, AccessScope.ALL)
                .mode(SearchMode.VECTOR)
                .maxResults(4)
                .minScore((first + second) / 2)
                .build()
                .retrieve(Query.from("sourdough starter"));
        assertEquals(List.of(contents.get(0)), strong);

        assertThrows(
                IllegalStateException.class,
                () -> RagContentRetriever.builder(index, AccessScope.ALL)
                        .minScore(0.5)
                        .build());
        assertThrows(
                IllegalStateException.class,
                () -> RagContentRetriever.builder(index, AccessScope.ALL)
                        .mode(SearchMode.KEYWORD)
                        .minScore(0.5)
                        .build());
        assertThrows(
                IllegalArgumentException.class,
                () -> RagContentRetriever.builder(index, AccessScope.ALL).minScore(1.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> RagContentRetriever.builder(index, AccessScope.ALL).maxResults(0));
    }

    @Test
    void one_retriever_serves_concurrent_queries() throws Exception {
        RagContentRetriever retriever = RagContentRetriever.builder(index, AccessScope.ALL)
                .maxResults(2)
                .build();
        List<String> queries = List.of("Titan methane lakes", "sourdough starter", "travel receipts", "platte Reifen");
        List<String> expected = List.of(TestCorpus.SATURN, TestCorpus.BREAD, TestCorpus.EXPENSES, TestCorpus.BIKES);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<List<Content>>> futures = queries.stream()
                        .map(q -> pool.submit(() -> retriever.retrieve(Query.from(q))))
                        .toList();
                for (int i = 0; i < queries.size(); i++) {
                    assertEquals(expected.get(i), sourceOf(futures.get(i).get().get(0)), queries.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
