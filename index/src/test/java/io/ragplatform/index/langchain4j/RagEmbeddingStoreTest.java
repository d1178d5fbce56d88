package io.ragplatform.index.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.ChunkRecord;
import io.ragplatform.index.RagIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The index as a LangChain4j {@link EmbeddingStore}, driven through LangChain4j's own retriever and request types. */
class RagEmbeddingStoreTest {
    @TempDir
    static Path tmp;

    static RagIndex index;
    static EmbeddingStore<TextSegment> store;
    static EmbeddingModel langchainModel;

    @BeforeAll
    static void setUp() throws IOException {
        index = TestCorpus.build(tmp);
        store = new RagEmbeddingStore(index, AccessScope.ALL);
        langchainModel = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @AfterAll
    static void tearDown() throws IOException {
        index.close();
    }

    private static String sourceOf(Content c) {
        return c.textSegment().metadata().getString("sourceId");
    }

    private static EmbeddingSearchRequest request(String text, int maxResults, double minScore, Filter filter) {
        return EmbeddingSearchRequest.builder()
                .queryEmbedding(langchainModel.embed(text).content())
                .maxResults(maxResults)
                .minScore(minScore)
                .filter(filter)
                .build();
    }

    @Test
    void embedding_store_content_retriever_finds_the_right_topic_first() {
        ContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(langchainModel)
                .maxResults(2)
                .build();

        List<Content> bread =
                retriever.retrieve(Query.from("How long should the dough rise before it goes into the oven?"));
        assertEquals(2, bread.size());
        assertEquals(TestCorpus.BREAD, sourceOf(bread.get(0)));

        List<Content> moons = retriever.retrieve(Query.from("Which moon has an atmosphere and methane lakes?"));
        assertEquals(TestCorpus.SATURN, sourceOf(moons.get(0)));

        Content top = moons.get(0);
        String chunkId = top.textSegment().metadata().getString("chunkId");
        assertEquals(chunkId, top.metadata().get(ContentMetadata.EMBEDDING_ID));
        ChunkRecord chunk = index.chunk(chunkId, AccessScope.ALL).orElseThrow();
        assertEquals(chunk.text(), top.textSegment().text());
        double score = (Double) top.metadata().get(ContentMetadata.SCORE);
        assertTrue(score > 0 && score <= 1, "relevance score in (0, 1]: " + score);
        assertTrue(score >= (Double) moons.get(1).metadata().get(ContentMetadata.SCORE), "best first");
    }

    @Test
    void matches_carry_chunk_identity_and_the_first_occurrence() {
        List<EmbeddingMatch<TextSegment>> matches = store.search(
                        request("travel receipts and hotel approval", 4, 0, null))
                .matches();
        assertEquals(4, matches.size(), "four documents, one chunk each");
        EmbeddingMatch<TextSegment> top = matches.get(0);
        var meta = top.embedded().metadata();
        assertEquals(top.embeddingId(), meta.getString("chunkId"));
        assertEquals(TestCorpus.EXPENSES, meta.getString("sourceId"));
        assertEquals(
                index.documentsOfSource(TestCorpus.EXPENSES, AccessScope.ALL)
                        .get(0)
                        .documentId(),
                meta.getString("documentId"));
        assertEquals(0, meta.getInteger("charStart"));
        assertTrue(meta.getInteger("charEnd") > meta.getInteger("charStart"));
        assertFalse(meta.containsKey("page"), "plain text and Markdown have no pages");
        assertEquals(index.stats().indexVersion(), meta.getLong("indexVersion"));
        assertNull(top.embedding(), "the store does not hand out stored vectors");
        assertTrue(top.embedded().text().contains("thirty days"));
    }

    @Test
    void scores_are_langchain4j_relevance_scores_of_the_cosine() {
        Embedding query = langchainModel.embed("Saturn's ice rings").content();
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(query)
                        .maxResults(4)
                        .build())
                .matches();
        assertEquals(4, matches.size());
        for (EmbeddingMatch<TextSegment> m : matches) {
            Embedding chunk = langchainModel.embed(m.embedded().text()).content();
            double expected = RelevanceScore.fromCosineSimilarity(CosineSimilarity.between(query, chunk));
            assertEquals(expected, m.score(), 1e-4, "Lucene's COSINE score (1 + cos) / 2 for " + m.embeddingId());
        }
        for (int i = 1; i < matches.size(); i++) {
            assertTrue(matches.get(i - 1).score() >= matches.get(i).score(), "best first");
        }
    }

    @Test
    void min_score_drops_weaker_matches() {
        List<EmbeddingMatch<TextSegment>> all =
                store.search(request("sourdough starter", 4, 0, null)).matches();
        assertEquals(TestCorpus.BREAD, all.get(0).embedded().metadata().getString("sourceId"));
        double between = (all.get(0).score() + all.get(1).score()) / 2;
        List<EmbeddingMatch<TextSegment>> strong =
                store.search(request("sourdough starter", 4, between, null)).matches();
        assertEquals(
                List.of(all.get(0).embeddingId()),
                strong.stream().map(EmbeddingMatch::embeddingId).toList());
        assertTrue(store.search(
                        request("sourdough starter", 4, Math.nextUp(all.get(0).score()), null))
                .matches()
                .isEmpty());
    }

    @Test
    void a_source_id_filter_restricts_results() {
        Filter saturnOnly = metadataKey("sourceId").isEqualTo(TestCorpus.SATURN);
        List<EmbeddingMatch<TextSegment>> matches =
                store.search(request("bread dough oven", 4, 0, saturnOnly)).matches();
        assertFalse(matches.isEmpty());
        for (EmbeddingMatch<TextSegment> m : matches) {
            assertEquals(TestCorpus.SATURN, m.embedded().metadata().getString("sourceId"));
            assertTrue(saturnOnly.test(m.embedded().metadata()), "LangChain4j's own evaluation of the filter agrees");
        }

        // the same through LangChain4j's retriever
        ContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(langchainModel)
                .maxResults(3)
                .filter(metadataKey("sourceId").isEqualTo(TestCorpus.EXPENSES))
                .build();
        List<Content> contents = retriever.retrieve(Query.from("Saturn rings"));
        assertEquals(
                Set.of(TestCorpus.EXPENSES),
                contents.stream().map(RagEmbeddingStoreTest::sourceOf).collect(Collectors.toSet()));
    }

    @Test
    void and_of_language_and_content_type_filters_restricts_results() {
        Filter germanText = metadataKey("language")
                .isEqualTo("de")
                .and(metadataKey("contentType").isEqualTo("text/plain"));
        List<EmbeddingMatch<TextSegment>> matches = store.search(
                        request("ice particles in planetary rings", 4, 0, germanText))
                .matches();
        assertEquals(
                List.of(TestCorpus.BIKES),
                matches.stream()
                        .map(m -> m.embedded().metadata().getString("sourceId"))
                        .toList());

        Filter markdown = metadataKey("contentType").isEqualTo("text/markdown");
        assertEquals(
                List.of(TestCorpus.EXPENSES),
                store.search(request("bicycle repair", 4, 0, markdown)).matches().stream()
                        .map(m -> m.embedded().metadata().getString("sourceId"))
                        .toList());

        Filter contradiction = metadataKey("sourceId")
                .isEqualTo(TestCorpus.BREAD)
                .and(metadataKey("sourceId").isEqualTo(TestCorpus.SATURN));
        assertTrue(store.search(request("bread", 4, 0, contradiction)).matches().isEmpty());
    }

    @Test
    void unsupported_filters_throw() {
        for (Filter f : List.of(
                metadataKey("sourceId").isIn(TestCorpus.BREAD, TestCorpus.SATURN),
                metadataKey("sourceId")
                        .isEqualTo(TestCorpus.BREAD)
                        .or(metadataKey("sourceId").isEqualTo(TestCorpus.SATURN)),
                metadataKey("sourceId").isNotEqualTo(TestCorpus.BREAD),
                metadataKey("author").isEqualTo("someone"),
                metadataKey("language").isEqualTo("en").and(metadataKey("page").isGreaterThan(2)),
                metadataKey("sourceId").isEqualTo(7))) {
            UnsupportedOperationException e = assertThrows(
                    UnsupportedOperationException.class, () -> store.search(request("bread", 2, 0, f)), f.toString());
            assertTrue(e.getMessage().contains("sourceId, contentType and language"), e.getMessage());
        }
    }

    @Test
    void a_query_embedding_of_another_dimension_is_rejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(Embedding.from(new float[] {1f, 0f, 0f}))
                        .build()));
        assertTrue(
                e.getMessage().contains("3 dimensions")
                        && e.getMessage()
                                .contains(String.valueOf(index.embedder().dimension())),
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(
                                Embedding.from(new float[index.embedder().dimension()]))
                        .build()));
    }

    @Test
    void every_write_method_throws() {
        Embedding e = langchainModel.embed("anything").content();
        TextSegment s = TextSegment.from("anything");
        List<Executable> writes = List.of(
                () -> store.add(e),
                () -> store.add("id", e),
                () -> store.add(e, s),
                () -> store.addAll(List.of(e)),
                () -> store.addAll(List.of(e), List.of(s)),
                () -> store.addAll(List.of("id"), List.of(e), List.of(s)),
                () -> store.remove("id"),
                () -> store.removeAll(List.of("id")),
                () -> store.removeAll(metadataKey("sourceId").isEqualTo(TestCorpus.BREAD)),
                () -> store.removeAll());
        long version = index.stats().indexVersion();
        for (Executable w : writes) {
            UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class, w);
            assertTrue(
                    ex.getMessage().contains("RagIndex.upsert")
                            && ex.getMessage().contains("deduplication"),
                    ex.getMessage());
        }
        assertEquals(version, index.stats().indexVersion(), "nothing was written");
        assertNotNull(index.chunk(
                        store.search(request("bread", 1, 0, null))
                                .matches()
                                .get(0)
                                .embeddingId(),
                        AccessScope.ALL)
                .orElse(null));
    }
}
