package io.ragplatform.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ragplatform.index.Occurrence;
import io.ragplatform.index.SearchHit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankedListsTest {
    private static Retrieved hit(String chunk, double score, String... sources) {
        return new Retrieved(chunk, List.of(sources), score);
    }

    @Test
    void a_source_ranks_at_its_best_chunk_and_once() {
        List<Retrieved> results =
                List.of(hit("c1", 0.9, "s1"), hit("c2", 0.8, "s2"), hit("c3", 0.7, "s1"), hit("c4", 0.6, "s3"));
        assertEquals(List.of("s1", "s2", "s3"), RankedLists.toDocumentRanking(results));
    }

    @Test
    void a_chunk_in_two_sources_ranks_both_before_later_chunks() {
        List<Retrieved> results = List.of(hit("c1", 0.9, "s1", "s2"), hit("c2", 0.8, "s3"), hit("c3", 0.7, "s2"));
        List<String> ranking = RankedLists.toDocumentRanking(results);
        assertEquals(List.of("s1", "s2", "s3"), ranking);
        // s2 is found at rank 2 through the shared chunk
        assertEquals(0.5, Metrics.mrrAtK(ranking, Map.of("s2", 1), 10), 1e-9);
    }

    @Test
    void a_source_listed_twice_by_one_chunk_counts_once() {
        assertEquals(List.of("s1"), RankedLists.toDocumentRanking(List.of(hit("c1", 1, "s1", "s1"))));
    }

    @Test
    void order_is_the_list_order_not_the_score_order() {
        List<Retrieved> results = List.of(hit("c1", 0.1, "s1"), hit("c2", 0.9, "s2"));
        assertEquals(List.of("s1", "s2"), RankedLists.toDocumentRanking(results));
        assertEquals(List.of("c1", "c2"), RankedLists.toChunkRanking(results));
    }

    @Test
    void chunk_level_ranking_drops_repeated_chunks() {
        List<Retrieved> results = List.of(hit("c1", 0.9, "s1"), hit("c2", 0.8, "s1"), hit("c1", 0.7, "s2"));
        assertEquals(List.of("c1", "c2"), RankedLists.toRanking(results, Level.CHUNK));
        assertEquals(List.of("s1", "s2"), RankedLists.toRanking(results, Level.DOCUMENT));
    }

    @Test
    void document_level_scores_differ_from_chunk_level_scores_of_the_same_results() {
        // gold by source: s1 relevant. Its best chunk is rank 1, though c1 itself is not gold at chunk level.
        List<Retrieved> results = List.of(hit("c1", 0.9, "s1"), hit("c2", 0.8, "s2"), hit("c3", 0.7, "s1"));
        QueryMetrics doc = Evaluator.evaluate(RankedLists.toRanking(results, Level.DOCUMENT), Map.of("s1", 1), 3)
                .orElseThrow();
        QueryMetrics chunk = Evaluator.evaluate(RankedLists.toRanking(results, Level.CHUNK), Map.of("c3", 1), 3)
                .orElseThrow();
        assertEquals(1.0, doc.get("mrr@3"), 1e-9);
        // two distinct sources in the ranking, one relevant, and precision divides by k = 3
        assertEquals(1.0 / 3, doc.get("precision@3"), 1e-9);
        assertEquals(1.0 / 3, chunk.get("mrr@3"), 1e-9);
    }

    @Test
    void index_hits_keep_their_order_and_every_source() {
        List<SearchHit> hits = List.of(
                new SearchHit(
                        "c1",
                        0.9f,
                        "text one",
                        List.of(new Occurrence("doc-a", "s1", 0, 8, 1), new Occurrence("doc-b", "s2", 10, 18, 0))),
                new SearchHit("c2", 0.5f, "text two", List.of(new Occurrence("doc-c", "s3", 0, 8, 0))));
        List<Retrieved> retrieved = RankedLists.fromHits(hits);
        assertEquals(
                List.of(new Retrieved("c1", List.of("s1", "s2"), 0.9f), new Retrieved("c2", List.of("s3"), 0.5f)),
                retrieved);
        assertEquals(List.of("s1", "s2", "s3"), RankedLists.toDocumentRanking(retrieved));
    }
}
